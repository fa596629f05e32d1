import { CloudRunService, SecretEnvSource } from "../../components/cloudRun/service";
import { TrafficPolicy } from "../../components/cloudRun/traffic";
import { ManagedSecret } from "../../components/secrets/managedSecret";
import { CloudRunServiceSpec } from "../schema";
import { Assembly } from "./context";

/** `platform:cloudRun` → one CloudRunService each, reading its secrets from `secrets`. */
export function assembleCloudRun(a: Assembly, secrets: Map<string, ManagedSecret>): Map<string, CloudRunService> {
  const services = new Map<string, CloudRunService>();
  for (const [serviceName, service] of Object.entries(a.spec.cloudRun)) {
    services.set(
      serviceName,
      new CloudRunService(
        serviceName,
        {
          serviceName,
          project: a.spec.gcp.project,
          region: a.spec.gcp.region,
          image: service.image,
          cpu: service.cpu,
          memory: service.memory,
          minInstances: service.minInstances,
          maxInstances: service.maxInstances,
          concurrency: service.concurrency,
          timeoutSeconds: service.timeoutSeconds,
          port: service.port,
          healthPath: service.healthPath,
          env: service.env,
          secretEnv: secretEnvSources(service, secrets),
          public: service.public,
          ingress: service.ingress,
          traffic: trafficPolicy(service),
          restartToken: service.restartToken,
          labels: a.labels(service.product),
          deletionProtection: a.protectStateful,
        },
        { provider: a.gcp },
      ),
    );
  }
  return services;
}

function secretEnvSources(service: CloudRunServiceSpec, secrets: Map<string, ManagedSecret>): Record<string, SecretEnvSource> {
  const sources: Record<string, SecretEnvSource> = {};
  for (const [envName, ref] of Object.entries(service.secretEnv)) {
    const secret = secrets.get(ref.secret)!; // the spec checked that every reference is declared
    const source = { name: ref.secret, secretId: secret.secretId };
    // A version the platform wrote is read as `latest` and recorded on the revision (CloudRunService
    // writtenVersion): a rotation rolls a new revision, and a rollback to an older one still starts.
    sources[envName] =
      ref.version !== undefined || !secret.version
        ? { ...source, version: ref.version ?? "latest" }
        : { ...source, version: "latest", writtenVersion: secret.version.version };
  }
  return sources;
}

function trafficPolicy(service: CloudRunServiceSpec): TrafficPolicy {
  const traffic = service.traffic;
  if (traffic?.pinRevision) return { kind: "pinned", revision: traffic.pinRevision };
  if (traffic?.split) return { kind: "split", targets: traffic.split };
  return { kind: "latest" };
}

import * as pulumi from "@pulumi/pulumi";
import * as vercel from "@pulumiverse/vercel";
import { CloudRunService } from "../../components/cloudRun/service";
import { ManagedSecret } from "../../components/secrets/managedSecret";
import { PlainEnvVar, SensitiveEnvVar, VercelProject } from "../../components/vercel/project";
import { VercelProjectSpec } from "../validate/rules/vercel";
import { Assembly } from "./context";
import { readSecret } from "./secretReads";

/** What the monitoring issue reads: where each project answers and its health endpoints. */
export interface VercelProjectOutputs {
  productionUrl: pulumi.Output<string>;
  healthChecks: Record<string, string>;
}

/**
 * `platform:vercel` → one VercelProject each, with one Vercel provider per team. The API token comes
 * from VERCEL_API_TOKEN in the environment of `pulumi up`, never from a file.
 */
export function assembleVercel(a: Assembly, secrets: Map<string, ManagedSecret>, services: Map<string, CloudRunService>): Map<string, VercelProjectOutputs> {
  const outputs = new Map<string, VercelProjectOutputs>();
  const settings = a.spec.vercel;
  if (!settings) return outputs;
  const providers = new Map<string, vercel.Provider>();
  const providerFor = (team: string) => {
    if (!providers.has(team)) providers.set(team, new vercel.Provider(`vercel-${team}`, { team }));
    return providers.get(team)!;
  };

  for (const [key, spec] of Object.entries(settings.projects)) {
    const projectName = spec.name ?? key;
    const project = new VercelProject(
      key,
      {
        projectName,
        framework: spec.framework,
        git: spec.git,
        build: spec.build,
        deploymentProtection: spec.deploymentProtection,
        env: plainEnv(spec, services),
        sensitiveEnv: sensitiveEnv(a, spec, secrets),
        maintenance: spec.maintenance?.enabled ? { message: spec.maintenance.message } : undefined,
        flags: spec.flags,
        domains: spec.domains,
        pinCommit: spec.production?.pinCommit,
        redeployToken: spec.production?.redeployToken,
        protect: a.protectStateful,
      },
      { provider: providerFor(spec.team ?? settings.team) },
    );
    outputs.set(key, {
      productionUrl: project.productionUrl,
      healthChecks: healthUrls(spec, projectName),
    });
  }
  return outputs;
}

function plainEnv(spec: VercelProjectSpec, services: Map<string, CloudRunService>): Record<string, PlainEnvVar> {
  const env: Record<string, PlainEnvVar> = {};
  for (const [key, envVar] of Object.entries(spec.env)) {
    if (envVar.secret !== undefined) continue;
    // The spec checked that a referenced service is declared.
    const value = envVar.cloudRunUrl !== undefined ? services.get(envVar.cloudRunUrl)!.url : envVar.value!;
    env[key] = { value, targets: envVar.targets, comment: envVar.comment };
  }
  return env;
}

/**
 * Secret env vars: read from Secret Manager when `pulumi up` runs and handed to Vercel as sensitive.
 * The read waits for the secret (and a generated secret's version), and its result is a Pulumi secret.
 */
function sensitiveEnv(a: Assembly, spec: VercelProjectSpec, secrets: Map<string, ManagedSecret>): Record<string, SensitiveEnvVar> {
  const env: Record<string, SensitiveEnvVar> = {};
  for (const [key, envVar] of Object.entries(spec.env)) {
    if (envVar.secret === undefined) continue;
    const read = readSecret(a, secrets, envVar.secret, envVar.version);
    env[key] = {
      value: read.value,
      targets: envVar.targets,
      revision: read.revision,
      // Explicit: an invoke whose inputs are unknown in a preview drops its dependencies.
      dependsOn: read.sources,
      comment: envVar.comment ?? `From Secret Manager: ${envVar.secret}`,
    };
  }
  return env;
}

function healthUrls(spec: VercelProjectSpec, projectName: string): Record<string, string> {
  const served = Object.keys(spec.domains)
    .sort()
    .find((domain) => spec.domains[domain].redirect === undefined);
  const base = `https://${served ?? `${projectName}.vercel.app`}`;
  return Object.fromEntries(Object.entries(spec.healthChecks).map(([check, path]) => [check, `${base}${path}`]));
}

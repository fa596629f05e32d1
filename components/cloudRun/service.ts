import * as gcp from "../providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { TrafficPolicy, trafficTargets } from "./traffic";
import { argumentCheck } from "../argumentCheck";

/** An env var read from Secret Manager. */
export interface SecretEnvSource {
  /** The secret's id as declared (JWT_SECRET); it also names the service's grant on it. */
  name: string;
  /** The secret's id as an output of the secret resource, so that the grant waits for the secret. */
  secretId: pulumi.Input<string>;
  /** The version the revision reads: a number (pinned in the stack file), or `latest`. */
  version: pulumi.Input<string>;
  /**
   * For a secret the platform writes (and rotates): the version it wrote. Give `version: "latest"`
   * with it. The revision records it in an annotation, so a rotation still rolls a new revision,
   * while an older revision that a rollback pins reads today's value when it starts, instead of a
   * version the rotation disabled (a cold start of that revision would fail).
   */
  writtenVersion?: pulumi.Input<string>;
}

export type Ingress = "all" | "internal" | "internal-and-cloud-load-balancing";

export interface CloudRunServiceArgs {
  /** Physical service name; the runbooks' `gcloud run ... mixillo-backend` commands use it. */
  serviceName: string;
  project: pulumi.Input<string>;
  region: pulumi.Input<string>;
  image: string;
  /** CPUs per instance: 1, 2, 4, 6, 8, or a fraction such as 0.5. */
  cpu: number;
  /** Memory per instance, e.g. 2Gi. */
  memory: string;
  minInstances: number;
  maxInstances: number;
  /** Requests one instance serves at once. @default 80, Cloud Run's own default */
  concurrency?: number;
  /** @default 300 seconds */
  timeoutSeconds?: number;
  /** @default 8080 */
  port?: number;
  /** Path the startup and liveness probes call. */
  healthPath: string;
  /** Plain environment: never a secret (those go in secretEnv). @default {} */
  env?: Record<string, string>;
  /** Environment read from Secret Manager with `secretKeyRef`. @default {} */
  secretEnv?: Record<string, SecretEnvSource>;
  /** Grant `roles/run.invoker` to allUsers (the runbook's --allow-unauthenticated). @default false */
  public?: boolean;
  /** @default "internal": only traffic from the project's VPC and Google services */
  ingress?: Ingress;
  /** @default { kind: "latest" } */
  traffic?: TrafficPolicy;
  /** Any change rolls a new revision with nothing else changed (the runbook's RESTART env var). */
  restartToken?: string;
  labels: Record<string, string>;
  /** Refuse `pulumi destroy` of the service. @default true */
  deletionProtection?: boolean;
}

const Ingresses: Record<Ingress, string> = {
  all: "INGRESS_TRAFFIC_ALL",
  internal: "INGRESS_TRAFFIC_INTERNAL_ONLY",
  "internal-and-cloud-load-balancing": "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
};

/**
 * Probe timing: the startup probe allows 4 minutes for a cold start, the most a service may have
 * (Cloud Run "Configure container health checks": failureThreshold * periodSeconds at most 240 s);
 * liveness restarts after 90 s.
 */
export const StartupWindowLimitSeconds = 240;
const StartupProbe = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 24 };
const LivenessProbe = { periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 };

export const RestartAnnotation = "platform.ops/restart-token";
/** `JWT_SECRET=4,MONGODB_URI=2`: the written versions of the secrets the revision reads at `latest`. */
export const SecretVersionsAnnotation = "platform.ops/secret-versions";

/**
 * A Cloud Run (v2 API) service with its own service account. The account may read exactly the
 * secrets the service's env refers to, and the service is created only after those grants exist,
 * so a new revision never starts without access to its secrets.
 */
export class CloudRunService extends pulumi.ComponentResource {
  readonly service: gcp.cloudrunv2.Service;
  readonly serviceAccount: gcp.serviceaccount.Account;
  readonly secretAccess: gcp.secretmanager.SecretIamMember[];
  readonly invoker?: gcp.cloudrunv2.ServiceIamMember;
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: CloudRunServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // The type token of before issue 23 as an alias: the component's URN carries over, and so do its
    // children's, whose URNs hold the parent's type (the engine derives a child's alias from the alias
    // its parent matched: pulumi/pulumi pkg/resource/deploy/step_generator.go, generateAliases; the
    // SDK does it itself only for an engine without alias specs, @pulumi/pulumi runtime/resource.js
    // prepareResource → resource.js allAliases). It can go once every stack has had a `pulumi up`.
    super("platform:cloudRun:Service", name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), { type: "platform:cloudrun:Service" }] });
    validate(name, args);
    const port = args.port ?? 8080;
    const env = args.env ?? {};
    const secretEnv = args.secretEnv ?? {};

    this.serviceAccount = new gcp.serviceaccount.Account(
      `${name}-sa`,
      {
        accountId: `${args.serviceName}-run`,
        displayName: `Cloud Run ${args.serviceName}`,
        description: `Runtime identity of Cloud Run service ${args.serviceName}; reads only its own secrets.`,
        project: args.project,
      },
      { parent: this },
    );
    const member = pulumi.interpolate`serviceAccount:${this.serviceAccount.email}`;

    // One grant per secret, on the secret itself: never a project-wide secretAccessor role.
    const readSecrets = new Map(Object.values(secretEnv).map((source) => [source.name, source.secretId]));
    this.secretAccess = [...readSecrets]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([secretName, secretId]) =>
          new gcp.secretmanager.SecretIamMember(
            `${name}-reads-${secretName}`,
            { project: args.project, secretId, role: "roles/secretmanager.secretAccessor", member },
            { parent: this },
          ),
      );

    const envs: gcp.types.input.cloudrunv2.ServiceTemplateContainerEnv[] = [
      ...sortedEntries(env).map(([envName, value]) => ({ name: envName, value })),
      ...sortedEntries(secretEnv).map(([envName, source]) => ({
        name: envName,
        valueSource: { secretKeyRef: { secret: source.secretId, version: source.version } },
      })),
    ];

    this.service = new gcp.cloudrunv2.Service(
      name,
      {
        name: args.serviceName,
        project: args.project,
        location: args.region,
        ingress: Ingresses[args.ingress ?? "internal"],
        deletionProtection: args.deletionProtection ?? true,
        labels: args.labels,
        template: {
          serviceAccount: this.serviceAccount.email,
          labels: args.labels,
          annotations: revisionAnnotations(args.restartToken, secretEnv),
          scaling: { minInstanceCount: args.minInstances, maxInstanceCount: args.maxInstances },
          maxInstanceRequestConcurrency: args.concurrency ?? 80,
          timeout: `${args.timeoutSeconds ?? 300}s`,
          containers: [
            {
              image: args.image,
              ports: { containerPort: port },
              resources: {
                limits: { cpu: cpuQuantity(args.cpu), memory: args.memory },
                cpuIdle: true,
                startupCpuBoost: true,
              },
              envs,
              startupProbe: { ...StartupProbe, httpGet: { path: args.healthPath, port } },
              livenessProbe: { ...LivenessProbe, httpGet: { path: args.healthPath, port } },
            },
          ],
        },
        traffics: trafficTargets(args.traffic ?? { kind: "latest" }),
      },
      { parent: this, dependsOn: this.secretAccess },
    );

    if (args.public) {
      this.invoker = new gcp.cloudrunv2.ServiceIamMember(
        `${name}-public-invoker`,
        { project: args.project, location: args.region, name: this.service.name, role: "roles/run.invoker", member: "allUsers" },
        { parent: this },
      );
    }
    this.url = this.service.uri;
    this.registerOutputs({
      service: this.service,
      serviceAccount: this.serviceAccount,
      secretAccess: this.secretAccess,
      invoker: this.invoker,
      url: this.url,
    });
  }
}

function validate(name: string, args: CloudRunServiceArgs): void {
  const fail = argumentCheck("CloudRunService", name);
  // Guard: Cloud Run scales between whole instance counts, a floor of 0 or more and a ceiling of 1 or more.
  if (!Number.isInteger(args.minInstances) || args.minInstances < 0) fail("minInstances", args.minInstances, "an integer ≥ 0");
  if (!Number.isInteger(args.maxInstances) || args.maxInstances < 1) fail("maxInstances", args.maxInstances, "an integer ≥ 1");
  // Guard: a range upside down, which Cloud Run refuses (the stack spec reports it at its key too).
  if (args.minInstances > args.maxInstances) fail("minInstances", args.minInstances, `≤ maxInstances (${args.maxInstances})`);
  // Guard: the startup and liveness probes call this path; a relative one never answers.
  if (!args.healthPath.startsWith("/")) fail("healthPath", args.healthPath, "an absolute path");
  for (const key of Object.keys(args.env ?? {})) {
    // Guard: one name twice in the container's env, and a plain value where a secret belongs.
    if (key in (args.secretEnv ?? {})) fail(`env.${key}`, key, "set in env or secretEnv, not both");
  }
}

/** The restart token and the written secret versions: a change of either rolls a new revision. */
function revisionAnnotations(
  restartToken: string | undefined,
  secretEnv: Record<string, SecretEnvSource>,
): pulumi.Input<Record<string, pulumi.Input<string>>> | undefined {
  const written = new Map(Object.values(secretEnv).flatMap((s) => (s.writtenVersion === undefined ? [] : [[s.name, s.writtenVersion] as const])));
  const annotations: Record<string, pulumi.Input<string>> = restartToken ? { [RestartAnnotation]: restartToken } : {};
  if (written.size > 0) {
    const names = [...written.keys()].sort((a, b) => a.localeCompare(b));
    annotations[SecretVersionsAnnotation] = pulumi
      .all(names.map((n) => written.get(n)!))
      .apply((versions) => names.map((n, i) => `${n}=${versions[i]}`).join(","));
  }
  return Object.keys(annotations).length ? annotations : undefined;
}

/** Cloud Run takes whole CPUs as "2" and fractions in millicores ("500m"). */
export function cpuQuantity(cpu: number): string {
  return cpu >= 1 ? String(cpu) : `${Math.round(cpu * 1000)}m`;
}

function sortedEntries<T>(map: Record<string, T>): [string, T][] {
  return Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
}

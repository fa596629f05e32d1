import * as k8s from "../providers/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { egressProblem, NetworkPolicyArgs, networkPolicySpec } from "./networkPolicy";
import { cpuCores, memoryBytes } from "../quantity";
import { argumentCheck } from "../argumentCheck";

export interface ResourceAmounts {
  /** CPU quantity: 500m, 1000m, 1.5. */
  cpu: string;
  /** Memory quantity: 512Mi, 1Gi. */
  memory: string;
}

/** An HPA owns the pod count; the Deployment then carries no `spec.replicas`. */
export interface AutoscaledReplicas {
  kind: "autoscaled";
  minReplicas: number;
  maxReplicas: number;
  /** Average CPU use as a percentage of the request. @default 70 when no target is given */
  targetCpuUtilization?: number;
  /** Average memory use as a percentage of the request. @default none */
  targetMemoryUtilization?: number;
}

/** A fixed pod count and no HPA (the runbook's `kubectl delete hpa` + `kubectl scale`). */
export interface FixedReplicas {
  kind: "fixed";
  replicas: number;
}

export interface ProbeOverrides {
  /** @default the app's healthPath */
  path?: string;
  /** A port the container listens on (a stack file's probes use the container's port). @default the container's port */
  port?: number;
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface AppSecretArgs {
  /** Physical Secret name (`db-secrets`); each key becomes the env var of the same name. */
  name: string;
  /** Key → value. Values must be Pulumi secrets; they are never written anywhere in plain text. */
  data: Record<string, pulumi.Input<string>>;
  /**
   * What identifies the content without revealing it (secret ids with their rotation keys or
   * versions). Its hash is a pod template annotation: a change rolls the pods.
   */
  revision: string;
  /** Resources the values are read from; the Secret waits for them. @default [] */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export interface AppStorageArgs {
  /** Requested size: 50Gi. */
  size: string;
  /** ReadWriteMany for pods spread over several nodes; ReadWriteOnce only for a single pod. */
  accessMode: "ReadWriteMany" | "ReadWriteOnce" | "ReadWriteOncePod";
  storageClass: string;
  mountPath: string;
}

export interface KubernetesAppArgs {
  /**
   * Explicit provider for the target cluster. Required: the component never falls back to the
   * ambient kubeconfig of whoever runs `pulumi up`.
   */
  provider: k8s.Provider;
  /** Deployment name and the `app` label the runbook's `kubectl -l app=...` selects on. */
  appName: string;
  namespace: string;
  /** Container name, as in `kubectl set image deployment/<app> <container>=<image>`. */
  containerName: string;
  image: string;
  /** Port the container listens on; the Service and the probes use it. */
  port: number;
  /** Path of the readiness, liveness and startup probes. */
  healthPath: string;
  /** Requests and limits are both required: a pod without them is unschedulable guesswork. */
  resources: { requests: ResourceAmounts; limits: ResourceAmounts };
  replicas: AutoscaledReplicas | FixedReplicas;
  /**
   * Pods that must stay up during voluntary disruptions (node drains).
   * @default one below the fewest pods the app runs; no budget when that is a single pod (it would
   * only block drains)
   */
  minAvailable?: number;
  /** @default maxSurge "25%", maxUnavailable 0: a rollout adds pods before it removes any */
  rollout?: { maxSurge?: number | string; maxUnavailable?: number };
  /** Overrides per probe. @default readiness, liveness and startup on healthPath and port */
  probes?: { readiness?: ProbeOverrides; liveness?: ProbeOverrides; startup?: ProbeOverrides };
  /**
   * @default runAsUser/runAsGroup/fsGroup 1000 (the `node` user of Node.js images), read-only root
   * filesystem; runAsNonRoot, no privilege escalation, all capabilities dropped and RuntimeDefault
   * seccomp always
   */
  security?: { runAsUser?: number; runAsGroup?: number; fsGroup?: number; readOnlyRootFilesystem?: boolean };
  /** Plain environment: never a secret (those go in secret). @default {} */
  env?: Record<string, string>;
  /** @default no Secret */
  secret?: AppSecretArgs;
  /** @default name <app>-service, type ClusterIP, port 80 */
  service?: { name?: string; type?: "ClusterIP" | "LoadBalancer"; port?: number };
  /** A PersistentVolumeClaim mounted into every pod. @default none */
  storage?: AppStorageArgs;
  /** Any change rolls the pods with nothing else changed (the runbook's `kubectl rollout restart`). */
  restartToken?: string;
  /** Labels every object carries (product, environment, owner). */
  labels: Record<string, string>;
  /** `app.kubernetes.io/part-of`. @default labels.product */
  partOf?: string;
  /** Protect the volume claim (`protect` and `retainOnDelete`). @default true */
  protectStorage?: boolean;
  /** @default false: the app does not call the Kubernetes API */
  automountServiceAccountToken?: boolean;
  /**
   * The pods' NetworkPolicy: deny all, then the container port in and DNS plus `egress` out; `false`
   * makes none (the policy pack blocks that in prod).
   * @default ingress as the Service needs it, egress DNS only
   */
  networkPolicy?: NetworkPolicyArgs | false;
  /** What every child waits for, such as its Namespace. @default [] */
  dependsOn?: pulumi.Resource[];
}

export const SecretRevisionAnnotation = "platform.ops/secret-revision";
export const RestartAnnotation = "platform.ops/restart-token";

const DefaultProbes = {
  // Up to 5 minutes to start before liveness applies; then out of rotation after 30 s of failures
  // and restarted only after a minute, so a slow dependency does not restart healthy pods.
  startup: { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60 },
  readiness: { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  liveness: { periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 },
};
const DefaultUser = 1000;
const DefaultCpuUtilization = 70;

/**
 * A stateless HTTP app on Kubernetes: Deployment, Service, HorizontalPodAutoscaler (or a fixed
 * count), PodDisruptionBudget, NetworkPolicy, Secret and an optional volume, with physical names exactly as given
 * (no auto-naming suffix), so `kubectl ... deployment/<app>` keeps working.
 */
export class KubernetesApp extends pulumi.ComponentResource {
  readonly deployment: k8s.apps.v1.Deployment;
  readonly service: k8s.core.v1.Service;
  readonly hpa?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
  readonly pdb?: k8s.policy.v1.PodDisruptionBudget;
  readonly secret?: k8s.core.v1.Secret;
  readonly volumeClaim?: k8s.core.v1.PersistentVolumeClaim;
  readonly networkPolicy?: k8s.networking.v1.NetworkPolicy;
  /** `<service>.<namespace>.svc.cluster.local:<port>`: where the app answers inside the cluster. */
  readonly serviceAddress: string;

  constructor(name: string, args: KubernetesAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:kubernetes:App", name, {}, opts);
    const minPods = validate(name, args);
    const child = { parent: this, provider: args.provider, dependsOn: args.dependsOn ?? [] };
    const { appName, namespace } = args;
    const selector = { app: appName };
    const version = versionLabel(args.image);
    const labels: Record<string, string> = {
      ...args.labels,
      app: appName,
      "app.kubernetes.io/name": appName,
      "app.kubernetes.io/instance": appName,
      "app.kubernetes.io/component": args.containerName,
      "app.kubernetes.io/part-of": args.partOf ?? args.labels.product ?? appName,
      "app.kubernetes.io/managed-by": "pulumi",
    };
    // The version only on the Deployment and its pods: a deploy does not relabel the volume or the HPA.
    const versioned = { ...labels, ...(version ? { "app.kubernetes.io/version": version } : {}) };
    const meta = (objectName: string) => ({ name: objectName, namespace, labels });

    if (args.secret) {
      this.secret = new k8s.core.v1.Secret(
        `${name}-${args.secret.name}`,
        {
          metadata: meta(args.secret.name),
          type: "Opaque",
          // Each value stays a Pulumi secret: encrypted in the state, "[secret]" in every preview.
          stringData: Object.fromEntries(sortedEntries(args.secret.data).map(([key, value]) => [key, pulumi.secret(value)])),
        },
        { ...child, dependsOn: [...child.dependsOn, ...(args.secret.dependsOn ?? [])] },
      );
    }

    if (args.storage) {
      const protect = args.protectStorage ?? true;
      this.volumeClaim = new k8s.core.v1.PersistentVolumeClaim(
        `${name}-data`,
        {
          metadata: meta(`${appName}-data`),
          spec: {
            accessModes: [args.storage.accessMode],
            storageClassName: args.storage.storageClass,
            resources: { requests: { storage: args.storage.size } },
          },
        },
        // Kept in the cluster even when removed from the program: the data outlives the stack.
        { ...child, protect, retainOnDelete: protect },
      );
    }

    const podAnnotations: Record<string, string> = {};
    if (args.secret) podAnnotations[SecretRevisionAnnotation] = secretRevision(args.secret);
    if (args.restartToken) podAnnotations[RestartAnnotation] = args.restartToken;

    const maxUnavailable = args.rollout?.maxUnavailable ?? 0;
    this.deployment = new k8s.apps.v1.Deployment(
      name,
      {
        metadata: { ...meta(appName), labels: versioned },
        spec: {
          // Under an HPA the count is the HPA's: an apply must never reset it (pulumi-kubernetes #2491).
          ...(args.replicas.kind === "fixed" ? { replicas: args.replicas.replicas } : {}),
          selector: { matchLabels: selector },
          revisionHistoryLimit: 10,
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: args.rollout?.maxSurge ?? "25%", maxUnavailable } },
          template: {
            metadata: { labels: versioned, ...(Object.keys(podAnnotations).length ? { annotations: podAnnotations } : {}) },
            spec: podSpec(args, selector),
          },
        },
      },
      { ...child, dependsOn: [...child.dependsOn, ...[this.secret, this.volumeClaim].filter((r): r is NonNullable<typeof r> => r !== undefined)] },
    );

    const serviceName = args.service?.name ?? `${appName}-service`;
    const servicePort = args.service?.port ?? 80;
    this.service = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: meta(serviceName),
        spec: {
          type: args.service?.type ?? "ClusterIP",
          selector,
          ports: [{ name: "http", port: servicePort, targetPort: "http", protocol: "TCP" }],
        },
      },
      child,
    );
    this.serviceAddress = `${serviceName}.${namespace}.svc.cluster.local:${servicePort}`;

    if (args.replicas.kind === "autoscaled") {
      const r = args.replicas;
      const targets: [string, number | undefined][] = [
        ["cpu", r.targetCpuUtilization ?? (r.targetMemoryUtilization === undefined ? DefaultCpuUtilization : undefined)],
        ["memory", r.targetMemoryUtilization],
      ];
      this.hpa = new k8s.autoscaling.v2.HorizontalPodAutoscaler(
        `${name}-hpa`,
        {
          metadata: meta(`${appName}-hpa`),
          spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: appName },
            minReplicas: r.minReplicas,
            maxReplicas: r.maxReplicas,
            metrics: targets
              .filter((t): t is [string, number] => t[1] !== undefined)
              .map(([resource, averageUtilization]) => ({
                type: "Resource",
                resource: { name: resource, target: { type: "Utilization", averageUtilization } },
              })),
          },
        },
        { ...child, dependsOn: [...child.dependsOn, this.deployment] },
      );
    }

    const minAvailable = args.minAvailable ?? minPods - 1;
    if (minAvailable >= 1) {
      this.pdb = new k8s.policy.v1.PodDisruptionBudget(
        `${name}-pdb`,
        {
          metadata: meta(`${appName}-pdb`),
          spec: {
            minAvailable,
            selector: { matchLabels: selector },
            // A crash-looping pod never blocks a node drain.
            unhealthyPodEvictionPolicy: "AlwaysAllow",
          },
        },
        child,
      );
    }

    if (args.networkPolicy !== false) {
      this.networkPolicy = new k8s.networking.v1.NetworkPolicy(
        `${name}-netpol`,
        { metadata: meta(`${appName}-netpol`), spec: networkPolicySpec(selector, args.port, args.networkPolicy ?? {}, args.service?.type ?? "ClusterIP") },
        child,
      );
    }

    this.registerOutputs({
      deployment: this.deployment,
      service: this.service,
      hpa: this.hpa,
      pdb: this.pdb,
      secret: this.secret,
      volumeClaim: this.volumeClaim,
      networkPolicy: this.networkPolicy,
      serviceAddress: this.serviceAddress,
    });
  }
}

function podSpec(args: KubernetesAppArgs, selector: Record<string, string>): k8s.types.input.core.v1.PodSpec {
  const security = args.security ?? {};
  const readOnlyRoot = security.readOnlyRootFilesystem ?? true;
  const probe = (kind: keyof typeof DefaultProbes): k8s.types.input.core.v1.Probe => {
    const { path, port, ...timing } = args.probes?.[kind] ?? {};
    return { httpGet: { path: path ?? args.healthPath, port: port ?? args.port }, ...DefaultProbes[kind], ...timing };
  };
  const secretKeys = Object.keys(args.secret?.data ?? {}).sort();
  const volumes: k8s.types.input.core.v1.Volume[] = [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }];
  const mounts: k8s.types.input.core.v1.VolumeMount[] = [{ name: "tmp", mountPath: "/tmp" }];
  if (args.storage) {
    volumes.push({ name: "data", persistentVolumeClaim: { claimName: `${args.appName}-data` } });
    mounts.push({ name: "data", mountPath: args.storage.mountPath });
  }
  return {
    automountServiceAccountToken: args.automountServiceAccountToken ?? false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: security.runAsUser ?? DefaultUser,
      runAsGroup: security.runAsGroup ?? DefaultUser,
      fsGroup: security.fsGroup ?? DefaultUser,
      // Only chown the volume when its root does not match: 50Gi is not walked on every start.
      fsGroupChangePolicy: "OnRootMismatch",
      seccompProfile: { type: "RuntimeDefault" },
    },
    // Spread over zones and nodes; ScheduleAnyway so a full zone slows nothing but the spread.
    topologySpreadConstraints: ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable: "ScheduleAnyway",
      labelSelector: { matchLabels: selector },
    })),
    containers: [
      {
        name: args.containerName,
        image: args.image,
        imagePullPolicy: "IfNotPresent",
        ports: [{ name: "http", containerPort: args.port, protocol: "TCP" }],
        env: [
          ...sortedEntries(args.env ?? {}).map(([envName, value]) => ({ name: envName, value })),
          ...secretKeys.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: args.secret!.name, key } } })),
        ],
        resources: { requests: { ...args.resources.requests }, limits: { ...args.resources.limits } },
        startupProbe: probe("startup"),
        readinessProbe: probe("readiness"),
        livenessProbe: probe("liveness"),
        securityContext: {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: readOnlyRoot,
          capabilities: { drop: ["ALL"] },
        },
        volumeMounts: mounts,
      },
    ],
    volumes,
  };
}

/** The hash that rolls the pods when the Secret's content identity changes (never its values). */
export function secretRevision(secret: Pick<AppSecretArgs, "name" | "revision" | "data">): string {
  const identity = JSON.stringify({ name: secret.name, keys: Object.keys(secret.data).sort(), revision: secret.revision });
  return createHash("sha256").update(identity).digest("hex").slice(0, 16);
}

/** `app.kubernetes.io/version` from a tag; a digest is no valid label value, so it gives none. */
function versionLabel(image: string): string | undefined {
  if (image.includes("@")) return undefined;
  const tag = image.slice(image.lastIndexOf(":") + 1);
  return image.includes(":") && /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/.test(tag) ? tag : undefined;
}

/** Checks the arguments before any child exists; returns the fewest pods the app runs. */
function validate(name: string, args: KubernetesAppArgs): number {
  const fail = argumentCheck("KubernetesApp", name);
  // Guard: without it every object would go to whatever cluster the ambient kubeconfig points at.
  if (!args.provider) fail("provider", args.provider, "an explicit Kubernetes provider (never the ambient kubeconfig)");
  // Guard: the Deployment, its label and the derived object names must be valid Kubernetes names.
  if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(args.appName)) fail("appName", args.appName, "a DNS label");
  // Guard: every probe calls this path; a relative one never answers.
  if (!args.healthPath.startsWith("/")) fail("healthPath", args.healthPath, "an absolute path");
  const r = args.replicas;
  let minPods: number;
  let maxPods: number;
  if (r.kind === "autoscaled") {
    // Guard: an HPA scales from 1 pod up; a range upside down is refused by the API server.
    if (!Number.isInteger(r.minReplicas) || r.minReplicas < 1) fail("replicas.minReplicas", r.minReplicas, "an integer ≥ 1");
    if (r.maxReplicas < r.minReplicas) fail("replicas.maxReplicas", r.maxReplicas, `≥ minReplicas (${r.minReplicas})`);
    [minPods, maxPods] = [r.minReplicas, r.maxReplicas];
  } else {
    // Guard: a fixed count of no pods, or a fraction of one, is no running app.
    if (!Number.isInteger(r.replicas) || r.replicas < 1) fail("replicas.replicas", r.replicas, "an integer ≥ 1");
    minPods = maxPods = r.replicas;
  }
  for (const kind of ["cpu", "memory"] as const) {
    const parse = kind === "cpu" ? cpuCores : memoryBytes;
    const request = parse(args.resources.requests[kind]);
    const limit = parse(args.resources.limits[kind]);
    // Guard: quantities the API server parses, and a limit at least the request (it refuses one below).
    if (request === undefined) fail(`resources.requests.${kind}`, args.resources.requests[kind], `a ${kind} quantity`);
    if (limit === undefined) fail(`resources.limits.${kind}`, args.resources.limits[kind], `a ${kind} quantity`);
    if (limit! < request!) fail(`resources.limits.${kind}`, args.resources.limits[kind], `at least the request (${args.resources.requests[kind]})`);
  }
  const minAvailable = args.minAvailable ?? minPods - 1;
  // Guard: a budget of every pod blocks each node drain (and so every node upgrade) for good.
  if (args.minAvailable !== undefined && args.minAvailable >= minPods) {
    fail("minAvailable", args.minAvailable, `below the fewest pods (${minPods}), or no node can ever be drained`);
  }
  const maxUnavailable = args.rollout?.maxUnavailable ?? 0;
  // Guard: the app's own rollout must not take it below the availability its disruption budget promises.
  if (minPods - maxUnavailable < minAvailable) {
    fail("rollout.maxUnavailable", maxUnavailable, `at most ${minPods - minAvailable}, so a rollout never drops below the disruption budget (${minAvailable})`);
  }
  // Guard: a claim of one node cannot be attached by pods spread over several; they would never start.
  if (args.storage && args.storage.accessMode !== "ReadWriteMany" && maxPods > 1) {
    fail("storage.accessMode", args.storage.accessMode, `ReadWriteMany for up to ${maxPods} pods on several nodes`);
  }
  for (const key of Object.keys(args.secret?.data ?? {})) {
    // Guard: one name twice in the container's env, and a plain value where a secret belongs.
    if (key in (args.env ?? {})) fail(`env.${key}`, key, "set in env or the secret, not both");
  }
  for (const [rule, egress] of Object.entries(args.networkPolicy ? (args.networkPolicy.egress ?? {}) : {})) {
    // Guard: a rule that lets nothing out, or a /0 that also opens the cluster's own pods and the metadata server.
    const problem = egressProblem(egress);
    if (problem) fail(`networkPolicy.egress.${rule}.${problem.key}`, problem.found, problem.expected);
  }
  return minPods;
}

function sortedEntries<T>(map: Record<string, T>): [string, T][] {
  return Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
}

import { Type } from "@sinclair/typebox";
import { DnsLabel, EnvVarName, EnvVarNameExpected, HttpPath, ImageRef, Integer, Memory, NamedMap, OneOf, RotationKey, Strict } from "./common";

/**
 * Kubernetes workloads (runbook 003, the REZ merchant backend). Every `kubectl scale`, `kubectl delete
 * hpa`, `kubectl set image`, `kubectl set resources`, `kubectl edit secret` and `kubectl rollout
 * restart|undo` of the runbook becomes an edit here.
 */

export const CpuQuantity = Type.String({
  pattern: "^([1-9][0-9]*m|[0-9]+(\\.[0-9]{1,3})?)$",
  expected: "a CPU quantity such as 500m, 1000m or 1.5",
});

/** A GKE cluster: the provider's kubeconfig is built from it, never read from the machine. */
export const GkeCluster = Strict({
  project: Type.String({ pattern: "^[a-z][a-z0-9-]{4,28}[a-z0-9]$", expected: "the GCP project id of the cluster" }),
  location: Type.String({ pattern: "^[a-z]+-[a-z]+[0-9](-[a-z])?$", expected: "a GCP region or zone such as asia-south1" }),
  name: Type.String({ pattern: "^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", expected: "a GKE cluster name" }),
});

export const KubernetesCluster = Strict({ gke: GkeCluster });

export const ResourceAmounts = Strict({ cpu: CpuQuantity, memory: Memory });

/** Both are required: the runbook's `kubectl set resources` is an edit of one of these four. */
export const ContainerResources = Strict({ requests: ResourceAmounts, limits: ResourceAmounts });

/**
 * The runbook's HPA (`merchant-backend-hpa`). `enabled: false` is its `kubectl delete hpa`: the HPA
 * goes away and the Deployment runs `replicas` pods; `enabled: true` is its `kubectl apply -f hpa.yaml`.
 */
export const Autoscaling = Strict({
  enabled: Type.Boolean({ default: true }),
  minReplicas: Integer(1, 1000, { expected: "a pod count from 1 to 1000" }),
  maxReplicas: Integer(1, 1000, { expected: "a pod count from 1 to 1000" }),
  targetCpuUtilization: Type.Optional(Integer(1, 100, { expected: "a percentage of the CPU request from 1 to 100" })),
  targetMemoryUtilization: Type.Optional(Integer(1, 100, { expected: "a percentage of the memory request from 1 to 100" })),
});

/** One probe's overrides; the defaults probe `healthPath` on the container port. */
export const ProbeSettings = Strict({
  path: Type.Optional(HttpPath),
  port: Type.Optional(Integer(1, 65535, { expected: "a port the container exposes (its port)" })),
  initialDelaySeconds: Type.Optional(Integer(0, 600, { expected: "seconds from 0 to 600" })),
  periodSeconds: Type.Optional(Integer(1, 300, { expected: "seconds from 1 to 300" })),
  timeoutSeconds: Type.Optional(Integer(1, 60, { expected: "seconds from 1 to 60" })),
  failureThreshold: Type.Optional(Integer(1, 100, { expected: "a count from 1 to 100" })),
});

export const Probes = Strict({
  readiness: Type.Optional(ProbeSettings),
  liveness: Type.Optional(ProbeSettings),
  startup: Type.Optional(ProbeSettings),
});

/** One key of the app's Secret, read from Secret Manager; `version` pins an external secret's version. */
export const SecretKeyRef = Strict(
  {
    secret: Type.String({ minLength: 1, expected: "the id of a secret declared under platform:secrets" }),
    version: Type.Optional(Type.String({ pattern: "^(latest|[1-9][0-9]*)$", expected: "latest or a version number" })),
  },
  { expected: "a reference such as {secret: REZ_MONGODB_URI} to a secret under platform:secrets, never the value itself" },
);

/** The Kubernetes Secret (`db-secrets`); each key becomes the env var of the same name. */
export const AppSecret = Strict({
  name: DnsLabel,
  data: NamedMap(EnvVarName, EnvVarNameExpected, SecretKeyRef, { minProperties: 1, expected: "a map of at least one key" }),
});

export const AppService = Strict({
  /** @default <app>-service */
  name: Type.Optional(DnsLabel),
  /** LoadBalancer also needs the policy pack's kubernetes-service-exposure.exposedServices entry. */
  type: OneOf(["ClusterIP", "LoadBalancer"] as const, { default: "ClusterIP" }),
  port: Integer(1, 65535, { default: 80, expected: "a TCP port from 1 to 65535" }),
});

export const AppStorage = Strict({
  size: Type.String({ pattern: "^[1-9][0-9]*(Gi|Ti)$", expected: "a volume size such as 50Gi or 1Ti" }),
  accessMode: OneOf(["ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"] as const),
  storageClass: DnsLabel,
  mountPath: Type.String({ pattern: "^/[^\\s]*$", expected: "an absolute path in the container such as /data" }),
  /**
   * A ReadWriteOnce claim that two pods may write at once (a rollout's new pod beside the old one), by
   * design. @default false: a ReadWriteOnce claim has one writer, so it needs ReadWriteMany instead.
   */
  shared: Type.Optional(Type.Boolean({ expected: "true when two pods of the app may write this ReadWriteOnce claim at once, by design" })),
});

export const AppRollout = Strict({
  maxSurge: Type.Optional(Integer(1, 100, { expected: "extra pods during a rollout, from 1 to 100" })),
  maxUnavailable: Type.Optional(Integer(0, 100, { expected: "pods a rollout may take down, from 0 to 100" })),
});

export const AppSecurity = Strict({
  runAsUser: Type.Optional(Integer(1, 2147483647, { expected: "a non-root user id (1 or more)" })),
  runAsGroup: Type.Optional(Integer(1, 2147483647, { expected: "a non-root group id (1 or more)" })),
  fsGroup: Type.Optional(Integer(1, 2147483647, { expected: "a group id (1 or more) that owns the volumes" })),
  readOnlyRootFilesystem: Type.Optional(Type.Boolean()),
});

/** An egress rule of the app's NetworkPolicy: TCP ports to address ranges ("internet" or CIDRs). */
export const AppEgressRule = Strict({
  ports: Type.Array(Integer(1, 65535, { expected: "a TCP port from 1 to 65535" }), { minItems: 1, expected: "a list of at least one TCP port" }),
  to: Type.Array(
    Type.String({
      pattern: "^(internet|[0-9]{1,3}(\\.[0-9]{1,3}){3}/([0-9]|[12][0-9]|3[0-2]))$",
      expected: "internet (every public address) or an IPv4 CIDR such as 10.0.0.0/8",
    }),
    { minItems: 1, expected: "a list of at least one range" },
  ),
});

/**
 * The app's NetworkPolicy (docs/kubernetes.md): deny all, then the container port in and DNS plus
 * these egress rules out. `enabled: false` removes it (the policy pack blocks that in prod).
 */
export const AppNetworkPolicy = Strict({
  enabled: Type.Boolean({ default: true }),
  /** @default anywhere behind a LoadBalancer Service, else cluster */
  ingressFrom: Type.Optional(OneOf(["anywhere", "cluster", "namespace"] as const)),
  egress: NamedMap("^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$", "a rule name of lower-case letters, digits and '-'", AppEgressRule, { default: {} }),
});

export const KubernetesApp = Strict({
  product: DnsLabel,
  /** A key of platform:kubernetes.clusters. */
  cluster: Type.String({ minLength: 1, expected: "the name of a cluster declared under platform:kubernetes.clusters" }),
  namespace: DnsLabel,
  /** Container name (`kubectl set image deployment/<app> <container>=...`). */
  container: DnsLabel,
  image: ImageRef,
  port: Integer(1, 65535, { expected: "the TCP port the container listens on" }),
  healthPath: HttpPath,
  resources: ContainerResources,
  autoscaling: Autoscaling,
  /** Fixed pod count, only while autoscaling is off (the HPA owns the count otherwise). */
  replicas: Type.Optional(Integer(1, 1000, { expected: "a pod count from 1 to 1000" })),
  /** @default minAvailable one below the fewest pods */
  disruptionBudget: Type.Optional(Strict({ minAvailable: Integer(0, 1000, { expected: "a pod count below the fewest pods the app runs" }) })),
  rollout: Type.Optional(AppRollout),
  probes: Type.Optional(Probes),
  security: Type.Optional(AppSecurity),
  env: NamedMap(EnvVarName, EnvVarNameExpected, Type.String({ expected: "a string (quote numbers and booleans)" }), { default: {} }),
  secret: Type.Optional(AppSecret),
  service: Type.Optional(AppService),
  storage: Type.Optional(AppStorage),
  /** Any new value rolls the pods (the runbook's `kubectl rollout restart`). */
  restartToken: Type.Optional(RotationKey),
  /** @default a NetworkPolicy that lets in the Service's traffic and lets out DNS only */
  networkPolicy: Type.Optional(AppNetworkPolicy),
});

export const KubernetesSettings = Strict({
  clusters: NamedMap("^[a-z][-a-z0-9]{0,38}[a-z0-9]$", "a cluster key of lower-case letters, digits and '-'", KubernetesCluster, {
    minProperties: 1,
    expected: "a map of at least one cluster",
  }),
  apps: NamedMap(
    "^[a-z]([-a-z0-9]{0,48}[a-z0-9])?$",
    "a Deployment name of lower-case letters, digits and '-' (at most 50, so <app>-service fits)",
    KubernetesApp,
    {
      default: {},
    },
  ),
});

export const KubernetesKeys = {
  "platform:kubernetes": Type.Optional(KubernetesSettings),
};

import {
  kubernetesHpaNoStaticReplicas,
  kubernetesHpaTargetExists,
  kubernetesImagePinned,
  kubernetesLivenessProbe,
  kubernetesMinReplicas,
  kubernetesPdbForHa,
  kubernetesReadinessProbe,
  kubernetesRequestsLimits,
  kubernetesServiceExposure,
  kubernetesServiceSelectorMatches,
} from "../../policies/rules/kubernetes";
import { props, resource, RuleSuite } from "../policyHarness";

const Labels = { product: "rez", environment: "prod", owner: "platform-team" };
const meta = (name: string) => ({ name, namespace: "production", labels: { app: "merchant-backend", ...Labels } });

/** merchant-backend as runbook 003 runs it: HPA 3-10, a PDB, a ClusterIP Service. */
export const deployment = () =>
  resource("kubernetes:apps/v1:Deployment", "merchant-backend", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta("merchant-backend"),
    spec: {
      selector: { matchLabels: { app: "merchant-backend" } },
      template: {
        metadata: { labels: { app: "merchant-backend" } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
          volumes: [{ name: "tmp", emptyDir: {} }],
          containers: [
            {
              name: "api",
              image: "registry.rez.dev/merchant-backend:2.14.1",
              resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
              readinessProbe: { httpGet: { path: "/health", port: 3000 } },
              livenessProbe: { httpGet: { path: "/health", port: 3000 }, failureThreshold: 6 },
              ports: [{ name: "http", containerPort: 3000, protocol: "TCP" }],
              env: [
                { name: "MONGODB_MAX_POOL_SIZE", value: "50" },
                { name: "MONGODB_URI", valueFrom: { secretKeyRef: { name: "db-secrets", key: "MONGODB_URI" } } },
              ],
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
            },
          ],
        },
      },
    },
  });
const hpa = () =>
  resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "merchant-backend-hpa", {
    metadata: meta("merchant-backend-hpa"),
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "merchant-backend" }, minReplicas: 3, maxReplicas: 10 },
  });
const pdb = () =>
  resource("kubernetes:policy/v1:PodDisruptionBudget", "merchant-backend-pdb", {
    metadata: meta("merchant-backend-pdb"),
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: "merchant-backend" } } },
  });
const service = () =>
  resource("kubernetes:core/v1:Service", "merchant-backend-service", {
    metadata: meta("merchant-backend-service"),
    spec: { type: "ClusterIP", selector: { app: "merchant-backend" }, ports: [{ port: 80, targetPort: 3000 }] },
  });
export const estate = () => [deployment(), hpa(), pdb(), service()];

export const container = (rs: Parameters<typeof props>[0]) => props(rs).spec.template.spec.containers[0];
/** The Deployment's pod template as another workload kind would carry it. */
export const asKind = (rs: Parameters<typeof props>[0], type: string, path: (template: unknown) => unknown) => {
  const template = props(rs).spec.template;
  rs[0] = resource(type, "merchant-backend", { metadata: props(rs).metadata, spec: path(template) });
};

export const kubernetesSuites: RuleSuite[] = [
  {
    policy: kubernetesRequestsLimits,
    good: () => [deployment()],
    violations: [
      ["no memory request", (rs) => void delete container(rs).resources.requests.memory, /container "api" has no requests.memory/],
      ["no limits", (rs) => void delete container(rs).resources.limits, /has no limits.memory, limits.cpu/],
    ],
    passes: [["no CPU limit where bursting is allowed", (rs) => void delete container(rs).resources.limits.cpu, { requireCpuLimit: false }]],
  },
  {
    policy: kubernetesImagePinned,
    good: () => [deployment()],
    violations: [
      [
        ":latest",
        (rs) => void (container(rs).image = "registry.rez.dev/merchant-backend:latest"),
        /Deployment production\/merchant-backend container "api": image .* uses the moving tag :latest/,
      ],
      ["no tag", (rs) => void (container(rs).image = "registry.rez.dev/merchant-backend"), /has no tag/],
      ["a major-version tag (v2)", (rs) => void (container(rs).image = "registry.rez.dev/merchant-backend:v2"), /major-version tag :v2, which moves/],
      ["a channel tag (stable)", (rs) => void (container(rs).image = "registry.rez.dev/merchant-backend:stable"), /channel tag :stable/],
      [
        "a CronJob's container on :latest",
        (rs) =>
          void ((container(rs).image = "rezapp/report:latest"), asKind(rs, "kubernetes:batch/v1:CronJob", (t) => ({ jobTemplate: { spec: { template: t } } }))),
        /CronJob production\/merchant-backend container "api": image "rezapp\/report:latest"/,
      ],
      [
        "a StatefulSet's init container untagged",
        (rs) =>
          void (
            (props(rs).spec.template.spec.initContainers = [{ name: "migrate", image: "rezapp/migrate" }]),
            asKind(rs, "kubernetes:apps/v1:StatefulSet", (t) => ({ template: t }))
          ),
        /StatefulSet production\/merchant-backend container "migrate": image "rezapp\/migrate" has no tag/,
      ],
    ],
    passes: [
      ["a digest", (rs) => void (container(rs).image = `rezapp/merchant-backend@sha256:${"b".repeat(64)}`), { requireDigest: true }],
      ["a release with a variant (16.4-alpine)", (rs) => void (container(rs).image = "postgres:16.4-alpine")],
    ],
  },
  {
    policy: kubernetesReadinessProbe,
    good: () => [deployment()],
    violations: [
      ["no readiness probe", (rs) => void delete container(rs).readinessProbe, /production\/merchant-backend container "api" has no readiness probe/],
    ],
  },
  {
    policy: kubernetesLivenessProbe,
    good: () => [deployment()],
    violations: [["no liveness probe (advisory)", (rs) => void delete container(rs).livenessProbe, /has no liveness probe/]],
  },
  {
    policy: kubernetesServiceExposure,
    good: () => [service()],
    violations: [
      ["an undeclared LoadBalancer", (rs) => void (props(rs).spec.type = "LoadBalancer"), /production\/merchant-backend-service is of type LoadBalancer/],
      ["an undeclared NodePort", (rs) => void (props(rs).spec.type = "NodePort"), /of type NodePort/],
    ],
    passes: [["a declared LoadBalancer", (rs) => void (props(rs).spec.type = "LoadBalancer"), { exposedServices: ["production/merchant-backend-service"] }]],
  },
  {
    policy: kubernetesMinReplicas,
    good: estate,
    violations: [
      [
        "an HPA minimum of 1",
        (rs) => void (props(rs, 1).spec.minReplicas = 1),
        /may run 1 pod\(s\) \(HPA merchant-backend-hpa minReplicas\); the minimum is 2/,
      ],
      ["one static replica and no HPA", (rs) => void ((props(rs, 0).spec.replicas = 1), rs.splice(1, 1)), /may run 1 pod\(s\); the minimum is 2/],
    ],
    passes: [["three static replicas", (rs) => void ((props(rs, 0).spec.replicas = 3), rs.splice(1, 1))]],
  },
  {
    policy: kubernetesPdbForHa,
    good: estate,
    violations: [
      ["no PDB", (rs) => void rs.splice(2, 1), /runs 3\+ pods but no PodDisruptionBudget selects them/],
      ["a PDB allowing no eviction (maxUnavailable 0)", (rs) => void (props(rs, 2).spec.maxUnavailable = 0), /allows no eviction/],
      ["minAvailable equal to the pods", (rs) => void (delete props(rs, 2).spec.maxUnavailable, (props(rs, 2).spec.minAvailable = 3)), /allows no eviction/],
      ["a PDB selecting other pods", (rs) => void (props(rs, 2).spec.selector.matchLabels = { app: "other" }), /no PodDisruptionBudget selects them/],
    ],
    passes: [["a single-pod Deployment without PDB", (rs) => void ((props(rs, 0).spec.replicas = 1), rs.splice(1, 2))]],
  },
  {
    policy: kubernetesHpaTargetExists,
    good: estate,
    violations: [
      [
        "an HPA naming a missing Deployment",
        (rs) => void (props(rs, 1).spec.scaleTargetRef.name = "merchant-api"),
        /targets Deployment merchant-api, which this stack does not declare/,
      ],
      [
        "an HPA in another namespace",
        (rs) => void (props(rs, 1).metadata.namespace = "staging"),
        /HPA staging\/merchant-backend-hpa targets Deployment merchant-backend/,
      ],
    ],
  },
  {
    policy: kubernetesHpaNoStaticReplicas,
    good: estate,
    violations: [["static replicas under an HPA", (rs) => void (props(rs, 0).spec.replicas = 3), /sets replicas 3 but HPA merchant-backend-hpa scales it/]],
  },
  {
    policy: kubernetesServiceSelectorMatches,
    good: estate,
    violations: [["a selector matching no pods", (rs) => void (props(rs, 3).spec.selector = { app: "merchant-api" }), /matches no Deployment's pods/]],
    passes: [["an ExternalName Service", (rs) => void (props(rs, 3).spec = { type: "ExternalName", externalName: "db.example.com" })]],
  },
];

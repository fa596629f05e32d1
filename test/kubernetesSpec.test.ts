import * as k8s from "../components/providers/kubernetes";
import { KubernetesApp, KubernetesAppArgs } from "../components/kubernetes/app";
import { runProgram } from "../tools/plan/record";
import { Config, editedConfig, specErrors, StackFile } from "./harness";

const App = "platform:kubernetes.apps.merchant-backend";

const edited = (...edits: [string, unknown][]): Config => editedConfig("prod", ...edits);

describe("Kubernetes stack keys: bad input is rejected with file, key path, expectation and finding", () => {
  test("GIVEN an HPA minimum above its maximum WHEN parsed THEN minReplicas is named with the maximum", () => {
    const message = specErrors(edited([`${App}.autoscaling.minReplicas`, 12]));
    expect(message).toContain(`${StackFile.prod}: ${App}.autoscaling.minReplicas: expected at most maxReplicas (10), found 12`);
  });

  test("GIVEN a memory limit below its request WHEN parsed THEN the limit is named with the request", () => {
    const message = specErrors(edited([`${App}.resources.limits.memory`, "256Mi"]));
    expect(message).toContain(`${StackFile.prod}: ${App}.resources.limits.memory: expected at least the request (requests.memory: 512Mi), found 256Mi`);
  });

  test("GIVEN a CPU limit below its request WHEN parsed THEN the limit is named with the request", () => {
    const message = specErrors(edited([`${App}.resources.limits.cpu`, "0.25"]));
    expect(message).toContain(`${StackFile.prod}: ${App}.resources.limits.cpu: expected at least the request (requests.cpu: 500m), found 0.25`);
  });

  test("GIVEN a probe on a port the container does not expose WHEN parsed THEN the probe's port is named with the container port", () => {
    const message = specErrors(edited([`${App}.probes`, { readiness: { port: 8080 } }]));
    expect(message).toContain(`${StackFile.prod}: ${App}.probes.readiness.port: expected a port the container exposes (port: 3000), found 8080`);
  });

  test("GIVEN an unknown key (maxReplica) WHEN parsed THEN it is named with the closest valid key", () => {
    const message = specErrors(edited([`${App}.autoscaling.maxReplica`, 20]));
    expect(message).toContain(`${StackFile.prod}: ${App}.autoscaling.maxReplica: unknown key; did you mean "maxReplicas"?`);
  });

  test("GIVEN an unknown key on the app (replica) WHEN parsed THEN it is named with the closest valid key", () => {
    const message = specErrors(edited([`${App}.replica`, 5]));
    expect(message).toContain(`${StackFile.prod}: ${App}.replica: unknown key; did you mean "replicas"?`);
  });

  test("GIVEN a fixed replica count while the HPA is on WHEN parsed THEN replicas is rejected (the HPA owns the count)", () => {
    const message = specErrors(edited([`${App}.replicas`, 5]));
    expect(message).toContain(`${StackFile.prod}: ${App}.replicas: expected no replicas while autoscaling is enabled (the HPA owns the pod count), found 5`);
  });

  test("GIVEN autoscaling off without a replica count WHEN parsed THEN replicas is reported missing", () => {
    const message = specErrors(edited([`${App}.autoscaling.enabled`, false]));
    expect(message).toContain(`${StackFile.prod}: ${App}.replicas: missing; expected a pod count from 1 to 1000 while autoscaling.enabled is false`);
  });

  test("GIVEN a ReadWriteOnce volume for 3-10 pods WHEN parsed THEN the access mode is rejected with why", () => {
    const message = specErrors(edited([`${App}.storage.accessMode`, "ReadWriteOnce"]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.storage.accessMode: expected ReadWriteMany for up to 10 pods spread over several nodes (a ReadWriteOnce volume attaches to one node), found ReadWriteOnce`,
    );
  });

  test("GIVEN a PDB minimum equal to the HPA minimum WHEN parsed THEN minAvailable is rejected (drains would hang)", () => {
    const message = specErrors(edited([`${App}.disruptionBudget`, { minAvailable: 3 }]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.disruptionBudget.minAvailable: expected fewer than the fewest pods (3), or no node can ever be drained, found 3`,
    );
  });

  test("GIVEN a rollout that may take down 2 of 3 pods WHEN parsed THEN maxUnavailable is rejected against the PDB", () => {
    const message = specErrors(edited([`${App}.rollout`, { maxUnavailable: 2 }]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.rollout.maxUnavailable: expected at most 1, so a rollout never drops below the disruption budget (2 of 3 pods), found 2`,
    );
  });

  test("GIVEN an app on an undeclared cluster WHEN parsed THEN the cluster is named with a suggestion", () => {
    const message = specErrors(edited([`${App}.cluster`, "rez-prd"]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.cluster: expected a cluster declared under platform:kubernetes.clusters, found "rez-prd"; did you mean "rez-prod"?`,
    );
  });

  test("GIVEN db-secrets naming an undeclared secret WHEN parsed THEN the reference is named", () => {
    const message = specErrors(edited([`${App}.secret.data.MONGODB_URI.secret`, "REZ_MONGO_URI"]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.secret.data.MONGODB_URI.secret: expected a secret declared under platform:secrets, found "REZ_MONGO_URI"; did you mean "REZ_MONGODB_URI"?`,
    );
  });

  test("GIVEN a pinned version of a generated secret WHEN parsed THEN the version is rejected", () => {
    const message = specErrors(edited([`${App}.secret.data.JWT_SECRET.version`, "3"]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.secret.data.JWT_SECRET.version: expected no version: REZ_JWT_SECRET is generated and follows its rotation key, found "3"`,
    );
  });

  test("GIVEN a secret key also set as plain env WHEN parsed THEN the key is rejected as a would-be plain secret", () => {
    const message = specErrors(edited([`${App}.env.MONGODB_URI`, "not-a-real-uri"]));
    expect(message).toContain(`${StackFile.prod}: ${App}.secret.data.MONGODB_URI: expected a key not also set in env, found MONGODB_URI in both`);
  });

  test("GIVEN a literal value in db-secrets WHEN parsed THEN the key is rejected: only references to Secret Manager are accepted", () => {
    const message = specErrors(edited([`${App}.secret.data.MONGODB_URI`, "not-a-real-uri"]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.secret.data.MONGODB_URI: expected a reference such as {secret: REZ_MONGODB_URI} to a secret under platform:secrets, never the value itself`,
    );
  });

  test("GIVEN a CPU quantity in words WHEN parsed THEN the quantity is rejected with an example", () => {
    const message = specErrors(edited([`${App}.resources.requests.cpu`, "half a core"]));
    expect(message).toContain(`${StackFile.prod}: ${App}.resources.requests.cpu: expected a CPU quantity such as 500m, 1000m or 1.5, found "half a core"`);
  });

  test("GIVEN :latest as the image WHEN parsed THEN the image key is rejected", () => {
    const message = specErrors(edited([`${App}.image`, "rezapp/merchant-backend:latest"]));
    expect(message).toContain(`${StackFile.prod}: ${App}.image: expected an image pinned by tag or digest`);
  });

  test("GIVEN a cluster without its GKE location WHEN parsed THEN the missing key is named", () => {
    const message = specErrors(edited(["platform:kubernetes.clusters.rez-prod.gke.location", undefined]));
    expect(message).toContain(
      `${StackFile.prod}: platform:kubernetes.clusters.rez-prod.gke.location: missing; expected a GCP region or zone such as asia-south1`,
    );
  });

  test("GIVEN an egress rule to 0.0.0.0/0 WHEN parsed THEN its to is rejected: internet excludes the cluster and the metadata server", () => {
    const message = specErrors(edited([`${App}.networkPolicy.egress.atlas.to`, ["0.0.0.0/0"]]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.networkPolicy.egress.atlas.to: expected "internet" rather than a /0, which also opens the cluster's own pods and the metadata server, found "0.0.0.0/0"`,
    );
  });

  test("GIVEN an egress range with an octet above 255 WHEN parsed THEN its to is rejected with the value", () => {
    const message = specErrors(edited([`${App}.networkPolicy.egress.redis.to`, ["10.0.0.300/8"]]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.networkPolicy.egress.redis.to: expected "internet" or an IPv4 CIDR such as 10.0.0.0/8, found "10.0.0.300/8"`,
    );
  });

  test("GIVEN an egress range that is a host name WHEN parsed THEN the entry is named with what it must be", () => {
    const message = specErrors(edited([`${App}.networkPolicy.egress.redis.to`, ["redis.internal"]]));
    expect(message).toContain(
      `${StackFile.prod}: ${App}.networkPolicy.egress.redis.to[0]: expected internet (every public address) or an IPv4 CIDR such as 10.0.0.0/8, found "redis.internal"`,
    );
  });

  test("GIVEN an egress port out of range WHEN parsed THEN the port is named", () => {
    const message = specErrors(edited([`${App}.networkPolicy.egress.atlas.ports`, [70000]]));
    expect(message).toContain(`${StackFile.prod}: ${App}.networkPolicy.egress.atlas.ports[0]: expected a TCP port from 1 to 65535, found 70000`);
  });

  test("GIVEN an unknown ingress source WHEN parsed THEN ingressFrom is named with the choices", () => {
    const message = specErrors(edited([`${App}.networkPolicy.ingressFrom`, "everywhere"]));
    expect(message).toContain(`${StackFile.prod}: ${App}.networkPolicy.ingressFrom: `);
    expect(message).toMatch(/anywhere.*cluster.*namespace/);
  });

  test("GIVEN a misspelt networkPolicy key (egres) WHEN parsed THEN it is named with the closest valid key", () => {
    const message = specErrors(edited([`${App}.networkPolicy.egres`, {}]));
    expect(message).toContain(`${StackFile.prod}: ${App}.networkPolicy.egres: unknown key; did you mean "egress"?`);
  });

  test("GIVEN several mistakes at once WHEN parsed THEN every one is listed in one message", () => {
    const message = specErrors(edited([`${App}.autoscaling.minReplicas`, 12], [`${App}.resources.limits.memory`, "256Mi"], [`${App}.maxSurge`, 2]));
    expect(message.split("\n")[0]).toBe(`${StackFile.prod} is not a valid stack file (3 errors):`);
    for (const key of ["autoscaling.minReplicas", "resources.limits.memory", "maxSurge"]) expect(message).toContain(`${App}.${key}: `);
  });
});

describe("KubernetesApp: arguments are checked before any child exists", () => {
  const valid = (provider: k8s.Provider): KubernetesAppArgs => ({
    provider,
    appName: "merchant-backend",
    namespace: "production",
    containerName: "api",
    image: "rezapp/merchant-backend:v1.2.3",
    port: 3000,
    healthPath: "/health",
    resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "1Gi" } },
    replicas: { kind: "autoscaled", minReplicas: 3, maxReplicas: 10 },
    labels: { product: "rez", environment: "prod", owner: "platform-team" },
  });

  /** Constructs the component under mocks; returns the error messages and the registered types. */
  async function construct(edit: (args: KubernetesAppArgs) => void) {
    const run = await runProgram(
      () => {
        const args = valid(new k8s.Provider("k8s", { kubeconfig: "{}", context: "test" }));
        edit(args);
        new KubernetesApp("merchant-backend", args);
      },
      { project: "platform", stack: "test", config: {} },
    );
    return { errors: run.errors.map((e) => e.message), types: run.resources.map((r) => r.type) };
  }

  test("GIVEN valid arguments WHEN constructed THEN the app's objects are registered", async () => {
    const { errors, types } = await construct(() => undefined);
    expect(errors).toEqual([]);
    expect(types).toEqual(
      expect.arrayContaining([
        "kubernetes:apps/v1:Deployment",
        "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
        "kubernetes:policy/v1:PodDisruptionBudget",
      ]),
    );
  });

  test.each<[string, (args: KubernetesAppArgs) => void, string]>([
    [
      "no provider",
      (a) => void ((a as { provider?: unknown }).provider = undefined),
      "provider must be an explicit Kubernetes provider (never the ambient kubeconfig), got undefined",
    ],
    [
      "an HPA minimum above the maximum",
      (a) => void (a.replicas = { kind: "autoscaled", minReplicas: 5, maxReplicas: 3 }),
      "replicas.maxReplicas must be ≥ minReplicas (5), got 3",
    ],
    [
      "a memory limit below the request",
      (a) => void (a.resources.limits.memory = "256Mi"),
      'resources.limits.memory must be at least the request (512Mi), got "256Mi"',
    ],
    ["an app name that is no DNS label", (a) => void (a.appName = "Merchant_Backend"), 'appName must be a DNS label, got "Merchant_Backend"'],
    ["a relative health path", (a) => void (a.healthPath = "health"), 'healthPath must be an absolute path, got "health"'],
    [
      "an HPA minimum of no pod",
      (a) => void (a.replicas = { kind: "autoscaled", minReplicas: 0, maxReplicas: 10 }),
      "replicas.minReplicas must be an integer ≥ 1, got 0",
    ],
    ["a fixed count of no pod", (a) => void (a.replicas = { kind: "fixed", replicas: 0 }), "replicas.replicas must be an integer ≥ 1, got 0"],
    ["a CPU request that is no quantity", (a) => void (a.resources.requests.cpu = "half"), 'resources.requests.cpu must be a cpu quantity, got "half"'],
    [
      "a rollout that takes more pods down than the disruption budget allows",
      (a) => void (a.rollout = { maxUnavailable: 2 }),
      "rollout.maxUnavailable must be at most 1, so a rollout never drops below the disruption budget (2), got 2",
    ],
    [
      "a secret key also set as plain env",
      (a) => void Object.assign(a, { env: { MONGODB_URI: "plain" }, secret: { name: "db-secrets", data: { MONGODB_URI: "x" }, revision: "r" } }),
      'env.MONGODB_URI must be set in env or the secret, not both, got "MONGODB_URI"',
    ],
    [
      "a ReadWriteOnce volume for many pods",
      (a) => void (a.storage = { size: "50Gi", accessMode: "ReadWriteOnce", storageClass: "standard-rwo", mountPath: "/data" }),
      'storage.accessMode must be ReadWriteMany for up to 10 pods on several nodes, got "ReadWriteOnce"',
    ],
    [
      "a PDB that blocks every drain",
      (a) => void (a.minAvailable = 3),
      "minAvailable must be below the fewest pods (3), or no node can ever be drained, got 3",
    ],
    [
      "an egress rule to every address",
      (a) => void (a.networkPolicy = { egress: { atlas: { ports: [27017], to: ["0.0.0.0/0"] } } }),
      'networkPolicy.egress.atlas.to must be "internet" rather than a /0, which also opens the cluster\'s own pods and the metadata server, got "0.0.0.0/0"',
    ],
    [
      "an egress rule without ports",
      (a) => void (a.networkPolicy = { egress: { atlas: { ports: [], to: ["internet"] } } }),
      "networkPolicy.egress.atlas.ports must be TCP ports from 1 to 65535, got []",
    ],
  ])("GIVEN %s WHEN constructed THEN it throws naming the component, the field and the value, and creates no child", async (_, edit, expected) => {
    const { errors, types } = await construct(edit);
    expect(errors).toEqual([`KubernetesApp merchant-backend: ${expected}`]);
    expect(types.filter((t) => t.startsWith("kubernetes:"))).toEqual([]);
  });

  test("GIVEN a probe on a port other than the container's WHEN constructed THEN the probe calls that port (a stack file's probes are kept on the container port by the spec, above)", async () => {
    const run = await runProgram(
      () =>
        new KubernetesApp("merchant-backend", {
          ...valid(new k8s.Provider("k8s", { kubeconfig: "{}", context: "test" })),
          probes: { liveness: { port: 9000 } },
        }),
      { project: "platform", stack: "test", config: {} },
    );
    expect(run.errors).toEqual([]);
    const container = run.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!.inputs.spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet).toEqual({ path: "/health", port: 9000 });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/health", port: 3000 });
  });
});

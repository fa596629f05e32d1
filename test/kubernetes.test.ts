import { SecretRevisionAnnotation, RestartAnnotation } from "../components/kubernetes/app";
import { ProgramRun, RecordedResource } from "../tools/plan/record";
import { Secret } from "../tools/plan/values";
import { Area, ofType, resource, runStack, stackConfig, Types, withEdits } from "./harness";

const App = "platform:kubernetes.apps.merchant-backend";
const KubernetesTypes = {
  deployment: "kubernetes:apps/v1:Deployment",
  service: "kubernetes:core/v1:Service",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  secret: "kubernetes:core/v1:Secret",
  pvc: "kubernetes:core/v1:PersistentVolumeClaim",
  namespace: "kubernetes:core/v1:Namespace",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  provider: "pulumi:providers:kubernetes",
} as const;

const deployment = (run: ProgramRun) => resource(run, KubernetesTypes.deployment, "merchant-backend");
const podSpec = (run: ProgramRun) => deployment(run).inputs.spec.template.spec;
const api = (run: ProgramRun) => podSpec(run).containers.find((c: { name: string }) => c.name === "api");
const podAnnotations = (run: ProgramRun): Record<string, string> => deployment(run).inputs.spec.template.metadata.annotations ?? {};
const hpa = (run: ProgramRun) => resource(run, KubernetesTypes.hpa, "merchant-backend-hpa");
const pdb = (run: ProgramRun) => resource(run, KubernetesTypes.pdb, "merchant-backend-pdb");
const kubernetesResources = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:"));
const byUrn = (rs: RecordedResource[]) => new Map(rs.map((r) => [r.urn, r.inputs]));

// Focused stacks (test/harness.ts): Kubernetes alone (with the secrets db-secrets names). Atlas writes
// REZ_MONGODB_URI; without it that secret is read at latest, which only the test moving db-secrets' read
// off Atlas's version cares about (atlas.test.ts asserts the wiring itself).
const Areas: Area[] = ["kubernetes"];
const WithAtlas: Area[] = ["kubernetes", "atlas"];

async function runEdited(stack: string, ...edits: [string, unknown][]): Promise<ProgramRun> {
  return runFocused(stack, Areas, ...edits);
}

async function runFocused(stack: string, areas: readonly Area[], ...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = withEdits(stackConfig(stack, areas), ...edits);
  const run = await runStack(stack, config);
  expect(run.errors).toEqual([]);
  return run;
}

/** The Kubernetes objects whose inputs differ between two runs (added or removed ones included). */
function changedObjects(before: ProgramRun, after: ProgramRun): string[] {
  const [a, b] = [byUrn(kubernetesResources(before)), byUrn(kubernetesResources(after))];
  const urns = new Set([...a.keys(), ...b.keys()]);
  return [...urns]
    .filter((urn) => JSON.stringify(a.get(urn)) !== JSON.stringify(b.get(urn)))
    .map((urn) => urn.split("::").pop()!)
    .sort();
}

let prod: ProgramRun;
beforeAll(async () => {
  prod = await runEdited("prod");
});

describe("merchant-backend in prod, as runbook 003 runs it", () => {
  test("GIVEN the prod stack WHEN planned THEN Deployment merchant-backend in namespace production runs container api from rezapp/merchant-backend:v1.2.3", () => {
    const { metadata, spec } = deployment(prod).inputs;
    expect(metadata).toMatchObject({ name: "merchant-backend", namespace: "production" });
    expect(podSpec(prod).containers.map((c: { name: string }) => c.name)).toEqual(["api"]);
    expect(api(prod).image).toBe("rezapp/merchant-backend:v1.2.3");
    // `kubectl get pods -l app=merchant-backend` selects exactly these pods.
    expect(spec.selector).toEqual({ matchLabels: { app: "merchant-backend" } });
    expect(spec.template.metadata.labels.app).toBe("merchant-backend");
  });

  test("GIVEN the prod stack WHEN planned THEN HPA merchant-backend-hpa scales the Deployment from 3 to 10 pods on CPU and memory, and the Deployment has no spec.replicas", () => {
    const { metadata, spec } = hpa(prod).inputs;
    expect(metadata).toMatchObject({ name: "merchant-backend-hpa", namespace: "production" });
    expect(spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "merchant-backend" });
    expect([spec.minReplicas, spec.maxReplicas]).toEqual([3, 10]);
    expect(spec.metrics).toEqual([
      { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
      { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
    ]);
    expect(deployment(prod).inputs.spec).not.toHaveProperty("replicas");
  });

  test("GIVEN the prod stack WHEN planned THEN api requests 500m CPU / 512Mi and is limited to 1000m / 1Gi", () => {
    expect(api(prod).resources).toEqual({ requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "1Gi" } });
  });

  test("GIVEN the prod stack WHEN planned THEN Service merchant-backend-service load-balances port 80 over the app's pods", () => {
    const service = resource(prod, KubernetesTypes.service, "merchant-backend-service").inputs;
    expect(service.metadata).toMatchObject({ name: "merchant-backend-service", namespace: "production" });
    expect(service.spec.selector).toEqual({ app: "merchant-backend" });
    expect(service.spec.ports).toEqual([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
    expect(api(prod).ports).toEqual([{ name: "http", containerPort: 3000, protocol: "TCP" }]);
  });

  test("GIVEN the prod stack WHEN planned THEN Secret db-secrets holds MONGODB_URI, REDIS_URL and JWT_SECRET as a Pulumi secret read from Secret Manager", () => {
    const secret = resource(prod, KubernetesTypes.secret, "merchant-backend-db-secrets");
    expect(secret.inputs.metadata).toMatchObject({ name: "db-secrets", namespace: "production" });
    expect(secret.inputs.stringData).toBe(Secret);
    // It waits for the Secret Manager secrets (and the generated version) it is read from.
    for (const id of ["REZ_MONGODB_URI", "REZ_REDIS_URL", "REZ_JWT_SECRET"]) expect(secret.dependencies).toContain(resource(prod, Types.secret, id).urn);
    expect(secret.dependencies).toContain(resource(prod, Types.secretVersion, "REZ_JWT_SECRET-version").urn);
    const fromSecret = api(prod).env.filter((e: { valueFrom?: unknown }) => e.valueFrom);
    expect(fromSecret).toEqual(
      ["JWT_SECRET", "MONGODB_URI", "REDIS_URL"].map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: "db-secrets", key } } })),
    );
    expect(deployment(prod).dependencies).toContain(secret.urn);
  });

  test("GIVEN the prod stack file WHEN read THEN db-secrets names Secret Manager secrets and holds no value", () => {
    const data = stackConfig("prod")["platform:kubernetes"].apps["merchant-backend"].secret.data;
    expect(data).toEqual({ MONGODB_URI: { secret: "REZ_MONGODB_URI" }, REDIS_URL: { secret: "REZ_REDIS_URL" }, JWT_SECRET: { secret: "REZ_JWT_SECRET" } });
    expect(stackConfig("prod")["platform:secrets"].REZ_JWT_SECRET.generate.rotation).toBe("2025-11-22");
  });

  test("GIVEN the prod stack WHEN planned THEN the pool settings and nothing secret are plain env", () => {
    const plain = api(prod).env.filter((e: { value?: string }) => e.value !== undefined);
    expect(plain).toEqual([
      { name: "MONGODB_MAX_POOL_SIZE", value: "50" },
      { name: "MONGODB_MIN_POOL_SIZE", value: "10" },
    ]);
  });

  test("GIVEN the prod stack WHEN planned THEN 50Gi ReadWriteMany storage (standard-rwx) is mounted by every pod and protected", () => {
    const pvc = resource(prod, KubernetesTypes.pvc, "merchant-backend-data");
    expect(pvc.inputs.metadata).toMatchObject({ name: "merchant-backend-data", namespace: "production" });
    expect(pvc.inputs.spec).toEqual({ accessModes: ["ReadWriteMany"], storageClassName: "standard-rwx", resources: { requests: { storage: "50Gi" } } });
    expect([pvc.protect, pvc.retainOnDelete]).toEqual([true, true]);
    expect(podSpec(prod).volumes).toContainEqual({ name: "data", persistentVolumeClaim: { claimName: "merchant-backend-data" } });
    expect(api(prod).volumeMounts).toContainEqual({ name: "data", mountPath: "/app/data" });
  });

  test("GIVEN the prod stack WHEN planned THEN readiness, liveness and startup probes call /health on the container port", () => {
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      expect(api(prod)[probe].httpGet).toEqual({ path: "/health", port: 3000 });
    }
  });

  test("GIVEN every container of every Deployment WHEN planned THEN it has probes, requests and limits, and the restricted security context", () => {
    const containers = [...ofType(prod, KubernetesTypes.deployment).values()].flatMap((d) => d.inputs.spec.template.spec.containers);
    expect(containers.length).toBeGreaterThan(0);
    for (const c of containers) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(["readinessProbe", "livenessProbe", "startupProbe"]));
      expect(Object.keys(c.resources.requests).sort()).toEqual(["cpu", "memory"]);
      expect(Object.keys(c.resources.limits).sort()).toEqual(["cpu", "memory"]);
      expect(c.securityContext).toEqual({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
    }
    expect(podSpec(prod).securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } });
    // The read-only root filesystem leaves /tmp writable through an emptyDir.
    expect(api(prod).volumeMounts).toContainEqual({ name: "tmp", mountPath: "/tmp" });
  });

  test("GIVEN the HPA minimum of 3 WHEN planned THEN the PDB keeps 2 pods (below the minimum) and the rollout never drops a pod", () => {
    const { spec } = pdb(prod).inputs;
    expect(spec.minAvailable).toBe(2);
    expect(spec.minAvailable).toBeLessThan(hpa(prod).inputs.spec.minReplicas);
    expect(spec.selector).toEqual({ matchLabels: { app: "merchant-backend" } });
    expect(deployment(prod).inputs.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
  });

  test("GIVEN the prod stack WHEN planned THEN pods spread across zones and nodes", () => {
    const spread = podSpec(prod).topologySpreadConstraints;
    expect(spread.map((c: { topologyKey: string }) => c.topologyKey)).toEqual(["topology.kubernetes.io/zone", "kubernetes.io/hostname"]);
    for (const c of spread) expect(c).toMatchObject({ maxSkew: 1, labelSelector: { matchLabels: { app: "merchant-backend" } } });
  });

  test("GIVEN the prod stack WHEN planned THEN every object carries the app.kubernetes.io labels and product, environment, owner", () => {
    const objects = kubernetesResources(prod).filter((r) => r.type !== KubernetesTypes.namespace);
    expect(objects.map((r) => r.type).sort()).toEqual(
      [
        KubernetesTypes.deployment,
        KubernetesTypes.hpa,
        KubernetesTypes.pvc,
        KubernetesTypes.secret,
        KubernetesTypes.service,
        KubernetesTypes.pdb,
        KubernetesTypes.networkPolicy,
      ].sort(),
    );
    for (const r of objects) {
      expect(r.inputs.metadata.labels).toMatchObject({
        app: "merchant-backend",
        "app.kubernetes.io/name": "merchant-backend",
        "app.kubernetes.io/instance": "merchant-backend",
        "app.kubernetes.io/component": "api",
        "app.kubernetes.io/part-of": "rez",
        "app.kubernetes.io/managed-by": "pulumi",
        product: "rez",
        environment: "prod",
        owner: "platform-team",
      });
    }
    expect(deployment(prod).inputs.spec.template.metadata.labels["app.kubernetes.io/version"]).toBe("v1.2.3");
  });

  test("GIVEN the prod stack WHEN planned THEN every Kubernetes object goes through the explicit provider of cluster rez-prod", () => {
    const provider = resource(prod, KubernetesTypes.provider, "k8s-rez-prod");
    for (const r of kubernetesResources(prod)) expect(r.provider).toBe(provider.urn);
    expect(provider.inputs.context).toBe("gke_rezapp_asia-south1_rez-prod");
    expect(provider.inputs.enableServerSideApply).toBe("true");
    const kubeconfig = JSON.parse(provider.inputs.kubeconfig);
    expect(kubeconfig["current-context"]).toBe("gke_rezapp_asia-south1_rez-prod");
    expect(kubeconfig.clusters.map((c: { name: string }) => c.name)).toEqual(["gke_rezapp_asia-south1_rez-prod"]);
    // Credentials come from the auth plugin when `pulumi up` runs: no token in the kubeconfig or the state.
    expect(kubeconfig.users[0].user).toEqual({ exec: expect.objectContaining({ command: "gke-gcloud-auth-plugin" }) });
  });

  test("GIVEN prod WHEN planned THEN namespace production exists, is protected and kept on delete, and enforces the restricted pod security standard", () => {
    const ns = resource(prod, KubernetesTypes.namespace, "rez-prod-production");
    expect(ns.inputs.metadata.name).toBe("production");
    expect(ns.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect([ns.protect, ns.retainOnDelete]).toEqual([true, true]);
    // Every object of the app waits for its namespace.
    for (const r of kubernetesResources(prod).filter((r) => r.parent?.endsWith("platform:kubernetes:App::merchant-backend")))
      expect(r.dependencies).toContain(ns.urn);
  });

  test("GIVEN a generated REZ_JWT_SECRET value WHEN planned THEN it appears in no recorded input", async () => {
    const value = "generated-rez-value-that-must-never-be-printed";
    // REZ_JWT_SECRET's only reader is db-secrets.
    const run = await runStack("prod", stackConfig("prod", Areas), { mockOutputs: (type) => (type === Types.randomPassword ? { result: value } : undefined) });
    expect(run.errors).toEqual([]);
    expect(JSON.stringify(run.resources)).not.toContain(value);
  });
});

describe("merchant-backend in staging: its own namespace, smaller", () => {
  let staging: ProgramRun;
  beforeAll(async () => {
    staging = await runEdited("staging");
  });

  test("GIVEN the staging stack WHEN planned THEN the app runs in namespace staging of cluster rez-staging with 1-3 smaller pods", () => {
    expect(deployment(staging).inputs.metadata).toMatchObject({ name: "merchant-backend", namespace: "staging" });
    expect(resource(staging, KubernetesTypes.provider, "k8s-rez-staging").inputs.context).toBe("gke_rezapp-staging_asia-south1_rez-staging");
    expect([hpa(staging).inputs.spec.minReplicas, hpa(staging).inputs.spec.maxReplicas]).toEqual([1, 3]);
    expect(api(staging).resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
    expect(deployment(staging).inputs.spec).not.toHaveProperty("replicas");
  });

  test("GIVEN a single-pod minimum in staging WHEN planned THEN there is no PDB (it could only block drains) and nothing is protected", () => {
    expect(ofType(staging, KubernetesTypes.pdb).size).toBe(0);
    const pvc = resource(staging, KubernetesTypes.pvc, "merchant-backend-data");
    expect([pvc.protect, pvc.retainOnDelete]).toEqual([false, false]);
    expect(resource(staging, KubernetesTypes.namespace, "rez-staging-staging").protect).toBe(false);
  });
});

describe("the app's NetworkPolicy: deny all, then what merchant-backend needs", () => {
  const policy = (run: ProgramRun) => resource(run, KubernetesTypes.networkPolicy, "merchant-backend-netpol");
  const Internet = {
    ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"] },
  };

  test("GIVEN the prod stack WHEN planned THEN merchant-backend-netpol selects the app's pods and restricts ingress and egress", () => {
    const { metadata, spec } = policy(prod).inputs;
    expect(metadata).toMatchObject({ name: "merchant-backend-netpol", namespace: "production" });
    expect(spec.podSelector).toEqual({ matchLabels: { app: "merchant-backend" } });
    expect(spec.policyTypes).toEqual(["Ingress", "Egress"]);
  });

  test("GIVEN prod's LoadBalancer Service WHEN planned THEN only the container port is open, from anywhere", () => {
    expect(policy(prod).inputs.spec.ingress).toEqual([{ ports: [{ protocol: "TCP", port: 3000 }] }]);
  });

  test("GIVEN the prod stack WHEN planned THEN egress is DNS, Atlas on 27017 and HTTPS to public addresses, and Redis on 6379 to private ranges", () => {
    const [dns, ...rules] = policy(prod).inputs.spec.egress;
    expect(dns.ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
    expect(dns.to).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
      { ipBlock: { cidr: "169.254.20.10/32" } },
      { ipBlock: { cidr: "169.254.169.254/32" } },
    ]);
    expect(rules).toEqual([
      { to: [Internet], ports: [{ protocol: "TCP", port: 27017 }] },
      { to: [Internet], ports: [{ protocol: "TCP", port: 443 }] },
      { to: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 6379 }] },
    ]);
  });

  test("GIVEN staging's ClusterIP Service WHEN planned THEN the container port is open to the cluster's pods only", async () => {
    const staging = await runEdited("staging");
    expect(policy(staging).inputs.spec.ingress).toEqual([{ from: [{ namespaceSelector: {} }], ports: [{ protocol: "TCP", port: 3000 }] }]);
  });

  test("GIVEN ingressFrom: namespace WHEN planned THEN only pods of the app's namespace may connect, and nothing else changes", async () => {
    const run = await runEdited("prod", [`${App}.networkPolicy.ingressFrom`, "namespace"]);
    expect(policy(run).inputs.spec.ingress).toEqual([{ from: [{ podSelector: {} }], ports: [{ protocol: "TCP", port: 3000 }] }]);
    expect(changedObjects(prod, run)).toEqual(["merchant-backend-netpol"]);
  });

  test("GIVEN a new egress rule WHEN added to the stack file THEN only the NetworkPolicy changes", async () => {
    const run = await runEdited("prod", [`${App}.networkPolicy.egress.smtp`, { ports: [587], to: ["internet"] }]);
    expect(policy(run).inputs.spec.egress).toContainEqual({ to: [Internet], ports: [{ protocol: "TCP", port: 587 }] });
    expect(changedObjects(prod, run)).toEqual(["merchant-backend-netpol"]);
  });

  test("GIVEN no networkPolicy key WHEN planned THEN the default lets out DNS only", async () => {
    const run = await runEdited("prod", [`${App}.networkPolicy`, undefined]);
    expect(policy(run).inputs.spec.egress.map((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port))).toEqual([[53, 53]]);
  });

  test("GIVEN networkPolicy.enabled: false WHEN planned THEN there is no NetworkPolicy and nothing else changes", async () => {
    const run = await runEdited("prod", [`${App}.networkPolicy.enabled`, false]);
    expect(ofType(run, KubernetesTypes.networkPolicy).size).toBe(0);
    expect(changedObjects(prod, run)).toEqual(["merchant-backend-netpol"]);
  });
});

describe("the runbook's kubectl procedures as stack edits", () => {
  test("GIVEN `kubectl set image ... api=rezapp/merchant-backend:v1.2.4` WHEN the image key is edited THEN only the Deployment changes, to v1.2.4", async () => {
    const run = await runEdited("prod", [`${App}.image`, "rezapp/merchant-backend:v1.2.4"]);
    expect(api(run).image).toBe("rezapp/merchant-backend:v1.2.4");
    expect(deployment(run).inputs.metadata.labels["app.kubernetes.io/version"]).toBe("v1.2.4");
    expect(changedObjects(prod, run)).toEqual(["merchant-backend"]);
  });

  test("GIVEN v1.2.4 deployed WHEN `kubectl rollout undo` becomes the image key back at v1.2.3 THEN the plan is exactly the original one", async () => {
    const deployed = await runEdited("prod", [`${App}.image`, "rezapp/merchant-backend:v1.2.4"]);
    const rolledBack = await runEdited("prod", [`${App}.image`, "rezapp/merchant-backend:v1.2.3"]);
    expect(changedObjects(deployed, rolledBack)).toEqual(["merchant-backend"]);
    expect(api(rolledBack).image).toBe("rezapp/merchant-backend:v1.2.3");
    expect(changedObjects(prod, rolledBack)).toEqual([]);
  });

  test("GIVEN a scale-up WHEN the HPA range is edited to 5-20 THEN the HPA and PDB follow and the Deployment still has no replicas", async () => {
    const run = await runEdited("prod", [`${App}.autoscaling.minReplicas`, 5], [`${App}.autoscaling.maxReplicas`, 20]);
    expect([hpa(run).inputs.spec.minReplicas, hpa(run).inputs.spec.maxReplicas]).toEqual([5, 20]);
    expect(pdb(run).inputs.spec.minAvailable).toBe(4);
    expect(deployment(run).inputs.spec).not.toHaveProperty("replicas");
    expect(changedObjects(prod, run)).toEqual(["merchant-backend-hpa", "merchant-backend-pdb"]);
  });

  test("GIVEN `kubectl delete hpa` + `kubectl scale --replicas=5` WHEN autoscaling is switched off with replicas 5 THEN the HPA is gone and the Deployment runs 5", async () => {
    const run = await runEdited("prod", [`${App}.autoscaling.enabled`, false], [`${App}.replicas`, 5]);
    expect(ofType(run, KubernetesTypes.hpa).size).toBe(0);
    expect(deployment(run).inputs.spec.replicas).toBe(5);
    expect(pdb(run).inputs.spec.minAvailable).toBe(4);
  });

  test("GIVEN autoscaling switched off WHEN it is switched back on (replicas removed) THEN the HPA returns and the plan is the original one", async () => {
    const off = await runEdited("prod", [`${App}.autoscaling.enabled`, false], [`${App}.replicas`, 5]);
    const on = await runEdited("prod", [`${App}.autoscaling.enabled`, true], [`${App}.replicas`, undefined]);
    expect(changedObjects(off, on)).toEqual(["merchant-backend", "merchant-backend-hpa", "merchant-backend-pdb"]);
    expect(deployment(on).inputs.spec).not.toHaveProperty("replicas");
    expect(changedObjects(prod, on)).toEqual([]);
  });

  test("GIVEN an OOMKilled pod WHEN `kubectl set resources --limits=memory=2Gi` becomes limits.memory: 2Gi THEN the limit is 2Gi and the requests stay", async () => {
    const run = await runEdited("prod", [`${App}.resources.limits.memory`, "2Gi"]);
    expect(api(run).resources).toEqual({ requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "2Gi" } });
    expect(changedObjects(prod, run)).toEqual(["merchant-backend"]);
  });

  test("GIVEN `kubectl edit secret db-secrets` + restart WHEN REZ_JWT_SECRET's rotation key changes THEN a new value is generated and the pods roll, nothing else", async () => {
    const run = await runEdited("prod", ["platform:secrets.REZ_JWT_SECRET.generate.rotation", "2025-12-01"]);
    expect(resource(run, Types.randomPassword, "REZ_JWT_SECRET-value").inputs.keepers).toEqual({ rotation: "2025-12-01" });
    expect(podAnnotations(run)[SecretRevisionAnnotation]).toMatch(/^[0-9a-f]{16}$/);
    expect(podAnnotations(run)[SecretRevisionAnnotation]).not.toBe(podAnnotations(prod)[SecretRevisionAnnotation]);
    expect(changedObjects(prod, run)).toEqual(["merchant-backend"]);
    // The Kubernetes Secret's content is re-read from the new version before the pods roll.
    expect(resource(run, KubernetesTypes.secret, "merchant-backend-db-secrets").dependencies).toContain(
      resource(run, Types.secretVersion, "REZ_JWT_SECRET-version").urn,
    );
  });

  test("GIVEN a new external version of REZ_MONGODB_URI WHEN the app pins it (version: 7) THEN the pods roll to read it", async () => {
    // REZ_MONGODB_URI is Atlas's: the pin moves db-secrets' read off the version Atlas wrote.
    const before = await runFocused("prod", WithAtlas);
    const run = await runFocused("prod", WithAtlas, [`${App}.secret.data.MONGODB_URI.version`, "7"]);
    expect(podAnnotations(run)[SecretRevisionAnnotation]).not.toBe(podAnnotations(before)[SecretRevisionAnnotation]);
    expect(changedObjects(before, run)).toEqual(["merchant-backend"]);
  });

  test("GIVEN `kubectl rollout restart deployment/merchant-backend` WHEN restartToken is set THEN only the pod template annotation changes", async () => {
    const run = await runEdited("prod", [`${App}.restartToken`, "2025-11-22T03-10"]);
    expect(podAnnotations(run)[RestartAnnotation]).toBe("2025-11-22T03-10");
    expect(podAnnotations(prod)).not.toHaveProperty(RestartAnnotation);
    const strip = (r: ProgramRun) => {
      const spec = JSON.parse(JSON.stringify(deployment(r).inputs.spec));
      delete spec.template.metadata.annotations[RestartAnnotation];
      return spec;
    };
    expect(strip(run)).toEqual(strip(prod));
  });
});

import { CloudRunService, CloudRunServiceArgs, SecretVersionsAnnotation, StartupWindowLimitSeconds } from "../components/cloudRun/service";
import { ProgramRun, runProgram } from "../tools/plan/record";
import { Secret, Unknown } from "../tools/plan/values";
import { ofType, resource, runStack, stackConfig, Types, withEdits } from "./harness";

const Service = "platform:cloudRun.mixillo-backend";
const container = (run: ProgramRun) => service(run).inputs.template.containers[0];
const service = (run: ProgramRun) => resource(run, Types.cloudRunService, "mixillo-backend");
const envNamed = (run: ProgramRun, name: string) => container(run).envs.find((e: { name: string }) => e.name === name);

/**
 * The stack focused on Cloud Run (test/harness.ts), with edits. Without Atlas, MONGODB_URI is read at
 * latest rather than at the version Atlas writes; atlas.test.ts asserts that wiring.
 */
async function runEdited(stack: string, ...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = withEdits(stackConfig(stack, ["cloudRun"]), ...edits);
  const run = await runStack(stack, config);
  expect(run.errors).toEqual([]);
  return run;
}

describe("mixillo-backend in prod, as runbook 000 deploys it", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runEdited("prod");
  });

  test("GIVEN the prod stack WHEN planned THEN the service is Cloud Run v2, named and placed as in the runbook", () => {
    const inputs = service(run).inputs;
    expect(service(run).type).toBe("gcp:cloudrunv2/service:Service");
    expect(inputs.name).toBe("mixillo-backend");
    expect(inputs.location).toBe("europe-west1");
    expect(inputs.project).toBe("mixillo");
    expect(service(run).provider).toBe("urn:pulumi:prod::platform::pulumi:providers:gcp::gcp");
  });

  test("GIVEN the prod stack WHEN planned THEN it has 2 CPU, 2Gi, 0-10 instances, concurrency 80, 300 s, port 8080", () => {
    const { template } = service(run).inputs;
    expect(container(run).resources.limits).toEqual({ cpu: "2", memory: "2Gi" });
    expect(template.scaling).toEqual({ minInstanceCount: 0, maxInstanceCount: 10 });
    expect(template.maxInstanceRequestConcurrency).toBe(80);
    expect(template.timeout).toBe("300s");
    expect(container(run).ports).toEqual({ containerPort: 8080 });
  });

  test("GIVEN the prod stack WHEN planned THEN DATABASE_MODE is plain and every secret comes from Secret Manager", () => {
    expect(envNamed(run, "DATABASE_MODE")).toEqual({ name: "DATABASE_MODE", value: "dual" });
    for (const name of ["MONGODB_URI", "JWT_SECRET", "JWT_REFRESH_SECRET", "STRIPE_WEBHOOK_SECRET"]) {
      const env = envNamed(run, name);
      expect(env.value).toBeUndefined();
      expect(env.valueSource.secretKeyRef.secret).toBe(name);
    }
    expect(envNamed(run, "STRIPE_WEBHOOK_SECRET").valueSource.secretKeyRef.version).toBe("latest");
  });

  // Secret Manager "Access a secret version": a disabled version cannot be accessed, and a Cloud Run
  // revision reads its secret env vars when an instance starts. A rotation disables the old version
  // (deletionPolicy DISABLE), so a revision pinned by a rollback that read it by number could not start.
  test("GIVEN a generated secret WHEN planned THEN every revision reads it at latest, so a rollback to an older revision still starts", () => {
    expect(envNamed(run, "JWT_SECRET").valueSource.secretKeyRef.version).toBe("latest");
    expect(envNamed(run, "JWT_REFRESH_SECRET").valueSource.secretKeyRef.version).toBe("latest");
  });

  test("GIVEN a generated secret WHEN planned THEN the revision records the version the platform wrote, so a rotation rolls a new revision", () => {
    expect(service(run).inputs.template.annotations).toEqual({ [SecretVersionsAnnotation]: Unknown });
    const template = service(run).propertyDependencies.template;
    expect(template).toContain(resource(run, Types.secretVersion, "JWT_SECRET-version").urn);
    expect(template).toContain(resource(run, Types.secretVersion, "JWT_REFRESH_SECRET-version").urn);
  });

  test("GIVEN the prod stack WHEN planned THEN startup and liveness probes call /health on the container port", () => {
    expect(container(run).startupProbe.httpGet).toEqual({ path: "/health", port: 8080 });
    expect(container(run).livenessProbe.httpGet).toEqual({ path: "/health", port: 8080 });
  });

  // Cloud Run "Configure container health checks" (services): failureThreshold * periodSeconds ≤ 240 s.
  test("GIVEN the prod stack WHEN planned THEN the startup probe's window is within the 240 s Cloud Run allows", () => {
    const { failureThreshold, periodSeconds } = container(run).startupProbe;
    expect(failureThreshold * periodSeconds).toBeLessThanOrEqual(StartupWindowLimitSeconds);
    expect(StartupWindowLimitSeconds).toBe(240);
  });

  test("GIVEN --allow-unauthenticated in the runbook WHEN planned THEN allUsers may invoke, with ingress all", () => {
    const invoker = resource(run, Types.cloudRunInvoker, "mixillo-backend-public-invoker");
    expect(invoker.inputs).toMatchObject({ role: "roles/run.invoker", member: "allUsers", location: "europe-west1" });
    expect(service(run).inputs.ingress).toBe("INGRESS_TRAFFIC_ALL");
  });

  test("GIVEN prod WHEN planned THEN the service refuses deletion and carries product, environment and owner labels", () => {
    expect(service(run).inputs.deletionProtection).toBe(true);
    expect(service(run).inputs.labels).toEqual({ product: "mixillo", environment: "prod", owner: "platform-team", "managed-by": "pulumi" });
  });

  test("GIVEN the service WHEN planned THEN it runs as its own account that reads exactly its four secrets", () => {
    const account = resource(run, Types.serviceAccount, "mixillo-backend-sa");
    expect(account.inputs.accountId).toBe("mixillo-backend-run");
    expect(service(run).propertyDependencies.template).toContain(account.urn);
    const grants = [...ofType(run, Types.secretAccessor).values()];
    expect(grants.map((g) => g.inputs.secretId).sort()).toEqual(["JWT_REFRESH_SECRET", "JWT_SECRET", "MONGODB_URI", "STRIPE_WEBHOOK_SECRET"]);
    for (const grant of grants) {
      expect(grant.inputs.role).toBe("roles/secretmanager.secretAccessor");
      expect(grant.propertyDependencies.member).toEqual([account.urn]);
      // The service waits for every grant, so no revision starts without access to its secrets.
      expect(service(run).dependencies).toContain(grant.urn);
    }
  });

  test("GIVEN the service WHEN planned THEN it follows the latest revision", () => {
    expect(service(run).inputs.traffics).toEqual([{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }]);
  });
});

describe("mixillo-backend in staging", () => {
  test("GIVEN the staging stack WHEN planned THEN it is smaller, in its own project, and deletable", async () => {
    const run = await runEdited("staging");
    const inputs = service(run).inputs;
    expect(inputs.project).toBe("mixillo-staging");
    expect(inputs.name).toBe("mixillo-backend");
    expect(container(run).resources.limits).toEqual({ cpu: "1", memory: "1Gi" });
    expect(inputs.template.scaling).toEqual({ minInstanceCount: 0, maxInstanceCount: 3 });
    expect(inputs.deletionProtection).toBe(false);
    expect(inputs.labels.environment).toBe("staging");
  });
});

describe("runbook operations as stack edits", () => {
  test.each([
    [2, 20],
    [3, 15],
    [5, 20],
    [0, 10],
  ])("GIVEN minInstances %i and maxInstances %i WHEN planned THEN the revision scales so", async (min, max) => {
    const run = await runEdited("prod", [`${Service}.minInstances`, min], [`${Service}.maxInstances`, max]);
    expect(service(run).inputs.template.scaling).toEqual({ minInstanceCount: min, maxInstanceCount: max });
  });

  test("GIVEN traffic pinned to mixillo-backend-00075-82j WHEN planned THEN 100 % goes to that revision (rollback)", async () => {
    const run = await runEdited("prod", [`${Service}.traffic`, { pinRevision: "mixillo-backend-00075-82j" }]);
    expect(service(run).inputs.traffics).toEqual([{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: "mixillo-backend-00075-82j", percent: 100 }]);
  });

  test("GIVEN a canary split WHEN planned THEN traffic is divided with the tag", async () => {
    const split = [
      { revision: "mixillo-backend-00075-82j", percent: 90 },
      { latest: true, percent: 10, tag: "canary" },
    ];
    const run = await runEdited("prod", [`${Service}.traffic`, { split }]);
    expect(service(run).inputs.traffics).toEqual([
      { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: "mixillo-backend-00075-82j", percent: 90 },
      { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 10, tag: "canary" },
    ]);
  });

  test("GIVEN a new image digest WHEN planned THEN the container runs exactly that digest", async () => {
    const image = `europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend@sha256:${"ab".repeat(32)}`;
    const run = await runEdited("prod", [`${Service}.image`, image]);
    expect(container(run).image).toBe(image);
  });

  test("GIVEN a new restart token WHEN planned THEN only the revision template's annotation changes", async () => {
    const before = await runEdited("prod");
    const after = await runEdited("prod", [`${Service}.restartToken`, "2025-11-22T03-10"]);
    const { annotations, ...rest } = service(after).inputs.template;
    expect(annotations).toEqual({ ...service(before).inputs.template.annotations, "platform.ops/restart-token": "2025-11-22T03-10" });
    expect(rest).toEqual((({ annotations: _, ...template }) => template)(service(before).inputs.template));
  });

  test("GIVEN a new rotation key for both JWT secrets WHEN planned THEN both values are regenerated", async () => {
    const run = await runEdited(
      "prod",
      ["platform:secrets.JWT_SECRET.generate.rotation", "2025-12-01"],
      ["platform:secrets.JWT_REFRESH_SECRET.generate.rotation", "2025-12-01"],
    );
    for (const name of ["JWT_SECRET", "JWT_REFRESH_SECRET"]) {
      // A changed keeper replaces the random value, and with it the secret version the service reads.
      expect(resource(run, Types.randomPassword, `${name}-value`).inputs.keepers).toEqual({ rotation: "2025-12-01" });
      const version = resource(run, Types.secretVersion, `${name}-version`);
      expect(version.propertyDependencies.secretData).toEqual([resource(run, Types.randomPassword, `${name}-value`).urn]);
      expect(version.inputs.secretData).toBe(Secret);
    }
  });

  test("GIVEN public: false WHEN planned THEN nobody but IAM-granted callers may invoke", async () => {
    const run = await runEdited("prod", [`${Service}.public`, false], [`${Service}.ingress`, "internal"]);
    expect(ofType(run, Types.cloudRunInvoker).size).toBe(0);
    expect(service(run).inputs.ingress).toBe("INGRESS_TRAFFIC_INTERNAL_ONLY");
  });
});

describe("CloudRunService outside the assembly: the guards it keeps", () => {
  const valid = (): CloudRunServiceArgs => ({
    serviceName: "demo",
    project: "p",
    region: "europe-west1",
    image: "europe-docker.pkg.dev/p/demo/api:v1.0.0",
    cpu: 1,
    memory: "512Mi",
    minInstances: 1,
    maxInstances: 3,
    healthPath: "/health",
    secretEnv: { API_KEY: { name: "API_KEY", secretId: "API_KEY", version: "latest" } },
    labels: { product: "demo" },
  });

  test.each<[string, Partial<CloudRunServiceArgs>, string]>([
    ["a negative floor", { minInstances: -1 }, "minInstances must be an integer ≥ 0, got -1"],
    ["a ceiling of no instance", { minInstances: 0, maxInstances: 0 }, "maxInstances must be an integer ≥ 1, got 0"],
    ["a range upside down", { minInstances: 5, maxInstances: 3 }, "minInstances must be ≤ maxInstances (3), got 5"],
    ["a relative health path", { healthPath: "health" }, 'healthPath must be an absolute path, got "health"'],
    ["a secret also set as plain env", { env: { API_KEY: "plain" } }, 'env.API_KEY must be set in env or secretEnv, not both, got "API_KEY"'],
  ])("GIVEN %s WHEN constructed THEN it throws naming the component, the field and the value, and creates no child", async (_what, edit, expected) => {
    const run = await runProgram(() => new CloudRunService("demo", { ...valid(), ...edit }), { project: "platform", stack: "test", config: {} });
    expect(run.errors.map((e) => e.message)).toEqual([`CloudRunService demo: ${expected}`]);
    expect(run.resources.filter((r) => r.type.startsWith("gcp:"))).toEqual([]);
  });

  test("GIVEN valid arguments WHEN constructed THEN the service is registered", async () => {
    const run = await runProgram(() => new CloudRunService("demo", valid()), { project: "platform", stack: "test", config: {} });
    expect(run.errors).toEqual([]);
    expect(run.resources.map((r) => r.type)).toContain(Types.cloudRunService);
  });
});

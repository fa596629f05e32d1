import { ManagedSecret, ManagedSecretArgs, SecretAnnotationKey, SecretAnnotations } from "../components/secrets/managedSecret";
import { ProgramRun, runProgram } from "../tools/plan/record";
import { containsSecret, Secret } from "../tools/plan/values";
import { Area, ofType, resource, runStack, stackConfig, Types } from "./harness";

// A value the mocks hand out as if @pulumi/random had generated it, to follow where it flows.
const Generated = "generated-value-that-must-never-be-printed";
const withGeneratedValues = (type: string) => (type === Types.randomPassword ? { result: Generated } : undefined);

/** The secrets block alone: every secret the stack declares, without the areas that read them. */
const Secrets: readonly Area[] = ["secrets"];

async function planSecrets(stack: string): Promise<ProgramRun> {
  const run = await runStack(stack, stackConfig(stack, Secrets));
  expect(run.errors).toEqual([]);
  return run;
}

/** Prod's secrets, planned once for the tests that read them. */
let prodPlan: Promise<ProgramRun> | undefined;
const prodSecrets = () => (prodPlan ??= planSecrets("prod"));

describe("Secret Manager secrets", () => {
  test("GIVEN prod WHEN planned THEN every secret is declared, protected twice, and labelled by product", async () => {
    const declared: Record<string, { product: string }> = stackConfig("prod", Secrets)["platform:secrets"];
    const run = await prodSecrets();
    const secrets = ofType(run, Types.secret);
    expect([...secrets.keys()].sort()).toEqual(Object.keys(declared).sort());
    expect(secrets.has("JWT_SECRET") && secrets.has("STRIPE_WEBHOOK_SECRET")).toBe(true);
    for (const [name, secret] of secrets) {
      expect(secret.protect).toBe(true);
      expect(secret.inputs.deletionProtection).toBe(true);
      expect(secret.inputs.replication).toEqual({ auto: {} });
      expect(secret.inputs.labels.product).toBe(declared[name].product);
    }
  });

  // @pulumi/gcp 9.37.0 secretmanager/secret.d.ts: keys of 1-63 characters, alphanumeric at both ends,
  // `-`, `_`, `.` between; the `platform.ops/…` keys of before were rejected by the API.
  test("GIVEN prod WHEN planned THEN every secret's annotation key is one Secret Manager accepts", async () => {
    const keys = [...ofType(await prodSecrets(), Types.secret).values()].flatMap((secret) => Object.keys(secret.inputs.annotations));
    expect(new Set(keys)).toEqual(new Set(Object.values(SecretAnnotations)));
    for (const key of keys) expect(key).toMatch(SecretAnnotationKey);
    expect("platform.ops/source").not.toMatch(SecretAnnotationKey);
  });

  test("GIVEN an external secret WHEN planned THEN no version is created by the program", async () => {
    const run = await prodSecrets();
    expect(resource(run, Types.secret, "STRIPE_WEBHOOK_SECRET").inputs.annotations["platform.ops.source"]).toBe("external");
    const versions = [...ofType(run, Types.secretVersion).keys()];
    expect(versions).toContain("JWT_SECRET-version");
    expect(versions).not.toContain("STRIPE_WEBHOOK_SECRET-version");
  });

  test("GIVEN a generated secret WHEN planned THEN its value is 64 random letters and digits, kept by its rotation key", async () => {
    const run = await prodSecrets();
    const value = resource(run, Types.randomPassword, "JWT_SECRET-value");
    expect(value.inputs).toEqual({ length: 64, special: false, keepers: { rotation: "2025-11-07" } });
    expect(resource(run, Types.secretVersion, "JWT_SECRET-version").inputs.deletionPolicy).toBe("DISABLE");
  });

  test("GIVEN staging WHEN planned THEN secrets are not protected", async () => {
    const run = await planSecrets("staging");
    for (const secret of ofType(run, Types.secret).values()) {
      expect(secret.protect).toBe(false);
      expect(secret.inputs.deletionProtection).toBe(false);
    }
  });

  test.each(["prod", "staging"])("GIVEN generated values WHEN %s is planned THEN no input holds them except as a Pulumi secret", async (stack) => {
    // The whole estate: every area that reads a secret is where a value could leak.
    const run = await runStack(stack, stackConfig(stack), { mockOutputs: withGeneratedValues });
    expect(run.errors).toEqual([]);
    expect(JSON.stringify(run.resources)).not.toContain(Generated);
    const versions = [...ofType(run, Types.secretVersion).values()];
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(version.inputs.secretData).toBe(Secret);
    // Only secret versions, Vercel env vars (whose values the SDK always marks secret), the
    // Kubernetes Secret db-secrets, Spilt Tea's containers (their env list) and Atlas database users
    // (their password) carry secret inputs; where on-call is declared, also the PagerDuty and Sentry
    // providers' tokens and the integration keys of the channels and Atlas alerts. Nothing else was handed a secret.
    const holders = run.resources.filter((r) => containsSecret(r.inputs)).map((r) => r.type);
    const oncall =
      stack === "prod"
        ? [
            "gcp:monitoring/notificationChannel:NotificationChannel",
            "pulumi:providers:pagerduty",
            "pulumi:providers:sentry",
            "mongodbatlas:index/alertConfiguration:AlertConfiguration",
          ]
        : [];
    const stores = [
      Types.secretVersion,
      "docker:index/container:Container",
      "kubernetes:core/v1:Secret",
      "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable",
      "mongodbatlas:index/databaseUser:DatabaseUser",
    ];
    expect([...new Set(holders)].sort()).toEqual([...oncall, ...stores].sort());
  });
});

describe("ManagedSecret outside the assembly: the guards it keeps", () => {
  const base: ManagedSecretArgs = { secretId: "API_SIGNING_KEY", project: "p", labels: { product: "demo" } };
  test.each<[string, Partial<ManagedSecretArgs>, string]>([
    [
      "a value both generated and supplied",
      { generate: { length: 64, rotation: "2025-11-22" }, supplied: { value: "s3cr3t-value", source: "atlas", rotation: "2025-11-22" } },
      'ManagedSecret API_SIGNING_KEY: supplied must be unset when generate is set (a secret is either generated or supplied, not both), got {"source":"atlas","rotation":"2025-11-22"}',
    ],
    [
      "a generated value too short to sign with",
      { generate: { length: 16, rotation: "2025-11-22" } },
      "ManagedSecret API_SIGNING_KEY: generate.length must be at least 32 characters, got 16",
    ],
  ])("GIVEN %s WHEN constructed THEN it throws naming the component, and creates no child", async (_what, edit, expected) => {
    const run = await runProgram(() => new ManagedSecret("API_SIGNING_KEY", { ...base, ...edit }), { project: "platform", stack: "test", config: {} });
    expect(run.errors.map((e) => e.message)).toEqual([expected]);
    expect(run.resources.filter((r) => r.type.startsWith("gcp:") || r.type.startsWith("random:"))).toEqual([]);
  });
});

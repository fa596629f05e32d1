import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../stacks/program";
import { makePlan } from "../tools/plan/plan";
import { fixtureProject, setPath, stackConfig } from "./harness";
import { HostRun, registrationDifferences, runAsLanguageHost } from "./languageHost";

/**
 * The offline plan registers what `pulumi preview` would: the same program, started the way the
 * language host starts it and served over gRPC as the engine serves it (test/languageHost.ts), sends
 * exactly the registrations the plan records, for the baseline prod and staging stacks. Prod's run
 * also carries one secret value as the CLI passes a decrypted `secure:` value.
 */
const Plaintext = "whsec_language_host_plaintext";
const Ciphertext = "v1:AAABAciphertextThePlanCannotDecrypt==";
const SecretKey = "platform:secretValues";
const withSecretValue = (config: Record<string, unknown>, value: unknown) =>
  setPath(config, `${SecretKey}.STRIPE_WEBHOOK_SECRET`, { value, rotation: "2030-11-25" });

// One cache directory for the loader in every run of this file; what the program would put there is checked below.
const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "host-cache-")), "cache");
afterAll(() => fs.rmSync(path.dirname(cache), { recursive: true, force: true }));

type Runs = { host: HostRun; planned: Awaited<ReturnType<typeof makePlan>> };
const runs = new Map<string, Promise<Runs>>();

/**
 * Each stack run once under the language host and once by the plan, shared by the describe blocks:
 * prod's with STRIPE_WEBHOOK_SECRET's value, decrypted by the CLI and named in PULUMI_CONFIG_SECRET_KEYS
 * for the host, and still `secure:` (a ciphertext the plan cannot decrypt) for the plan.
 */
function runsOf(stack: string): Promise<Runs> {
  let made = runs.get(stack);
  if (!made) {
    const secret = stack === "prod";
    const hostConfig = secret ? withSecretValue(stackConfig(stack), Plaintext) : stackConfig(stack);
    const planConfig = secret ? withSecretValue(stackConfig(stack), { secure: Ciphertext }) : stackConfig(stack);
    made = (async () => {
      const [host, planned] = await Promise.all([
        runAsLanguageHost(stack, hostConfig, secret ? [SecretKey] : [], { PLAN_CACHE_DIR: cache }),
        makePlan({ projectDir: await fixtureProject(stack), stack, program, config: planConfig }),
      ]);
      return { host, planned };
    })();
    runs.set(stack, made);
  }
  return made;
}

describe.each(["prod", "staging"])("the %s baseline stack under the language host", (stack) => {
  let host: HostRun;
  let planned: Runs["planned"];
  beforeAll(async () => ({ host, planned } = await runsOf(stack)));

  // stacks/cache/diskCache.ts: the plan's cache is the plan's alone.
  test("GIVEN the program run as the CLI runs it WHEN it validates its config THEN it reads and writes nothing in the plan's disk cache: a deploy never loads generated code from it", () => {
    expect(host.exitCode).toBe(0);
    // (The test's own TypeScript loader, tools/plan/register.js, keeps its transpiled files there.)
    const derived = fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => /^(ajv|yaml)-/.test(f)) : [];
    expect(derived).toEqual([]);
  });

  test("GIVEN the program started as the language host starts it WHEN it runs THEN it exits 0 with no error", () => {
    expect(host.errors).toEqual([]);
    expect(host.exitCode).toBe(0);
    expect(host.resources.length).toBeGreaterThan(100);
  });

  test("GIVEN both runs WHEN their registrations are compared THEN there is no difference: type, name, parent, inputs, dependencies, provider and options alike", () => {
    expect(registrationDifferences(planned.run.resources, host.resources)).toEqual([]);
  });

  test("GIVEN one planted difference WHEN compared THEN exactly it is reported", () => {
    const planted = host.resources.map((r) =>
      r.type === "gcp:cloudrunv2/service:Service" ? { ...r, inputs: { ...r.inputs, ingress: "INGRESS_TRAFFIC_ALL_PLANTED" } } : r,
    );
    const differences = registrationDifferences(planned.run.resources, planted);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(/^urn:pulumi:.*::mixillo-backend: inputs differs: plan .*INGRESS_TRAFFIC_.*language host .*INGRESS_TRAFFIC_ALL_PLANTED/);
  });
});

describe("a secret value under the language host", () => {
  test("GIVEN platform:secretValues decrypted by the CLI and named in PULUMI_CONFIG_SECRET_KEYS WHEN run THEN it registers as the plan's secure: stand-in does, a secret, never in clear", async () => {
    const { host, planned } = await runsOf("prod");
    expect(host.errors).toEqual([]);
    expect(registrationDifferences(planned.run.resources, host.resources)).toEqual([]);
    expect(host.resources.find((r) => r.name === "STRIPE_WEBHOOK_SECRET-version")?.inputs.secretData).toBe("[secret]");
    expect(JSON.stringify(host.resources)).not.toContain(Plaintext);
  });
});

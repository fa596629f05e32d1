import { spawnSync } from "child_process";
import { EnvDigestMeta, FlagsMeta, MaintenanceMeta, Protections, RedeployTokenMeta, VercelProject } from "../components/vercel/project";
import { parseStackSpec } from "../stacks/spec";
import { ProgramRun, RecordedResource, runProgram } from "../tools/plan/record";
import { Secret } from "../tools/plan/values";
import { Area, Config, Focused, ofType, resource, runStack, setPath, stackConfig, StackFile, Types, withEdits } from "./harness";

const T = {
  project: "vercel:index/project:Project",
  env: "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable",
  domain: "vercel:index/projectDomain:ProjectDomain",
  deployment: "vercel:index/deployment:Deployment",
  provider: "pulumi:providers:vercel",
} as const;
const Fixzit = "platform:vercel.projects.fixzit";
const PreviousCommit = "3f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";

// Focused stacks (test/harness.ts): Vercel needs Cloud Run (mixillo-admin's VITE_API_URL is the
// service's URL). Atlas writes FIXZIT_MONGODB_URI, so the tests about where that secret comes from, or
// about moving fixzit's read of it off the version Atlas wrote, plan Atlas too.
const Areas: readonly Area[] = Focused.vercel;
const WithAtlas: readonly Area[] = [...Focused.vercel, "atlas"];

// The Vercel SDK marks every env var value secret, so the plan shows "[secret]" even for a flag. To
// check plain values, the tests read what the mock engine received, behind the secret wrapper.
const SecretSig = "1b47061264138c4ac30d75fd1eb44270";
type Received = Map<string, Record<string, any>>;

async function runWithValues(stack: string, config: Config): Promise<{ run: ProgramRun; received: Received }> {
  const received: Received = new Map();
  const run = await runStack(stack, config, { onInputs: (type, name, inputs) => received.set(`${type}::${name}`, inputs) });
  expect(run.errors).toEqual([]);
  return { run, received };
}

/** The plain value behind a secret wrapper, and whether it was wrapped. */
function envValue(received: Received, name: string): { secret: boolean; value: unknown } {
  const value = received.get(`${T.env}::${name}`)?.value;
  if (value && typeof value === "object" && value["4dabf18193072939515e22adb298388d"] === SecretSig) return { secret: true, value: value.value };
  return { secret: false, value };
}

function production(run: ProgramRun, project = "fixzit"): RecordedResource {
  return resource(run, T.deployment, `${project}-production`);
}

function edited(...edits: [string, unknown][]): Config {
  return withEdits(stackConfig("prod", Areas), ...edits);
}

// The unedited prod plan (with what the engine received) that most tests read, and the edits compare to.
let baseline: ProgramRun;
let baselineReceived: Received;
beforeAll(async () => {
  ({ run: baseline, received: baselineReceived } = await runWithValues("prod", stackConfig("prod", Areas)));
});

describe("Vercel: the baseline stacks", () => {
  test("GIVEN prod WHEN planned THEN mixillo-admin and fixzit exist under the runbooks' names, in their teams, protected", () => {
    expect(baseline.errors).toEqual([]);
    const projects = ofType(baseline, T.project);
    expect([...projects.keys()].sort()).toEqual(["fixzit", "mixillo-admin"]);
    const fixzit = projects.get("fixzit")!;
    expect(fixzit.inputs).toMatchObject({
      name: "fixzit",
      framework: "nextjs",
      gitRepository: { type: "github", repo: "fixzit/fixzit", productionBranch: "main" },
      buildCommand: "pnpm build",
      nodeVersion: "20.x",
      vercelAuthentication: { deploymentType: "standard_protection_new" },
      gitForkProtection: true,
    });
    expect(fixzit.inputs.ignoreCommand).toBeUndefined();
    expect(projects.get("mixillo-admin")!.inputs).toMatchObject({ name: "mixillo-admin", gitRepository: { repo: "mixillo/mixillo-admin" } });
    for (const project of projects.values()) expect(project.protect).toBe(true);

    // One explicit provider per team; the token is not in its inputs (VERCEL_API_TOKEN at run time).
    const providers = ofType(baseline, T.provider);
    expect([...providers.values()].map((p) => p.inputs)).toEqual([{ team: "fixzit" }, { team: "mixillo" }]);
    const vercelResources = baseline.resources.filter((r) => r.type.startsWith("vercel:"));
    for (const r of vercelResources) expect(r.provider).toBe(providers.get(`vercel-${r.name.startsWith("fixzit") ? "fixzit" : "mixillo"}`)!.urn);
  });

  // vercel/terraform-provider-vercel vercel/resource_project.go: vercel_authentication.deployment_type is
  // stringvalidator.OneOf these; the camelCase of the SDK's d.ts comments is rejected at `pulumi up`.
  test("GIVEN each deployment protection WHEN mapped THEN it is a value the provider's validator accepts", () => {
    const accepted = ["standard_protection_new", "standard_protection", "all_deployments", "only_preview_deployments", "none"];
    for (const value of Object.values(Protections)) expect(accepted).toContain(value);
    expect(Protections).toEqual({ standard: "standard_protection_new", previews: "only_preview_deployments", all: "all_deployments", none: "none" });
  });

  test("GIVEN staging WHEN planned THEN the projects have staging names, are not protected, and fixzit-staging is closed to visitors", async () => {
    const run = await runStack("staging", stackConfig("staging", Areas));
    expect(run.errors).toEqual([]);
    const projects = ofType(run, T.project);
    expect(projects.get("mixillo-admin")!.inputs.name).toBe("mixillo-admin-staging");
    expect(projects.get("fixzit")!.inputs.name).toBe("fixzit-staging");
    expect(projects.get("fixzit")!.inputs.vercelAuthentication).toEqual({ deploymentType: "all_deployments" });
    for (const project of projects.values()) expect(project.protect).toBe(false);
    expect(ofType(run, T.domain).size).toBe(0);
  });

  test("GIVEN prod WHEN planned THEN each env var has its targets and sensitivity, and plain values are the stack file's", () => {
    const summary = Object.fromEntries(
      [...ofType(baseline, T.env).values()].map((r) => [r.name, { key: r.inputs.key, targets: r.inputs.targets, sensitive: r.inputs.sensitive }]),
    );
    expect(summary).toEqual({
      "fixzit-env-FEATURE_NEW_DASHBOARD": { key: "FEATURE_NEW_DASHBOARD", targets: ["production", "preview"], sensitive: false },
      "fixzit-env-MONGODB_URI": { key: "MONGODB_URI", targets: ["production"], sensitive: true },
      "fixzit-env-REDIS_URL": { key: "REDIS_URL", targets: ["production"], sensitive: true },
      "mixillo-admin-env-VITE_API_URL": { key: "VITE_API_URL", targets: ["production", "preview"], sensitive: false },
    });
    expect(envValue(baselineReceived, "fixzit-env-FEATURE_NEW_DASHBOARD").value).toBe("enabled");
    // The admin dashboard's API URL is mixillo-backend's URL, not a copied literal.
    const apiUrl = resource(baseline, T.env, "mixillo-admin-env-VITE_API_URL");
    expect(apiUrl.propertyDependencies.value).toEqual([resource(baseline, Types.cloudRunService, "mixillo-backend").urn]);
  });

  test.each(["prod", "staging"])(
    "GIVEN %s WHEN planned THEN secret env vars are Pulumi secrets read from their declared secret, never literals",
    async (stack) => {
      // The whole stack file holds no connection string; the plan needs Atlas, which writes Fixzit's.
      expect(JSON.stringify(stackConfig(stack))).not.toMatch(/mongodb(\+srv)?:\/\/|rediss?:\/\//);
      const { run, received } = await runWithValues(stack, stackConfig(stack, WithAtlas));
      for (const [envName, secretId] of [
        ["MONGODB_URI", "FIXZIT_MONGODB_URI"],
        ["REDIS_URL", "FIXZIT_REDIS_URL"],
      ]) {
        const envVar = resource(run, T.env, `fixzit-env-${envName}`);
        expect(envVar.inputs.sensitive).toBe(true);
        expect(envVar.inputs.value).toBe(Secret);
        expect(envValue(received, `fixzit-env-${envName}`).secret).toBe(true);
        expect(envVar.dependencies).toContain(resource(run, Types.secret, secretId).urn);
        expect(envVar.inputs.comment).toBe(`From Secret Manager: ${secretId}`);
      }
      const secret = resource(run, Types.secret, "FIXZIT_MONGODB_URI");
      expect(secret.inputs.labels.product).toBe("fixzit");
      // Fixzit's Atlas user writes the connection string; the Redis URL is added outside.
      expect(secret.inputs.annotations["platform.ops.source"]).toBe("atlas");
      expect(resource(run, Types.secret, "FIXZIT_REDIS_URL").inputs.annotations["platform.ops.source"]).toBe("external");
    },
  );

  test("GIVEN prod WHEN planned THEN fixzit.com is fixzit's domain and the health endpoints are recorded for monitoring", () => {
    const domain = resource(baseline, T.domain, "fixzit-domain-fixzit.com");
    expect(domain.inputs).toMatchObject({ domain: "fixzit.com" });
    expect(domain.inputs.redirect).toBeUndefined();
    const spec = parseStackSpec(stackConfig("prod", Areas), { stack: "prod", file: StackFile.prod });
    expect(spec.vercel!.projects.fixzit.healthChecks).toEqual({
      live: "/api/health",
      ready: "/api/health/ready",
      db: "/api/health/db",
      redis: "/api/health/redis",
    });
  });

  test("GIVEN prod WHEN planned THEN production is a deployment of the production branch, made after the env vars and domains", () => {
    const deployment = production(baseline);
    expect(deployment.inputs).toMatchObject({ ref: "main", production: true, deleteOnDestroy: false });
    expect(deployment.inputs.meta).toMatchObject({ [MaintenanceMeta]: "off", [FlagsMeta]: "FEATURE_NEW_DASHBOARD=enabled" });
    expect(deployment.inputs.meta[EnvDigestMeta]).toMatch(/^[0-9a-f]{32}$/);
    expect(deployment.replaceOnChanges).toEqual(["meta", "production", "ref"]);
    const waitsFor = [...ofType(baseline, T.env).values(), ...ofType(baseline, T.domain).values()].filter((r) => r.name.startsWith("fixzit-"));
    for (const r of waitsFor) expect(deployment.dependencies).toContain(r.urn);
  });
});

describe("Vercel: operational changes as stack edits", () => {
  const digest = (run: ProgramRun) => production(run).inputs.meta[EnvDigestMeta];

  test("GIVEN maintenance on with a message WHEN planned THEN both variables exist and production is redeployed with them", async () => {
    const message = "Scheduled maintenance until 10:00 AM GMT";
    const { run, received } = await runWithValues("prod", edited([`${Fixzit}.maintenance`, { enabled: true, message }]));
    for (const [name, value] of [
      ["fixzit-env-MAINTENANCE_MODE", "true"],
      ["fixzit-env-MAINTENANCE_MESSAGE", message],
    ]) {
      expect(resource(run, T.env, name).inputs).toMatchObject({ targets: ["production", "preview"], sensitive: false });
      expect(envValue(received, name).value).toBe(value);
    }
    expect(production(run).inputs.meta[MaintenanceMeta]).toBe("on");
    // A changed metadata value replaces the deployment: a new production build with the new env.
    expect(digest(run)).not.toBe(digest(baseline));
    expect(production(run).replaceOnChanges).toContain("meta");
  });

  test("GIVEN maintenance switched off again WHEN planned THEN both variables are gone and production is as before", async () => {
    const on = await runStack("prod", edited([`${Fixzit}.maintenance`, { enabled: true }]));
    expect(ofType(on, T.env).has("fixzit-env-MAINTENANCE_MODE")).toBe(true);
    const off = await runStack("prod", edited([`${Fixzit}.maintenance`, { enabled: false }]));
    expect(ofType(off, T.env).has("fixzit-env-MAINTENANCE_MODE")).toBe(false);
    expect(ofType(off, T.env).has("fixzit-env-MAINTENANCE_MESSAGE")).toBe(false);
    expect(production(off).inputs.meta[MaintenanceMeta]).toBe("off");
    expect(digest(off)).not.toBe(digest(on));
    expect(digest(off)).toBe(digest(baseline));
  });

  test("GIVEN a flag switched off WHEN planned THEN the variable says disabled and production is redeployed", async () => {
    const { run, received } = await runWithValues("prod", edited([`${Fixzit}.flags.FEATURE_NEW_DASHBOARD`, "disabled"]));
    expect(envValue(received, "fixzit-env-FEATURE_NEW_DASHBOARD").value).toBe("disabled");
    expect(production(run).inputs.meta[FlagsMeta]).toBe("FEATURE_NEW_DASHBOARD=disabled");
    expect(digest(run)).not.toBe(digest(baseline));
  });

  test("GIVEN production pinned to a previous commit WHEN planned THEN that commit is deployed and pushes cannot replace it", async () => {
    const run = await runStack("prod", edited([`${Fixzit}.production`, { pinCommit: PreviousCommit }]));
    expect(production(run).inputs).toMatchObject({ ref: PreviousCommit, production: true });
    const ignoreCommand: string = resource(run, T.project, "fixzit").inputs.ignoreCommand;
    // Vercel's Ignored Build Step: exit 0 skips the build. Run the real command in a shell.
    const exitCode = (env: Record<string, string>) => spawnSync("sh", ["-c", ignoreCommand], { env: { PATH: process.env.PATH, ...env } }).status;
    expect(exitCode({ VERCEL_ENV: "production", VERCEL_GIT_COMMIT_SHA: "0".repeat(40) })).toBe(0);
    expect(exitCode({ VERCEL_ENV: "production", VERCEL_GIT_COMMIT_SHA: PreviousCommit })).toBe(1);
    expect(exitCode({ VERCEL_ENV: "preview", VERCEL_GIT_COMMIT_SHA: "0".repeat(40) })).toBe(1);
    // The other project is untouched.
    expect(production(run, "mixillo-admin").inputs.ref).toBe("main");
  });

  test("GIVEN a pin removed WHEN planned THEN production follows the branch again and builds are no longer skipped", async () => {
    // The baseline is the fixture, which has no pin: what removing `production.pinCommit` gives.
    expect(production(baseline).inputs.ref).toBe("main");
    expect(resource(baseline, T.project, "fixzit").inputs.ignoreCommand).toBeUndefined();
  });

  test("GIVEN an env var added for production WHEN planned THEN it is created and production is redeployed", async () => {
    const { run, received } = await runWithValues(
      "prod",
      edited([`${Fixzit}.env.NEXT_PUBLIC_SUPPORT_EMAIL`, { value: "support@fixzit.com", targets: ["production", "preview", "development"] }]),
    );
    const envVar = resource(run, T.env, "fixzit-env-NEXT_PUBLIC_SUPPORT_EMAIL");
    expect(envVar.inputs).toMatchObject({ key: "NEXT_PUBLIC_SUPPORT_EMAIL", targets: ["production", "preview", "development"], sensitive: false });
    expect(envValue(received, "fixzit-env-NEXT_PUBLIC_SUPPORT_EMAIL").value).toBe("support@fixzit.com");
    expect(digest(run)).not.toBe(digest(baseline));
  });

  test("GIVEN an env var added for previews only WHEN planned THEN production is not rebuilt for it", async () => {
    const run = await runStack("prod", edited([`${Fixzit}.env.NEXT_PUBLIC_BANNER`, { value: "preview build", targets: ["preview"] }]));
    expect(resource(run, T.env, "fixzit-env-NEXT_PUBLIC_BANNER").inputs.targets).toEqual(["preview"]);
    expect(digest(run)).toBe(digest(baseline));
  });

  test("GIVEN a secret pinned to a new version WHEN planned THEN production is redeployed, with no value in its metadata", async () => {
    // FIXZIT_MONGODB_URI is Atlas's: the pin moves the read off the version Atlas wrote.
    const before = await runStack("prod", stackConfig("prod", WithAtlas));
    const run = await runStack("prod", setPath(stackConfig("prod", WithAtlas), `${Fixzit}.env.MONGODB_URI.version`, "4"));
    expect(digest(run)).not.toBe(digest(before));
    expect(JSON.stringify(production(run).inputs)).not.toContain("FIXZIT_MONGODB_URI");
  });

  test("GIVEN a domain added as a redirect WHEN planned THEN it redirects permanently to the served domain, after it", async () => {
    const config = stackConfig("prod", Areas);
    // A dotted key: set directly (setPath splits on dots).
    config["platform:vercel"].projects.fixzit.domains["www.fixzit.com"] = { redirect: "fixzit.com" };
    const run = await runStack("prod", config);
    const www = resource(run, T.domain, "fixzit-domain-www.fixzit.com");
    expect(www.inputs).toMatchObject({ domain: "www.fixzit.com", redirect: "fixzit.com", redirectStatusCode: 308 });
    expect(www.dependencies).toContain(resource(run, T.domain, "fixzit-domain-fixzit.com").urn);
    expect(production(run).dependencies).toContain(www.urn);
  });

  test("GIVEN a redeploy token WHEN planned THEN production is rebuilt with nothing else changed", async () => {
    const run = await runStack("prod", edited([`${Fixzit}.production`, { redeployToken: "2025-11-22T03-10" }]));
    expect(production(run).inputs.meta[RedeployTokenMeta]).toBe("2025-11-22T03-10");
    expect(production(run).inputs.ref).toBe("main");
    expect(digest(run)).toBe(digest(baseline));
  });
});

describe("Vercel: the component checks its arguments", () => {
  const base = {
    projectName: "demo",
    framework: "nextjs",
    git: { provider: "github" as const, repo: "acme/demo", productionBranch: "main" },
  };
  async function construct(args: Partial<ConstructorParameters<typeof VercelProject>[1]>): Promise<string[]> {
    const run = await runProgram(() => new VercelProject("demo", { ...base, ...args }), { project: "platform", stack: "test", config: {} });
    expect(run.resources.filter((r) => r.type.startsWith("vercel:"))).toEqual([]);
    return run.errors.map((e) => e.message);
  }

  test("GIVEN a sensitive variable for development WHEN constructed THEN it throws naming the field, before any child exists", async () => {
    const errors = await construct({ sensitiveEnv: { API_KEY: { value: "x", targets: ["development"], revision: "API_KEY@1" } } });
    expect(errors).toEqual([expect.stringContaining("VercelProject demo: sensitiveEnv.API_KEY.targets must be production and/or preview")]);
  });

  test("GIVEN a name both plain and sensitive WHEN constructed THEN it throws naming the variable", async () => {
    const errors = await construct({
      env: { API_KEY: { value: "plain", targets: ["production"] } },
      sensitiveEnv: { API_KEY: { value: "x", targets: ["production"], revision: "API_KEY@1" } },
    });
    expect(errors).toEqual([expect.stringContaining("VercelProject demo: sensitiveEnv.API_KEY must be a name not also set as a plain value")]);
  });

  test("GIVEN a variable for no target WHEN constructed THEN it throws naming its targets", async () => {
    expect(await construct({ env: { API_URL: { value: "https://api.demo.com", targets: [] } } })).toEqual([
      expect.stringContaining("VercelProject demo: env.API_URL.targets must be at least one target, got []"),
    ]);
  });

  test("GIVEN a flag named as the maintenance variable WHEN constructed THEN it throws naming the flags", async () => {
    expect(await construct({ flags: { MAINTENANCE_MODE: "enabled" } })).toEqual([
      expect.stringContaining('VercelProject demo: flags must be names other than MAINTENANCE_MODE and MAINTENANCE_MESSAGE, got ["MAINTENANCE_MODE"]'),
    ]);
  });

  test.each<[string, Record<string, { redirect?: string }>, string]>([
    ["to itself", { "demo.com": {}, "www.demo.com": { redirect: "www.demo.com" } }, "www.demo.com"],
    ["to a domain the project does not have", { "demo.com": {}, "www.demo.com": { redirect: "demo.co" } }, "www.demo.com"],
    ["to a domain that redirects too", { "demo.com": {}, "www.demo.com": { redirect: "demo.com" }, "demo.app": { redirect: "www.demo.com" } }, "demo.app"],
  ])("GIVEN a redirect %s WHEN constructed THEN it throws naming the redirect", async (_what, domains, from) => {
    expect(await construct({ domains })).toEqual([
      expect.stringContaining(
        `VercelProject demo: domains.${from}.redirect must be another domain of the project that is not itself a redirect, got "${domains[from].redirect}"`,
      ),
    ]);
  });

  test("GIVEN a short commit to pin WHEN constructed THEN it throws naming pinCommit", async () => {
    expect(await construct({ pinCommit: "3f1c2a9" })).toEqual([
      expect.stringContaining('VercelProject demo: pinCommit must be a full 40-character commit SHA, got "3f1c2a9"'),
    ]);
  });
});

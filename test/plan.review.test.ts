import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../stacks/program";
import { ExitCode } from "../tools/plan/exitCodes";
import { main } from "../tools/plan/main";
import { makePlan, Plan } from "../tools/plan/plan";
import { headline } from "../tools/plan/render/headline";
import { CommentLimit, renderMarkdown } from "../tools/plan/render/markdown";
import { detailLines, renderTree } from "../tools/plan/render/tree";
import { Area, Config, fixtureProject, Focused, stackConfig, StackFile, stackFileText, withEdits } from "./harness";

// Issue #18: a plan a reviewer understands in 30 seconds. Each case is a runbook change planned on a
// small focused stack against the reviewed state of the same fixture, as the PR comment shows it.

const CloudRun: Area[] = ["cloudRun"];
const Docker: Area[] = ["docker"];
const Service = "platform:cloudRun.mixillo-backend";
const ServiceUrn = "urn:pulumi:prod::platform::platform:cloudRun:Service$gcp:cloudrunv2/service:Service::mixillo-backend";
const OldDigest = "sha256:6f4d98325dada176fb299b00ba6d717f34848ef16606328969f279490293490e";
const NewDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const Image = "europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend";

async function plan(areas: readonly Area[], ...edits: [string, unknown][]): Promise<Plan> {
  const config = withEdits(stackConfig("prod", areas), ...edits);
  return makePlan({ projectDir: await fixtureProject("prod", areas), stack: "prod", program, config });
}

/** The change lines of one step in the tree's "Changes:" block (header and notes left out). */
function changeLinesOf(p: Plan, urn: string): string[] {
  const lines = detailLines(p);
  const start = lines.indexOf(`    ${urn}`);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("    "));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => /^ {4}(\+-|[-+~]) /.test(l));
}

describe("changed values are shown whole, the changed part visible", () => {
  test("GIVEN a Cloud Run deploy of a new digest WHEN planned THEN the tree and the markdown show both full digests, the details never cut one, the headline names their start", async () => {
    const p = await plan(CloudRun, [`${Service}.image`, `${Image}@${NewDigest}`]);
    for (const text of [renderTree(p), renderMarkdown(p)]) {
      expect(text).toContain(OldDigest);
      expect(text).toContain(NewDigest);
    }
    // The details, in both styles, never cut a digest; the headline names its start.
    for (const lines of [detailLines(p), detailLines(p, "diff")]) expect(lines.join("\n")).not.toMatch(/sha256:[0-9a-f]{0,63}…/);
    expect(renderTree(p)).toContain(`- "…@${OldDigest}"`);
    expect(renderTree(p)).toContain(`+ "…@${NewDigest}"`);
    expect(headline(p)).toBe("mixillo-backend: image sha256:6f4d98325dad… → sha256:0123456789ab…");
  });
});

describe("lists of named things are diffed by name", () => {
  test("GIVEN one env var added to the Cloud Run service (before the four secret ones) WHEN planned THEN the service has exactly one change, one added line", async () => {
    const p = await plan(CloudRun, [`${Service}.env.LOG_LEVEL`, "debug"]);
    const step = p.steps.find((s) => s.urn === ServiceUrn)!;
    expect(step.changes).toEqual([{ path: "template.containers[0].envs[1]", kind: "add", new: { name: "LOG_LEVEL", value: "debug" }, inputDiff: true }]);
    expect(changeLinesOf(p, ServiceUrn)).toEqual(['    + template.containers[0].envs[1]: {"name":"LOG_LEVEL","value":"debug"}']);
    expect(headline(p)).toBe("mixillo-backend: env +LOG_LEVEL=debug");
  });

  test("GIVEN an env var's value changed WHEN planned THEN the line names the variable", async () => {
    const p = await plan(CloudRun, [`${Service}.env.DATABASE_MODE`, "single"]);
    expect(changeLinesOf(p, ServiceUrn)).toEqual(['    ~ template.containers[0].envs[0].value: "dual" => "single" (env DATABASE_MODE)']);
  });
});

describe("impact: what the provider really does and what rolls", () => {
  test("GIVEN a Spilt Tea env change WHEN planned THEN the container is a replacement that deletes first, downtime said, the changed key listed", async () => {
    const p = await plan(Docker, ["platform:docker.containers.spilttea-backend.env.LOG_LEVEL", "debug"]);
    const step = p.steps.find((s) => s.op !== "same")!;
    expect([step.op, step.name]).toEqual(["replace", "spilttea-container-spilttea-backend"]);
    const tree = renderTree(p);
    expect(tree).toContain("+- docker:index/container:Container spilttea-container-spilttea-backend (replace)");
    expect(tree).toContain("=> replaced, deleting first (deleteBeforeReplace): `spilttea-backend` is down until the new one is up");
    expect(tree).toMatch(/\+- labels\[\d+\]\.value: \{…\} \(the provider replaces on this\) \(label platform\.ops\/env\)\n {10}\+ LOG_LEVEL: "debug"/);
    expect(renderMarkdown(p)).toContain("**spilttea-backend** (Docker container): env +LOG_LEVEL=debug — replaced, deleting first (deleteBeforeReplace)");
    expect(headline(p)).toBe("spilttea-backend: env +LOG_LEVEL=debug (recreated: down meanwhile)");
  });

  test("GIVEN JWT_SECRET rotated WHEN planned THEN its version is replaced and mixillo-backend, which reads it, rolls a new revision; sessions are invalidated", async () => {
    const p = await plan(CloudRun, ["platform:secrets.JWT_SECRET.generate.rotation", "2031-01-01"]);
    const ops = Object.fromEntries(p.steps.filter((s) => s.op !== "same").map((s) => [s.name, s.op]));
    expect(ops).toEqual({ JWT_SECRET: "update", "JWT_SECRET-value": "replace", "JWT_SECRET-version": "replace", "mixillo-backend": "update" });
    const service = p.steps.find((s) => s.urn === ServiceUrn)!;
    expect(service.changes).toEqual([
      expect.objectContaining({
        path: "template",
        via: ["urn:pulumi:prod::platform::platform:secrets:ManagedSecret$gcp:secretmanager/secretVersion:SecretVersion::JWT_SECRET-version"],
      }),
    ]);
    const tree = renderTree(p);
    expect(tree).toContain("~ template: known after apply: reads JWT_SECRET-version, which is replaced");
    expect(tree).toContain("rolls: mixillo-backend (Cloud Run service, update)");
    expect(tree).toContain("!! sessions invalidated: every signed-in user has to log in again");
    expect(headline(p)).toBe("JWT_SECRET: rotation 2025-11-07 → 2031-01-01; rolls mixillo-backend (a new revision); sessions invalidated");
    const md = renderMarkdown(p);
    expect(md).toContain("```mermaid");
    expect(md).toMatch(/n\d+ --> n\d+/);
    expect(md).toContain("- because of JWT_SECRET (Secret Manager secret updated, secret version replaced)");
  });

  test("GIVEN a Docker backend rotation of a secret it reads only by an invoke WHEN planned THEN the container's secret label rolls it (no invented replacement of others)", async () => {
    const p = await plan(Docker, ["platform:secrets.SPILTTEA_JWT_SECRET.generate.rotation", "2031-01-01"]);
    const changed = p.steps.filter((s) => s.op !== "same" && s.new?.custom).map((s) => [s.type, s.name, s.op]);
    expect(changed).toContainEqual(["docker:index/container:Container", "spilttea-container-spilttea-backend", "replace"]);
    expect(changed.filter(([type]) => type === "docker:index/container:Container")).toEqual([
      ["docker:index/container:Container", "spilttea-container-spilttea-backend", "replace"],
    ]);
  });
});

describe("plain values stay readable, secrets stay [secret]", () => {
  const Fixzit = "platform:vercel.projects.fixzit";
  const withMessage = (message: string): [string, unknown][] => [[`${Fixzit}.maintenance`, { enabled: true, message }]];

  test("GIVEN a maintenance message changed WHEN planned THEN the plain variable shows old and new, the sensitive ones stay [secret]", async () => {
    const areas = Focused.vercel;
    const dir = await editedProject("vercel-message", areas, withEdits(stackConfig("prod", areas), ...withMessage("Back at 10:00 UTC")));
    expect(await main(["prod", "--dir", dir, "--write"], { out: () => undefined, err: () => undefined }, { program, pack: () => undefined })).toBe(
      ExitCode.Clean,
    );
    const p = await makePlan({ projectDir: dir, stack: "prod", program, config: withEdits(stackConfig("prod", areas), ...withMessage("Back at 11:00 UTC")) });
    const tree = renderTree(p);
    expect(tree).toContain('~ value: "Back at 10:00 UTC" => "Back at 11:00 UTC"');
    expect(headline(p)).toContain("MAINTENANCE_MESSAGE: value Back at 10:00 UTC → Back at 11:00 UTC");
    const sensitive = p.state.resources.filter(
      (r) => r.type === "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable" && r.inputs.sensitive === true,
    );
    expect(sensitive.length).toBeGreaterThan(0);
    for (const r of sensitive) expect(r.inputs.value).toBe("[secret]");
  });
});

describe("the headline names the change, then counts", () => {
  test("GIVEN mixillo-backend scaled 0–10 → 2–20 WHEN rendered as markdown THEN the first line says so in words and the second has the verdict and the counts", async () => {
    const p = await plan(CloudRun, [`${Service}.minInstances`, 2], [`${Service}.maxInstances`, 20]);
    const [first, , second] = renderMarkdown(p).split("\n");
    expect(first).toBe("### ✅ Plan of `prod`: mixillo-backend: instances 0–10 → 2–20");
    expect(second).toMatch(/^\*\*exit 0: clean\*\* · ~ 1 to update, \d+ unchanged · diffed against `plans\/prod\.json`$/);
    expect(renderMarkdown(p)).toContain(
      "**mixillo-backend** (Cloud Run service): instances 0–10 → 2–20 — updated in place: rolls a new revision, which takes the traffic",
    );
  });

  test("GIVEN a new resource WHEN planned THEN its settings are listed", async () => {
    const p = await plan(CloudRun, [
      "platform:secrets.NEW_API_KEY",
      { product: "mixillo", description: "An API key.", generate: { length: 32, rotation: "2031-01-01" } },
    ]);
    const tree = renderTree(p);
    expect(tree).toContain("+ gcp:secretmanager/secret:Secret NEW_API_KEY (create)");
    expect(tree).toContain('+ secretId: "NEW_API_KEY"');
  });

  test("GIVEN a policy message naming Pulumi.<stack>.yaml WHEN rendered as markdown THEN the name survives GitHub's HTML (no `Pulumi..yaml`)", async () => {
    const p = await plan(CloudRun);
    const withMessage: Plan = {
      ...p,
      diagnostics: [
        {
          policyName: "x",
          policyPackName: "pack",
          enforcementLevel: "advisory",
          severity: "warning",
          message: "Set it in Pulumi.<stack>.yaml",
          urn: ServiceUrn,
        },
      ],
    };
    expect(renderMarkdown(withMessage)).toContain("Pulumi.&lt;stack&gt;.yaml");
    expect(renderMarkdown(withMessage)).not.toContain("Pulumi.<stack>.yaml");
  });
});

describe("the verdict always agrees with the exit code", () => {
  const run = async (...argv: string[]) => {
    let [out, err] = ["", ""];
    const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { program, pack: () => undefined });
    return { code, out, err };
  };

  test("GIVEN a stale plans/prod.json WHEN --check runs, as tree, markdown and JSON THEN each says exit 1 (stale) and the command exits 1", async () => {
    const config = withEdits(stackConfig("prod", CloudRun), [`${Service}.maxInstances`, 12]);
    const dir = await editedProject("stale", CloudRun, config);
    const tree = await run("prod", "--dir", dir, "--check");
    expect(tree.code).toBe(ExitCode.Blocked);
    expect(tree.out.trimEnd().split("\n").pop()).toBe("exit 1: plans/prod.json is stale");
    const md = await run("prod", "--dir", dir, "--check", "--markdown");
    expect(md.code).toBe(ExitCode.Blocked);
    expect(md.out.split("\n")[0]).toMatch(/^### ❌ Plan of `prod`: mixillo-backend: maxInstanceCount 10 → 12$/);
    expect(md.out).toContain("**exit 1: plans/prod.json is stale**");
    const json = await run("prod", "--dir", dir, "--check", "--json");
    expect([json.code, JSON.parse(json.out).plan.exitCode]).toEqual([1, 1]);
    // Without --check a stale state is only a note: exit 0, and the verdict says so.
    const plain = await run("prod", "--dir", dir, "--markdown");
    expect([plain.code, plain.out.split("\n")[0].startsWith("### ✅"), plain.out.includes("**exit 0: clean**")]).toEqual([0, true, true]);
  });

  test("GIVEN a blocked deletion WHEN --check --markdown runs THEN the markdown is still printed, says BLOCKED and exit 1, and the exit code is 1", async () => {
    const config = stackConfig("prod", CloudRun);
    const secrets = config["platform:secrets"];
    secrets.STRIPE_SIGNING_SECRET = secrets.STRIPE_WEBHOOK_SECRET;
    delete secrets.STRIPE_WEBHOOK_SECRET;
    config["platform:cloudRun"]["mixillo-backend"].secretEnv.STRIPE_WEBHOOK_SECRET.secret = "STRIPE_SIGNING_SECRET";
    const dir = await editedProject("blocked", CloudRun, config);
    const r = await run("prod", "--dir", dir, "--check", "--markdown");
    expect(r.code).toBe(ExitCode.Blocked);
    expect(r.out.split("\n")[0]).toMatch(/^### ❌ Plan of `prod`: /);
    expect(r.out).toContain("**exit 1: 1 blocked stateful change, plans/prod.json is stale**");
    expect(r.out).toContain("⛔ **BLOCKED**: loses data: Secret Manager secret (all its versions)");
    expect(r.out.length).toBeLessThan(CommentLimit);
  });

  test("GIVEN --base naming a missing or unreadable file WHEN planned THEN exit 2 naming it, and the markdown says why", async () => {
    const dir = await fixtureProject("prod", CloudRun);
    const missing = path.join(tmp, "no-such-base.json");
    const r = await run("prod", "--dir", dir, "--base", missing);
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(`error: --base ${missing}: no such file`);
    const md = await run("prod", "--dir", dir, "--base", tmp, "--markdown");
    expect(md.code).toBe(ExitCode.Invalid);
    expect(md.out).toContain(`### ❌ Plan of \`prod\`: invalid input or a program error`);
    expect(md.out).toContain(`--base ${tmp}: not a file`);
  });
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-review-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the focused fixture project (its reviewed state as planned) whose stack file holds `config`. */
async function editedProject(name: string, areas: readonly Area[], config: Config): Promise<string> {
  const dir = path.join(tmp, name);
  fs.cpSync(await fixtureProject("prod", areas), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, StackFile.prod), stackFileText(config));
  return dir;
}

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Config, fixtureProject, ProjectDir, stackConfig, StackFile, stackFileText } from "./harness";
import { workflowJobs, WorkflowStep } from "./workflows";

// The pull-request workflow's plan job, run as GitHub runs it (each step's script in `bash -eo
// pipefail`, `if: always()` honoured, a failed step failing the job), with `npm` running the real
// plan CLI on a fixture project and `gh` recorded instead of called: a blocked plan must still be
// commented (replacing the last push's comment) and still fail the job.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-workflow-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `npm run [--silent] plan -- <args>` runs the plan CLI on `$FIXTURE_DIR`; `gh` records its arguments in `$GH_LOG/` and answers a comment id. */
function stubs(): string {
  const bin = path.join(tmp, "bin");
  fs.mkdirSync(bin, { recursive: true });
  const register = path.join(ProjectDir, "tools", "plan", "register.js");
  const cli = path.join(ProjectDir, "tools", "plan", "cli.ts");
  fs.writeFileSync(
    path.join(bin, "npm"),
    `#!/bin/bash\nwhile [ "$1" != "--" ]; do shift; done; shift\nexec "${process.execPath}" -r "${register}" "${cli}" "$@" --dir "$FIXTURE_DIR"\n`,
    { mode: 0o755 },
  );
  // One file per call, each argument NUL-terminated (a comment body has newlines).
  fs.writeFileSync(path.join(bin, "gh"), `#!/bin/bash\nprintf '%s\\0' "$@" > "$GH_LOG/$(ls "$GH_LOG" | wc -l)"\ncase "$*" in *--jq*) echo 4242 ;; esac\n`, {
    mode: 0o755,
  });
  return bin;
}

const planSteps = (): WorkflowStep[] => workflowJobs("pr.yml").plan.steps ?? [];

/** One step's script as GitHub runs it, in `bash -eo pipefail`, its `${{ }}` expressions stubbed. */
function runStep(step: WorkflowStep, env: Record<string, string>, cwd = tmp) {
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{\{[^}]*\}\}/g, `stub-${k}`)]));
  return spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
    cwd,
    env: { ...process.env, ...env, ...stepEnv },
    encoding: "utf8",
  });
}

/** Runs the plan job's steps from the markdown step on; returns each step's exit code and the job's result. */
function runPlanJob(env: Record<string, string>): { codes: Record<string, number>; failed: boolean } {
  const steps = planSteps();
  const from = steps.findIndex((s) => s.run?.includes("--markdown"));
  let failed = false;
  const codes: Record<string, number> = {};
  for (const step of steps.slice(from)) {
    // GitHub runs a step without `if` only while the job has not failed; `always()` runs it anyway.
    // The fork condition is true here: the PR's head is this repository.
    if (failed && !step.if?.includes("always()")) continue;
    const r = runStep(step, env);
    codes[step.name ?? step.run!] = r.status ?? -1;
    if (r.status !== 0) failed = true;
  }
  return { codes, failed };
}

/** The baseline Cloud Run stack with STRIPE_WEBHOOK_SECRET renamed: its secret's deletion is blocked. */
function renamedSecret(): Config {
  const config = stackConfig("prod", ["cloudRun"]);
  const secrets = config["platform:secrets"];
  secrets.STRIPE_SIGNING_SECRET = secrets.STRIPE_WEBHOOK_SECRET;
  delete secrets.STRIPE_WEBHOOK_SECRET;
  config["platform:cloudRun"]["mixillo-backend"].secretEnv.STRIPE_WEBHOOK_SECRET.secret = "STRIPE_SIGNING_SECRET";
  return config;
}

/** The plan job on a copy of the focused fixture whose stack file is `stackFile`: the comment posted, the summary, the steps' codes. */
async function planJobOn(name: string, stackFile: string) {
  const dir = path.join(tmp, name);
  fs.cpSync(await fixtureProject("prod", ["cloudRun"]), dir, { recursive: true });
  const base = path.join(tmp, `${name}-base.json`);
  fs.copyFileSync(path.join(dir, "plans", "prod.json"), base);
  fs.writeFileSync(path.join(dir, StackFile.prod), stackFile);
  const [log, summary] = [path.join(tmp, `${name}-gh`), path.join(tmp, `${name}-summary.md`)];
  fs.mkdirSync(log);
  const { codes, failed } = runPlanJob({
    PATH: `${stubs()}:${process.env.PATH}`,
    FIXTURE_DIR: dir,
    GH_LOG: log,
    GITHUB_STEP_SUMMARY: summary,
    STACK: "prod",
    PLAN_BASE: base,
  });
  const calls = fs.readdirSync(log).map((f) => fs.readFileSync(path.join(log, f), "utf8").split("\0").filter(Boolean));
  const patch = calls.find((args) => args.includes("PATCH"));
  const body = patch?.find((a) => a.startsWith("body="))?.slice("body=".length);
  return { patch, body, summary: fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "", codes: Object.values(codes), failed };
}

describe("the pull-request comment is posted whatever the verdict", () => {
  test("GIVEN a push whose plan is blocked WHEN the plan job runs THEN the existing comment is replaced with the ❌ plan that says BLOCKED, the summary has it, and the job fails", async () => {
    const job = await planJobOn("blocked", stackFileText(renamedSecret()));
    expect(job.patch).toContain("repos/stub-REPO/issues/comments/4242");
    expect(job.body!.split("\n")[0]).toBe("<!-- platform-plan:prod -->");
    expect(job.body!.split("\n")[1]).toMatch(/^### ❌ Plan of `prod`: BLOCKED: STRIPE_WEBHOOK_SECRET: deleted \(loses data\)/);
    expect(job.body).toContain("**exit 1: 1 blocked stateful change");
    expect(job.summary).toContain("### ❌ Plan of `prod`");
    expect(job.codes).toEqual([0, 0, 0, 1]);
    expect(job.failed).toBe(true);
  });

  test("GIVEN a push whose stack file does not parse WHEN the plan job runs THEN the comment says the input is invalid and why, and the job fails with exit 2", async () => {
    const job = await planJobOn("invalid", "config:\n  platform:owner: [unclosed\n");
    expect(job.body!.split("\n")[1]).toBe("### ❌ Plan of `prod`: invalid input or a program error");
    expect(job.body).toContain("**exit 2**");
    expect(job.body).toMatch(/Pulumi\.prod\.yaml: line \d+, column \d+: YAML syntax error/);
    expect(job.codes).toEqual([0, 0, 0, 2]);
  });

  test("GIVEN no plan was made (an earlier step of the job failed) WHEN the gate runs THEN it fails and says so", () => {
    const gate = planSteps().find((s) => s.name?.startsWith("Check "))!;
    expect(gate.if).toContain("always()");
    const empty = fs.mkdtempSync(path.join(tmp, "no-plan-"));
    const r = runStep(gate, { STACK: "prod" }, empty);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::the plan of prod did not run");
  });
});

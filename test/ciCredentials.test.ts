import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CredentialFree, Credentials, credentialsFor, JobKind, renderCredentialsTable } from "../tools/ci/credentials";
import { ProjectDir, runStack, stackConfig } from "./harness";
import { workflowFiles, workflowJobs, workflowText, WorkflowJob, WorkflowStep } from "./workflows";

/**
 * Every job that runs `pulumi` gets exactly what its stack's providers need, from one table
 * (tools/ci/credentials.ts), and fails in seconds naming a missing secret. Checked on the workflows'
 * own text; a workflow that drops a credential step fails here, not ten minutes into `pulumi up`.
 */
const jobsOf = (f: string): [string, WorkflowJob][] => Object.entries(workflowJobs(f));
const pulumiJobs = workflowFiles.flatMap((f) =>
  jobsOf(f)
    .filter(([, j]) => (j.steps ?? []).some((s) => s.uses?.startsWith("pulumi/actions@")))
    .map(([name, job]) => [`${f}:${name}`, job] as const),
);
const secretRef = (name: string) => `\${{ secrets.${name} }}`;
const kindOf = (job: WorkflowJob): JobKind => (JSON.stringify(job).includes("GCP_DEPLOY_SERVICE_ACCOUNT") ? "deploy" : "preview");

/** What a job that runs pulumi lacks of the table's credentials for its kind. */
function jobProblems(job: WorkflowJob): string[] {
  const steps = job.steps ?? [];
  const kind = kindOf(job);
  const names = credentialsFor(kind).map((c) => c.name);
  const problems: string[] = [];
  const pulumiAt = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
  const preflightAt = steps.findIndex((s) => s.name === "required secrets");
  if (preflightAt !== 1) problems.push("the preflight is not the step right after checkout");
  const preflight = steps[preflightAt];
  if (preflight && preflight.run !== `.github/scripts/require-secrets.sh ${names.join(" ")}`)
    problems.push("the preflight does not check every credential of the table");
  for (const name of names) if (preflight?.env?.[name] !== secretRef(name)) problems.push(`the preflight does not map ${name}`);
  const actionAt = steps.findIndex((s) => s.uses === "./.github/actions/cloud-credentials");
  if (actionAt < 0 || actionAt > pulumiAt) problems.push("no cloud-credentials step before pulumi");
  for (const c of credentialsFor(kind)) {
    if ("action" in c.via && steps[actionAt]?.with?.[c.via.action] !== secretRef(c.name))
      problems.push(`cloud-credentials does not get ${c.via.action} from ${c.name}`);
    if ("env" in c.via && steps[pulumiAt]?.env?.[c.via.env] !== secretRef(c.name)) problems.push(`the pulumi step has no ${c.via.env}`);
    if ("pulumiInput" in c.via && steps[pulumiAt]?.with?.[c.via.pulumiInput] !== secretRef(c.name))
      problems.push(`the pulumi step has no ${c.via.pulumiInput}`);
  }
  return problems;
}

describe("CI credentials (tools/ci/credentials.ts)", () => {
  test("GIVEN the workflows WHEN read THEN every secret a job reads is in the table", () => {
    const used = new Set(workflowFiles.flatMap((f) => [...workflowText(f).matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1])));
    const known = new Set(Credentials.map((c) => c.name));
    expect([...used].filter((n) => !known.has(n)).sort()).toEqual([]);
  });

  test("GIVEN every job that runs pulumi WHEN read THEN it has a preflight, the cloud-credentials step and each provider token of its kind", () => {
    expect(pulumiJobs.map(([name, job]) => `${name} (${kindOf(job)})`).sort()).toEqual([
      "deploy.yml:up-prod (deploy)",
      "deploy.yml:up-staging (deploy)",
      "drift.yml:drift (preview)",
      "pr.yml:preview (preview)",
    ]);
    for (const [name, job] of pulumiJobs) expect({ name, problems: jobProblems(job) }).toEqual({ name, problems: [] });
  });

  test.each([
    ["the cloud-credentials step", (s: WorkflowStep) => s.uses !== "./.github/actions/cloud-credentials", "no cloud-credentials step before pulumi"],
    ["the preflight", (s: WorkflowStep) => s.name !== "required secrets", "the preflight is not the step right after checkout"],
  ])("GIVEN a job without %s WHEN checked THEN the check fails", (_, keep, problem) => {
    const [, job] = pulumiJobs[0];
    expect(jobProblems({ ...job, steps: job.steps!.filter(keep) })).toContain(problem);
  });

  test("GIVEN a pulumi step without one provider token WHEN checked THEN the check names it", () => {
    const [, job] = pulumiJobs[0];
    const steps = job.steps!.map((s) =>
      s.uses?.startsWith("pulumi/actions@") ? { ...s, env: Object.fromEntries(Object.entries(s.env!).filter(([k]) => k !== "VERCEL_API_TOKEN")) } : s,
    );
    expect(jobProblems({ ...job, steps })).toEqual(["the pulumi step has no VERCEL_API_TOKEN"]);
  });

  test("GIVEN the cloud-credentials action WHEN read THEN it authenticates to Google, installs gke-gcloud-auth-plugin and loads the Docker hosts' key and host keys", () => {
    const action = parse(fs.readFileSync(path.join(ProjectDir, ".github/actions/cloud-credentials/action.yml"), "utf8")) as { runs: { steps: WorkflowStep[] } };
    const steps = action.runs.steps;
    expect(steps[0]).toMatchObject({
      uses: "google-github-actions/auth@v2",
      with: { workload_identity_provider: "${{ inputs.workload_identity_provider }}", service_account: "${{ inputs.service_account }}" },
    });
    expect(steps[1]).toMatchObject({ uses: "google-github-actions/setup-gcloud@v2", with: { install_components: "gke-gcloud-auth-plugin" } });
    expect(steps[2].env).toEqual({ SSH_KEY: "${{ inputs.docker_ssh_key }}", KNOWN_HOSTS: "${{ inputs.docker_known_hosts }}" });
    expect(steps[2].run).toContain("ssh-add -");
    expect(steps[2].run).toContain("~/.ssh/known_hosts");
    expect(steps[2].run).toContain('SSH_AUTH_SOCK=$SSH_AUTH_SOCK" >> "$GITHUB_ENV"');
  });

  test("GIVEN the baseline stacks WHEN planned THEN every provider package they use has its credential in the table", async () => {
    const packages = new Set<string>();
    for (const stack of ["prod", "staging"]) {
      const run = await runStack(stack, stackConfig(stack));
      for (const r of run.resources) if (r.custom) packages.add(r.type.startsWith("pulumi:providers:") ? r.type.split(":")[2] : r.type.split(":")[0]);
    }
    const covered = new Set([...Credentials.flatMap((c) => c.providers), ...CredentialFree]);
    expect([...packages].filter((p) => !covered.has(p)).sort()).toEqual([]);
    expect(packages.size).toBeGreaterThanOrEqual(7);
  });

  test("GIVEN docs/running-for-real.md WHEN read THEN it holds the table as tools/ci/credentials.ts renders it", () => {
    expect(fs.readFileSync(path.join(ProjectDir, "docs", "running-for-real.md"), "utf8")).toContain(renderCredentialsTable());
  });
});

describe("a dry run of the workflows' own steps, without credentials", () => {
  const runSteps = workflowFiles.flatMap((f) =>
    jobsOf(f).flatMap(([job, j]) => (j.steps ?? []).filter((s) => s.run).map((s) => [`${f}:${job}: ${s.name ?? s.run!.split("\n")[0]}`, s.run!] as const)),
  );

  test.each(runSteps)("GIVEN %s WHEN parsed by bash THEN it has no syntax error", (_, script) => {
    const stubbed = script.replace(/\$\{\{[^}]*\}\}/g, "stub");
    const r = spawnSync("bash", ["-n", "-c", stubbed], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  test("GIVEN the steps WHEN read THEN every npm script they run exists in package.json", () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ProjectDir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const used = new Set(runSteps.flatMap(([, s]) => [...s.matchAll(/npm run (?:--silent )?([a-z:-]+)/g)].map((m) => m[1])));
    expect([...used].filter((n) => !(n in scripts))).toEqual([]);
    expect(used.size).toBeGreaterThan(3);
  });

  test("GIVEN the preflight WHEN run with a secret missing THEN it fails naming it; with all set THEN it passes", () => {
    const script = path.join(ProjectDir, ".github/scripts/require-secrets.sh");
    const missing = spawnSync("bash", [script, "PULUMI_BACKEND_URL", "VERCEL_API_TOKEN"], {
      env: { PATH: process.env.PATH, PULUMI_BACKEND_URL: "gs://x" },
      encoding: "utf8",
    });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain("::error::missing repository or environment secrets: VERCEL_API_TOKEN");
    const set = spawnSync("bash", [script, "PULUMI_BACKEND_URL", "VERCEL_API_TOKEN"], {
      env: { PATH: process.env.PATH, PULUMI_BACKEND_URL: "gs://x", VERCEL_API_TOKEN: "t" },
      encoding: "utf8",
    });
    expect(set.status).toBe(0);
  });
});

describe("the emergency path to prod (deploy.yml)", () => {
  const deploy = parse(workflowText("deploy.yml")) as {
    on: { workflow_dispatch: { inputs: Record<string, { type: string }> } };
    jobs: Record<string, WorkflowJob>;
  };
  const prod = deploy.jobs["up-prod"];

  test("GIVEN a manual run WHEN emergency is set THEN staging is skipped and prod runs behind the prod environment, after the tests and the prod plan check", () => {
    expect(deploy.on.workflow_dispatch.inputs).toMatchObject({ emergency: { type: "boolean" }, reason: { type: "string" } });
    expect(deploy.jobs["up-staging"].if).toContain("!inputs.emergency");
    expect(prod.environment).toBe("prod");
    expect(prod.needs).toEqual(expect.arrayContaining(["test", "up-staging"]));
    expect(prod.if).toContain("needs.test.result == 'success'");
    expect(prod.if).toContain("(inputs.emergency && needs.up-staging.result == 'skipped')");
    const checks = deploy.jobs.test.steps!.filter((s) => s.run?.includes("--check"));
    expect(checks.find((s) => s.run === "npm run plan -- prod --check")?.if).toBeUndefined();
  });

  test("GIVEN an emergency WHEN prod is updated THEN it must run on main with a reason, and who, why and the commit are recorded", () => {
    const record = prod.steps!.find((s) => s.name === "record an emergency deploy")!;
    expect(record.if).toBe("${{ inputs.emergency }}");
    expect(record.run).toContain('if [ "$GITHUB_REF" != refs/heads/main ]');
    expect(record.run).toContain('if [ -z "$REASON" ]');
    expect(record.run).toContain("$GITHUB_STEP_SUMMARY");
    const up = prod.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
    expect(up.with).toMatchObject({ command: "up", policyPacks: "policies", policyPackConfigs: "policies/config/prod.json" });
    expect(up.with!.message).toContain("format('EMERGENCY (staging skipped) by {0}: {1} ({2})', github.actor, inputs.reason, github.sha)");
  });
});

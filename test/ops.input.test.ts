import { spawnSync } from "child_process";
import * as path from "path";
import { ExitCode } from "../tools/plan/exitCodes";
import { applyEdits, YamlEditError } from "../tools/ops/yamlEdit";
import { Area, fixtureText, Focused, ProjectDir, StackFile } from "./harness";
import { ops, projectCopy, read } from "./opsHarness";

const StackTrace = /^\s+at .+:\d+:\d+\)?$/m;

/**
 * Runs ops on a fresh copy of a stack focused on `areas` (those the refused edit's target and the names
 * its message lists are in) and checks the common contract of a refusal: exit 2, file untouched.
 */
async function refused(areas: readonly Area[], ...argv: string[]) {
  const p = await projectCopy("prod", { areas });
  const r = await ops(p.dir, ...argv);
  expect(r.code).toBe(ExitCode.Invalid);
  expect(read(p.file)).toBe(p.original);
  expect(`${r.out}${r.err}`).not.toMatch(StackTrace);
  return r;
}

describe("invalid edits leave the file byte-identical and exit 2 with the spec's message", () => {
  test("GIVEN maxInstances 10 WHEN `scale mixillo-backend --min 12` THEN the key, the expectation and what was found are named", async () => {
    const r = await refused(["cloudRun"], "scale", "mixillo-backend", "--min", "12", "--stack", "prod");
    expect(r.err).toContain(`${StackFile.prod} is not a valid stack file (1 error):`);
    expect(r.err).toContain(`${StackFile.prod}: platform:cloudRun.mixillo-backend.minInstances: expected at most maxInstances (10), found 12`);
    expect(r.err).toContain("nothing written.");
    expect(r.out).toBe("");
  });

  test("GIVEN an Atlas tier that does not exist WHEN `db-scale mixillo --size M35` THEN the tiers are listed", async () => {
    const r = await refused(["atlas"], "db-scale", "mixillo", "--size", "M35", "--stack", "prod");
    expect(r.err).toContain(
      `${StackFile.prod}: platform:atlas.clusters.mixillo.instanceSize: expected one of M10, M20, M30, M40, M50, M60, M80, M140, M200, M300, M400, M700, found "M35"`,
    );
  });

  test("GIVEN an auto-scaling range M30-M50 WHEN `db-scale fixzit --min M60` THEN the floor above the ceiling is rejected", async () => {
    const r = await refused(["atlas"], "db-scale", "fixzit", "--min", "M60", "--stack", "prod");
    expect(r.err).toContain("platform:atlas.clusters.fixzit.autoScaling.compute.min: expected a floor at or below the ceiling (max: M50), found M60");
  });

  // terraform-provider-mongodbatlas v2.16.0 docs/resources/advanced_cluster.md (and @pulumi/mongodbatlas
  // 4.16.0 advancedCluster.d.ts), "Adjusting the Auto-Scaling Range with useEffectiveFields": raising the
  // floor above the tier Atlas runs, or lowering the ceiling below it, fails in a single apply.
  test("GIVEN fixzit auto-scaling M30-M50 WHEN `db-scale fixzit --min M40` or `--max M40` without --size THEN refused: the new range may leave out the tier Atlas runs, so the tier is needed too (advanced_cluster.md v2.16.0, Adjusting the Auto-Scaling Range)", async () => {
    const floor = await refused(["atlas"], "db-scale", "fixzit", "--min", "M40", "--stack", "prod");
    expect(floor.err).toContain(
      "error: the new range M40-M50 may leave out the tier Atlas runs fixzit on now (it auto-scales within M30-M50), and Atlas then refuses the update; give the tier to run too, within the new range (e.g. `db-scale fixzit --min M40 --max M50 --size M40`): Atlas is moved to it with auto-scaling paused, and `db-scale fixzit --finish` applies the range",
    );
    expect(floor.err).toContain("usage: npm run ops -- db-scale <cluster>");
    const ceiling = await refused(["atlas"], "db-scale", "fixzit", "--max", "M40", "--stack", "prod");
    expect(ceiling.err).toContain("error: the new range M30-M40 may leave out the tier Atlas runs fixzit on now (it auto-scales within M30-M50)");
  });

  test("GIVEN `db-scale fixzit --finish` WHEN it comes with --size THEN refused: one step at a time", async () => {
    const r = await refused(["atlas"], "db-scale", "fixzit", "--finish", "--size", "M40", "--stack", "prod");
    expect(r.err).toContain("--finish turns auto-scaling back on after a resize: give it alone, then change the tier or the range");
  });

  test("GIVEN prod WHEN 0.0.0.0/0 is added to an Atlas access list THEN it is refused as the whole internet", async () => {
    const r = await refused(["atlas"], "access", "mixillo", "add", "0.0.0.0/0", "--comment", "runbook 001", "--stack", "prod");
    expect(r.err).toContain("which opens the prod database to the whole internet");
  });

  test("GIVEN a secret Atlas writes WHEN rotated as a secret THEN it names the database user to rotate", async () => {
    const r = await refused(["atlas"], "rotate", "REZ_MONGODB_URI", "--stack", "prod");
    expect(r.err).toContain("rotate rez/merchant-backend");
  });

  test("GIVEN a misspelled Atlas cluster WHEN scaled THEN the clusters are listed, closest first", async () => {
    const r = await refused(["atlas"], "db-scale", "fixit", "--size", "M40", "--stack", "prod");
    expect(r.err).toContain(`unknown Atlas cluster "fixit" in ${StackFile.prod}; valid: fixzit, mixillo, rez (closest first)`);
  });

  test("GIVEN an HPA 3-10 WHEN `scale merchant-backend --min 11` THEN the HPA range is rejected by key", async () => {
    const r = await refused(["kubernetes"], "scale", "merchant-backend", "--min", "11", "--stack", "prod");
    expect(r.err).toContain("platform:kubernetes.apps.merchant-backend.autoscaling.minReplicas");
  });

  test("GIVEN a :latest image WHEN deployed THEN the image key and its expectation are named", async () => {
    const r = await refused(["kubernetes"], "deploy", "merchant-backend", "--image", "rezapp/merchant-backend:latest", "--stack", "prod");
    expect(r.err).toContain(
      'platform:kubernetes.apps.merchant-backend.image: expected an image pinned by tag or digest (name:v1.2.3 or name@sha256:<64 hex>), not :latest, found "rezapp/merchant-backend:latest"',
    );
  });

  test("GIVEN a short commit WHEN a Vercel project is rolled back to it THEN pinCommit's expectation is named", async () => {
    const r = await refused(Focused.vercel, "rollback", "fixzit", "--to", "abc123", "--stack", "prod");
    expect(r.err).toContain("platform:vercel.projects.fixzit.production.pinCommit: expected a full 40-character lower-case commit SHA");
  });

  test("GIVEN a silence time without a zone WHEN silenced THEN silence.until's expectation is named", async () => {
    const r = await refused(Focused.monitoring, "silence", "mixillo-backend.error-rate", "--until", "2031-01-01T00:00", "--reason", "x", "--stack", "prod");
    expect(r.err).toContain("platform:monitoring.services.mixillo-backend.alerts.error-rate.silence.until: expected an ISO 8601 time with its zone");
  });

  test("GIVEN a Sentry alert WHEN silenced THEN the spec says this provider cannot disable one, and where to mute it", async () => {
    const r = await refused(Focused.monitoring, "silence", "fixzit.latency-p99", "--for", "1h", "--reason", "x", "--stack", "prod");
    expect(r.err).toContain(
      "platform:monitoring.services.fixzit.alerts.latency-p99.silence: expected no silence (a Sentry metric alert cannot be disabled through @pulumiverse/sentry 0.0.9 (it has no status input): mute it in Sentry)",
    );
  });

  test("GIVEN a name or a value that looks like a credential WHEN `env ... set` THEN it is refused before anything is printed, the value named nowhere", async () => {
    for (const [assignment, why] of [
      ["STRIPE_API_KEY=sk_live_abcdefghijkl", 'its name "STRIPE_API_KEY" matches the secret-name pattern'],
      ["CACHE=redis://cache:hunter2@10.0.0.5:6379", 'the value of "CACHE" looks like a credential'],
    ]) {
      const r = await refused(["cloudRun"], "env", "mixillo-backend", "set", assignment, "--stack", "prod");
      expect(r.err).toContain(`is not set: ${why}, and a stack file holds no secret. Declare it under platform:secrets and read it through secretEnv`);
      expect(r.out).toBe("");
      expect(r.err).not.toContain(assignment.split("=")[1]);
    }
  });

  test("GIVEN an Atlas user still rotating WHEN rotated again THEN it says to finish the rotation first", async () => {
    const p = await projectCopy("prod", { areas: ["atlas"] });
    expect((await ops(p.dir, "rotate", "mixillo/mixillo-backend", "--key", "2026-12-01", "--stack", "prod")).code).toBe(0);
    const rotating = read(p.file);
    const r = await ops(p.dir, "rotate", "mixillo/mixillo-backend", "--key", "2026-12-02", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(
      "mixillo/mixillo-backend is still rotating: the user of key 2026-11-25 is kept for the readers that have not rolled yet. Once they run with the new connection string, delete it with `rotate mixillo/mixillo-backend --finish`, then rotate again",
    );
    expect(read(p.file)).toBe(rotating);
  });

  test("GIVEN a cron field out of range WHEN `backup spilttea --schedule` THEN cron-parser's reason is named", async () => {
    const r = await refused(["docker"], "backup", "spilttea", "--schedule", "61 2 * * *", "--stack", "prod");
    expect(r.err).toContain(
      `${StackFile.prod}: platform:docker.backup.schedule: expected a five-field cron expression such as "0 2 * * *", found "61 2 * * *"`,
    );
  });

  test("GIVEN 8 CPUs and 2Gi WHEN `resources mixillo-backend --cpu 8` THEN the memory Cloud Run needs with 8 CPUs is named", async () => {
    const r = await refused(["cloudRun"], "resources", "mixillo-backend", "--cpu", "8", "--stack", "prod");
    expect(r.err).toContain(`${StackFile.prod}: platform:cloudRun.mixillo-backend.memory: expected at least 4Gi with cpu 8, found 2Gi`);
  });

  test("GIVEN a Cloud Run service WHEN given a Kubernetes request or no size THEN it says what applies", async () => {
    expect((await refused(["cloudRun"], "resources", "mixillo-backend", "--memory-request", "1Gi", "--stack", "prod")).err).toContain(
      "--memory-request and --cpu-request are Kubernetes requests; a Cloud Run service has one memory and one CPU setting",
    );
    expect((await refused(["cloudRun"], "resources", "mixillo-backend", "--stack", "prod")).err).toContain("give --memory, --cpu or both");
    expect((await refused(["cloudRun"], "env", "mixillo-backend", "set", "NOVALUE", "--stack", "prod")).err).toContain('expected NAME=value, found "NOVALUE"');
    expect((await refused(Focused.vercel, "env", "fixzit", "set", "X=1", "--stack", "prod")).err).toContain(
      `"fixzit" is a Vercel project in ${StackFile.prod}, and this procedure takes Cloud Run services, Kubernetes apps, Docker containers`,
    );
  });

  test("GIVEN an HPA WHEN `scale merchant-backend --replicas 5` THEN it says to raise --min or turn autoscaling off", async () => {
    const r = await refused(["kubernetes"], "scale", "merchant-backend", "--replicas", "5", "--stack", "prod");
    expect(r.err).toContain("merchant-backend is autoscaled by merchant-backend-hpa");
    expect(r.err).toContain("`scale merchant-backend --min 5`");
    expect(r.err).toContain("`autoscaling merchant-backend off --replicas 5`");
  });

  test("GIVEN an external secret WHEN rotated THEN it says how its versions are added", async () => {
    const r = await refused(["cloudRun"], "rotate", "STRIPE_WEBHOOK_SECRET", "--stack", "prod");
    expect(r.err).toContain("STRIPE_WEBHOOK_SECRET is an external secret");
    expect(r.err).toContain("gcloud secrets versions add STRIPE_WEBHOOK_SECRET");
  });

  test("GIVEN an uptime alert WHEN its threshold is set THEN it says the alert has none", async () => {
    const r = await refused(Focused.monitoring, "threshold", "mixillo.mongodbDisconnected", "3", "--stack", "prod");
    expect(r.err).toContain(
      "mixillo-backend.mongodb-disconnected has no threshold (uptime.failing counts failing checker regions: its keys are failingRegions and failingFor)",
    );
  });

  test("GIVEN a rollback without a version WHEN run THEN it says where the previous versions are", async () => {
    const r = await refused(["cloudRun"], "rollback", "mixillo-backend", "--stack", "prod");
    expect(r.err).toContain("gcloud run revisions list --service=mixillo-backend --region=europe-west1");
    expect(r.err).toContain(`git log -p ${StackFile.prod}`);
  });
});

describe("targets: unknown names list the valid ones closest first; shared names ask for the kind", () => {
  test("GIVEN a misspelled service WHEN scaled THEN the valid services and apps are listed, closest first", async () => {
    const r = await refused(["cloudRun", "kubernetes"], "scale", "mixilo-backend", "--min", "3", "--stack", "prod");
    expect(r.err).toContain(
      `unknown Cloud Run service or Kubernetes app "mixilo-backend" in ${StackFile.prod}; valid: mixillo-backend, merchant-backend (closest first)`,
    );
  });

  test("GIVEN an unknown flag, secret and alert WHEN used THEN each lists its own kind's names", async () => {
    expect((await refused(Focused.vercel, "flag", "FEATURE_NEW_DASHBORD", "off", "--stack", "prod")).err).toContain(
      `unknown feature flag "FEATURE_NEW_DASHBORD" in ${StackFile.prod}; valid: FEATURE_NEW_DASHBOARD (closest first)`,
    );
    expect((await refused(["cloudRun"], "rotate", "JWT_SECRT", "--stack", "prod")).err).toMatch(
      /unknown secret or Atlas database user "JWT_SECRT" in Pulumi\.prod\.yaml; valid: JWT_SECRET, /,
    );
    expect((await refused(Focused.monitoring, "silence", "mixillo-backend.latency-p59", "--for", "1h", "--reason", "x", "--stack", "prod")).err).toMatch(
      /unknown alert "mixillo-backend\.latency-p59" in Pulumi\.prod\.yaml; valid: mixillo-backend\.latency-p95, /,
    );
  });

  test("GIVEN an alert name several services share WHEN silenced THEN the qualified names are listed", async () => {
    const r = await refused(Focused.monitoring, "silence", "availability", "--for", "1h", "--reason", "x", "--stack", "prod");
    expect(r.err).toContain(
      '"availability" names 3 alerts: mixillo-admin.availability, fixzit.availability, merchant-backend.availability; give the full name',
    );
  });

  test("GIVEN a Kubernetes app also named mixillo-backend WHEN restarted THEN --kind is asked for, and with it the right key is edited", async () => {
    // Both areas: the twin app is added beside the Cloud Run service it shares a name with.
    const areas: Area[] = ["cloudRun", "kubernetes"];
    const original = fixtureText("prod", areas);
    const twin = original.replace(
      "    apps:\n",
      "    apps:\n      mixillo-backend:\n        product: mixillo\n        cluster: rez-prod\n        namespace: mixillo\n        container: api\n        image: rezapp/merchant-backend:v1.2.3\n        port: 3000\n        healthPath: /health\n        resources:\n          requests:\n            cpu: 500m\n            memory: 512Mi\n          limits:\n            cpu: 1000m\n            memory: 1Gi\n        autoscaling:\n          minReplicas: 2\n          maxReplicas: 4\n",
    );
    const p = await projectCopy("prod", { areas, text: twin });
    const r = await ops(p.dir, "restart", "mixillo-backend", "--stack", "prod", "--dry-run");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(`"mixillo-backend" is a Cloud Run service and a Kubernetes app in ${StackFile.prod}: say which with --kind cloud-run|kubernetes`);
    // kubernetes is the area's one spelling; k8s, its spelling of before and kubectl's short name, still resolves.
    for (const kind of ["kubernetes", "k8s"]) {
      const run = await ops(p.dir, "restart", "mixillo-backend", "--kind", kind, "--stack", "prod", "--dry-run");
      expect(run.err).toBe("");
      expect(run.out).toContain("+ platform:kubernetes.apps.mixillo-backend.restartToken");
    }
    // cloud-run is the area's one spelling; cloudrun, its spelling of before, still resolves.
    for (const kind of ["cloud-run", "cloudrun"]) {
      const run = await ops(p.dir, "restart", "mixillo-backend", "--kind", kind, "--stack", "prod", "--dry-run");
      expect(run.err).toBe("");
      expect(run.out).toContain("+ platform:cloudRun.mixillo-backend.restartToken");
    }
    expect(read(p.file)).toBe(twin);
  });
});

describe("the command line", () => {
  test("GIVEN --help WHEN asked for all or one procedure THEN every procedure, or each variant with examples, is shown (exit 0)", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const all = await ops(p.dir, "--help");
    expect(all.code).toBe(0);
    for (const name of [
      "scale",
      "autoscaling",
      "deploy",
      "rollback",
      "restart",
      "resources",
      "env",
      "maintenance",
      "flag",
      "rotate",
      "backup",
      "silence",
      "unsilence",
      "threshold",
    ])
      expect(all.out).toContain(`\n  ${name} `);
    const scale = await ops(p.dir, "scale", "--help");
    expect(scale.out).toContain("npm run ops -- scale <service> [--min N] [--max N] --stack <stack>");
    expect(scale.out).toContain("npm run ops -- scale <app> [--min N] [--max N] | --replicas N --stack <stack>");
    expect(scale.out).toContain("npm run ops -- scale mixillo-backend --min 5 --max 20 --stack prod");
  });

  test("GIVEN unknown procedures, options, values or no stack WHEN run THEN exit 2 with a suggestion", async () => {
    expect((await refused(["cloudRun"], "scael", "mixillo-backend", "--stack", "prod")).err).toContain('unknown procedure "scael"; did you mean "scale"?');
    // The procedure is named before its options are known: `--min` is not taken for a misspelt `--dir`.
    const typo = await refused(["cloudRun"], "scael", "mixillo-backend", "--min", "5", "--stack", "prod");
    expect(typo.err).toContain('unknown procedure "scael"; did you mean "scale"?');
    expect(typo.err).not.toContain("--dir");
    expect((await refused(["cloudRun"], "frobnicate", "--stack", "prod")).err).toMatch(/unknown procedure "frobnicate"; procedures, closest first: \w/);
    expect((await refused(["cloudRun"], "scale", "mixillo-backend", "--mn", "3", "--stack", "prod")).err).toContain(
      'unknown option --mn; did you mean "--min"?',
    );
    expect((await refused(["cloudRun"], "scale", "mixillo-backend", "--min", "five", "--stack", "prod")).err).toContain(
      '--min: expected a whole number, found "five"',
    );
    expect((await refused(["cloudRun"], "scale", "mixillo-backend", "--min", "3")).err).toMatch(/which stack\? add --stack <stack> \(stacks here: prod\)/);
    expect((await refused(["cloudRun"], "scale", "mixillo-backend", "--replicas", "3", "--stack", "prod")).err).toContain(
      "--replicas does not apply to cloud-run mixillo-backend",
    );
    expect((await refused(Focused.vercel, "maintenance", "fixzit", "maybe", "--stack", "prod")).err).toContain('expected on or off, found "maybe"');
  });

  test("GIVEN the real command WHEN an edit is invalid THEN the process exits 2 with the message on stderr and no stack trace", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const r = spawnSync(
      process.execPath,
      [
        "-r",
        path.join(ProjectDir, "tools", "plan", "register.js"),
        path.join(ProjectDir, "tools", "ops", "cli.ts"),
        "scale",
        "mixillo-backend",
        "--min",
        "12",
        "--stack",
        "prod",
        "--dir",
        p.dir,
      ],
      { cwd: ProjectDir, encoding: "utf8" },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("platform:cloudRun.mixillo-backend.minInstances: expected at most maxInstances (10), found 12");
    expect(r.stderr).not.toMatch(StackTrace);
    expect(read(p.file)).toBe(p.original);
  });
});

describe("the YAML editor keeps every untouched byte", () => {
  const text = [
    "# top",
    "config:",
    "  platform:a:",
    "    # about b",
    "    b: 1 # trailing",
    "    c: {}",
    "    d:",
    "      e: x",
    "",
    "  # section comment",
    "  platform:z: 'q'",
    "",
  ].join("\n");

  test("GIVEN a trailing comment WHEN the value changes THEN only the value's bytes change", () => {
    expect(applyEdits(text, [{ path: ["platform:a", "b"], value: 2 }]).text).toBe(text.replace("b: 1 #", "b: 2 #"));
  });

  test("GIVEN a flow map WHEN a key is set in it THEN it stays a flow map on its line", () => {
    expect(applyEdits(text, [{ path: ["platform:a", "c", "k"], value: "v" }]).text).toBe(text.replace("c: {}", "c: {k: v}"));
  });

  test("GIVEN a key with a comment above WHEN removed THEN its comment goes with it and nothing else moves", () => {
    expect(applyEdits(text, [{ path: ["platform:a", "b"], remove: true }]).text).toBe(text.replace("    # about b\n    b: 1 # trailing\n", ""));
  });

  test("GIVEN the last key of a nested map WHEN removed THEN the emptied map goes too", () => {
    expect(applyEdits(text, [{ path: ["platform:a", "d", "e"], remove: true }]).text).toBe(text.replace("    d:\n      e: x\n", ""));
  });

  test("GIVEN new date-like, quoted and odd strings WHEN written THEN they read back as the same strings", () => {
    const out = applyEdits(text, [
      { path: ["platform:a", "d", "when"], value: "2025-11-25" },
      { path: ["platform:z"], value: "it's" },
      { path: ["platform:a", "d", "mode"], value: "on" },
    ]).text;
    expect(out).toContain('      when: "2025-11-25"\n');
    expect(out).toContain("  platform:z: 'it''s'\n");
    expect(out).toContain('      mode: "on"\n');
  });

  test("GIVEN a value where a map is WHEN set THEN the editor refuses", () => {
    expect(() => applyEdits(text, [{ path: ["platform:a", "d"], value: 1 }])).toThrow(YamlEditError);
  });
});

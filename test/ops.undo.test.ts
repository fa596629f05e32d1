import * as fs from "fs";
import * as path from "path";
import { program } from "../stacks/program";
import { ExitCode } from "../tools/plan/exitCodes";
import { makePlan } from "../tools/plan/plan";
import { lineDiff, ops, projectCopy, read } from "./opsHarness";
import { Area, Focused, StackFile } from "./harness";

/**
 * The way back of each two-way procedure, and what ops does with the plan's verdict; each on a stack
 * focused on the areas it edits and plans.
 */

const undoPairs: { name: string; areas: readonly Area[]; forward: string[]; back: string[]; backPlan: string }[] = [
  // At the HPA's own floor: with more replicas, `on` keeps them as the floor (test/ops.traps.test.ts).
  {
    name: "autoscaling off, then on",
    areas: ["kubernetes"],
    forward: ["autoscaling", "merchant-backend", "off"],
    back: ["autoscaling", "merchant-backend", "on"],
    backPlan: "+ kubernetes:autoscaling/v2:HorizontalPodAutoscaler merchant-backend-hpa (create)",
  },
  {
    name: "a Cloud Run revision pinned, then unpinned",
    areas: ["cloudRun"],
    forward: ["rollback", "mixillo-backend", "--to", "mixillo-backend-00075-82j"],
    back: ["rollback", "mixillo-backend", "--undo"],
    backPlan: '- traffics[0].revision: "mixillo-backend-00075-82j"',
  },
  {
    name: "a Vercel commit pinned, then unpinned",
    areas: Focused.vercel,
    forward: ["rollback", "fixzit", "--to", "0123456789abcdef0123456789abcdef01234567"],
    back: ["rollback", "fixzit", "--undo"],
    backPlan: "+- vercel:index/deployment:Deployment fixzit-production (replace)",
  },
  {
    name: "maintenance on, then off",
    areas: Focused.vercel,
    forward: ["maintenance", "fixzit", "on", "--message", "Back at 10:00"],
    back: ["maintenance", "fixzit", "off"],
    backPlan: "- vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable fixzit-env-MAINTENANCE_MESSAGE (delete)",
  },
  {
    name: "a flag off, then on",
    areas: Focused.vercel,
    forward: ["flag", "FEATURE_NEW_DASHBOARD", "off"],
    back: ["flag", "FEATURE_NEW_DASHBOARD", "on"],
    backPlan: '"FEATURE_NEW_DASHBOARD=disabled" => "FEATURE_NEW_DASHBOARD=enabled"',
  },
  {
    name: "an alert silenced, then unsilenced",
    areas: Focused.monitoring,
    forward: ["silence", "mixillo.errorRate", "--for", "1d", "--reason", "migration"],
    back: ["unsilence", "mixillo.errorRate"],
    backPlan: "~ enabled: false => true",
  },
  {
    name: "an env var added, then removed",
    areas: ["kubernetes"],
    forward: ["env", "merchant-backend", "set", "LOG_LEVEL=debug"],
    back: ["env", "merchant-backend", "unset", "LOG_LEVEL"],
    backPlan: "~ kubernetes:apps/v1:Deployment merchant-backend (update)",
  },
  // A resize to the declared tier (Atlas ignores instanceSize while it auto-scales: advanced_cluster.md
  // v2.16.0, @pulumi/mongodbatlas 4.16.0), then --finish: the file is the baseline one again.
  {
    name: "an Atlas resize to the declared tier (auto-scaling paused), then finished (advanced_cluster.md v2.16.0)",
    areas: ["atlas"],
    forward: ["db-scale", "fixzit", "--size", "M30"],
    back: ["db-scale", "fixzit", "--finish"],
    backPlan: "~ replicationSpecs[0].regionConfigs[0].autoScaling.computeEnabled: false => true",
  },
  {
    name: "a threshold raised, then reset",
    areas: Focused.monitoring,
    forward: ["threshold", "rez.cpuCritical", "95"],
    back: ["threshold", "rez.cpuCritical", "--reset"],
    backPlan: "95 % of limit",
  },
];

describe("the way back restores the stack file byte for byte", () => {
  test.each(undoPairs)(
    "GIVEN $name WHEN both run THEN the file is the baseline one again and the second plan shows the reverse change",
    async ({ areas, forward, back, backPlan }) => {
      const p = await projectCopy("prod", { areas });
      expect((await ops(p.dir, ...forward, "--stack", "prod")).code).toBe(0);
      expect(read(p.file)).not.toBe(p.original);
      const undo = await ops(p.dir, ...back, "--stack", "prod");
      expect(undo.code).toBe(0);
      expect(undo.out).toContain(backPlan);
      expect(read(p.file)).toBe(p.original);
    },
  );
});

describe("the plan's verdict decides whether the file is written", () => {
  test("GIVEN prod requires Cloud Run images by digest WHEN `deploy mixillo-backend --tag v2` THEN exit 1, the policy is named, and the file is byte-identical", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const r = await ops(p.dir, "deploy", "mixillo-backend", "--tag", "v2", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Blocked);
    expect(r.out).toContain("[mandatory] cloud-run-image-pinned");
    expect(r.out).toContain("exit 1: 1 mandatory policy violation");
    expect(r.out).toContain(`${StackFile.prod} not written: the plan of this edit is blocked`);
    expect(read(p.file)).toBe(p.original);
  });

  test("GIVEN --dry-run WHEN a scale runs THEN the plan diff is printed and nothing is written", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const r = await ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod", "--dry-run");
    expect(r.code).toBe(0);
    expect(r.out).toContain("~ template.scaling.maxInstanceCount: 10 => 12");
    expect(r.out).toContain(`dry run: ${StackFile.prod} not written.`);
    expect(read(p.file)).toBe(p.original);
  });

  test("GIVEN --write-plan WHEN a scale runs THEN plans/prod.json is the edited stack's reviewed state (`plan --check` would pass)", async () => {
    const p = await projectCopy("prod", { areas: ["kubernetes"] });
    const stateFile = path.join(p.dir, "plans", "prod.json");
    const r = await ops(p.dir, "scale", "merchant-backend", "--max", "14", "--stack", "prod", "--write-plan");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote plans\/prod\.json \(\d+ resources\)/);
    expect(fs.readFileSync(stateFile, "utf8")).toContain('"maxReplicas": 14');
    expect((await makePlan({ projectDir: p.dir, stack: "prod", program })).fresh).toBe(true);
  });
});

test("GIVEN an edit next to a comment WHEN autoscaling is turned off THEN the new replicas line sits right after the autoscaling block", async () => {
  const p = await projectCopy("prod", { areas: ["kubernetes"] });
  await ops(p.dir, "autoscaling", "merchant-backend", "off", "--stack", "prod");
  const lines = read(p.file).split("\n");
  const at = lines.indexOf("        replicas: 3");
  expect(lines[at - 1]).toBe("          targetMemoryUtilization: 80");
  expect(lineDiff(p.original, read(p.file))).toEqual({ removed: ["          enabled: true"], added: ["          enabled: false", "        replicas: 3"] });
});

import { program } from "../stacks/program";
import { makePlan } from "../tools/plan/plan";
import { fixtureProject, stackConfig, StackFile, withEdits } from "./harness";
import { ops, projectCopy, read } from "./opsHarness";

/**
 * Cloud Run "Rollbacks, gradual rollouts, and traffic migration": while traffic is pinned to a
 * revision, a new revision gets none of it. A change meant for the service must reach what serves:
 * `ops` refuses one that would not, deploys and image rollbacks unpin, and the plan warns about a
 * hand edit that would not.
 */
const Pinned = "mixillo-backend-00075-82j";
const Image = `europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend@sha256:${"b".repeat(64)}`;

/** The baseline prod stack (Cloud Run and the Atlas user that writes MONGODB_URI) with traffic pinned. */
async function pinnedProject() {
  const project = await projectCopy("prod", { areas: ["cloudRun", "atlas"] });
  const pin = await ops(project.dir, "rollback", "mixillo-backend", "--to", Pinned, "--stack", "prod");
  expect(pin.code).toBe(0);
  return { ...project, pinned: read(project.file) };
}

describe("ops on a Cloud Run service whose traffic is pinned by a rollback", () => {
  test.each([
    ["restart", ["restart", "mixillo-backend"], "restartToken"],
    ["scale", ["scale", "mixillo-backend", "--min", "2", "--max", "20"], "maxInstances, minInstances"],
    ["env", ["env", "mixillo-backend", "set", "LOG_LEVEL=debug"], "env"],
    ["rotate a secret it reads", ["rotate", "JWT_SECRET"], "the secret JWT_SECRET (read as JWT_SECRET)"],
    ["rotate the Atlas user that writes its MONGODB_URI", ["rotate", "mixillo/mixillo-backend"], "the secret MONGODB_URI (read as MONGODB_URI)"],
  ])("GIVEN a pin WHEN %s THEN it is refused with the ways that reach the serving revision, and nothing is written", async (_, argv, what) => {
    const { dir, file, pinned } = await pinnedProject();
    const run = await ops(dir, ...argv, "--stack", "prod");
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      `mixillo-backend serves the pinned revision ${Pinned} (traffic.pinRevision) in ${StackFile.prod}: this change (${what}) would roll a new revision that gets 0 % of the traffic`,
    );
    expect(run.err).toContain("`rollback mixillo-backend --undo`");
    expect(run.err).toContain("`rollback mixillo-backend --to <image>`");
    expect(read(file)).toBe(pinned);
  });

  test.each([
    ["deploy", ["deploy", "mixillo-backend", "--image", Image]],
    ["roll back by image", ["rollback", "mixillo-backend", "--to", Image]],
  ])("GIVEN a pin WHEN %s THEN the new image serves: the pin is removed in the same edit", async (_, argv) => {
    const { dir, file } = await pinnedProject();
    const run = await ops(dir, ...argv, "--stack", "prod");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(read(file)).toContain(Image);
    expect(read(file)).not.toContain("pinRevision");
    expect(run.out).toContain('~ traffics[0].type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION" => "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"');
  });

  test("GIVEN a canary split that includes the latest revision WHEN restart THEN it goes ahead: the new revision gets the latest share", async () => {
    const canary = `      traffic:\n        split:\n          - { revision: ${Pinned}, percent: 90 }\n          - { latest: true, percent: 10 }\n`;
    const baseline = read((await projectCopy("prod", { areas: ["cloudRun"] })).file);
    const { dir, file } = await projectCopy("prod", {
      areas: ["cloudRun"],
      text: baseline.replace("      healthPath: /health\n", `      healthPath: /health\n${canary}`),
    });
    const run = await ops(dir, "restart", "mixillo-backend", "--stack", "prod");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(read(file)).toContain('restartToken: "2030-11-25T06-49"');
  });
});

describe("the plan of a hand edit that misses the serving revision", () => {
  const Service = "platform:cloudRun.mixillo-backend";

  async function planOf(...edits: [string, unknown][]) {
    const config = withEdits(stackConfig("prod", ["cloudRun"]), ...edits);
    return makePlan({ projectDir: await fixtureProject("prod", ["cloudRun"]), stack: "prod", program, config });
  }
  const warnings = (plan: Awaited<ReturnType<typeof planOf>>) => plan.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);

  test("GIVEN a pin and a new restart token in one edit WHEN planned THEN a warning says the new revision gets 0 % and how to serve it", async () => {
    const plan = await planOf([`${Service}.traffic.pinRevision`, Pinned], [`${Service}.restartToken`, "2030-11-25T06-49"]);
    expect(warnings(plan)).toContainEqual(
      `mixillo-backend: traffic stays on ${Pinned} (100 %), so this change of its revision (template.annotations["platform.ops/restart-token"]) rolls a new revision that gets 0 % of the traffic. ` +
        "To serve it, remove traffic.pinRevision (or add latest: true to the split) in the same change.",
    );
  });

  test("GIVEN a split between named revisions only and a new image WHEN planned THEN the warning names both revisions", async () => {
    const plan = await planOf(
      [
        `${Service}.traffic.split`,
        [
          { revision: Pinned, percent: 90 },
          { revision: "mixillo-backend-00076-abc", percent: 10 },
        ],
      ],
      [`${Service}.image`, Image],
    );
    expect(warnings(plan).find((m) => m.startsWith("mixillo-backend: traffic stays on"))).toContain(`${Pinned} (90 %), mixillo-backend-00076-abc (10 %)`);
  });

  test("GIVEN a split that includes the latest revision and a new image WHEN planned THEN nothing is said: the new revision gets its share", async () => {
    const plan = await planOf(
      [
        `${Service}.traffic.split`,
        [
          { revision: Pinned, percent: 90 },
          { latest: true, percent: 10 },
        ],
      ],
      [`${Service}.image`, Image],
    );
    expect(warnings(plan).filter((m) => m.includes("traffic stays on"))).toEqual([]);
  });

  test("GIVEN only a pin (the rollback itself) WHEN planned THEN nothing is said", async () => {
    const plan = await planOf([`${Service}.traffic.pinRevision`, Pinned]);
    expect(warnings(plan).filter((m) => m.includes("traffic stays on"))).toEqual([]);
  });
});

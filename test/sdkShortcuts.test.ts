import { program } from "../stacks/program";
import { runProgram } from "../tools/plan/record";
import { withFreshRuns } from "../tools/plan/reusedRuns";
import { resetShortcutReport, ShortcutName, shortcutReport } from "../tools/plan/sdkShortcuts";
import { engineConfig } from "../tools/plan/stackConfig";
import { Focused, stackConfig } from "./harness";

/**
 * The SDK internals the plan uses, each behind a shortcut in tools/plan/sdkShortcuts.ts. With the
 * pinned SDK every shortcut must be in use: one that silently stopped working (an internal renamed
 * in an SDK upgrade) fails here, not as a slower or less faithful plan nobody notices.
 */
const config = engineConfig(stackConfig("prod", Focused.vercel));
// Made afresh: the tests watch the SDK at work (tools/plan/reusedRuns.ts).
const run = (shortcutsOff: ShortcutName[] = []) => withFreshRuns(() => runProgram(program, { project: "platform", stack: "prod", config, shortcutsOff }));
const All: ShortcutName[] = ["stackTraces", "promiseTracking", "structValues", "directRegistration", "engineUrns", "invokeDependsOn"];

describe("the SDK shortcuts of the plan", () => {
  test("GIVEN the pinned @pulumi/pulumi WHEN a stack is planned THEN every shortcut is available and used", async () => {
    resetShortcutReport();
    const planned = await run();
    expect(planned.errors).toEqual([]);
    const report = shortcutReport();
    expect(report.map((s) => s.name)).toEqual(All);
    for (const shortcut of report) expect({ [shortcut.name]: shortcut.used > 0 }).toEqual({ [shortcut.name]: true });
  });

  test.each(["stackTraces", "promiseTracking", "structValues", "directRegistration"] as ShortcutName[])(
    "GIVEN the %s shortcut off WHEN planned THEN it is not used and the plan is exactly the same: it only saves time",
    async (name) => {
      const [whole, without] = [await run(), (resetShortcutReport(), await run([name]))];
      expect(shortcutReport().find((s) => s.name === name)!.used).toBe(0);
      expect(without.errors).toEqual([]);
      expect(JSON.stringify(without.resources)).toBe(JSON.stringify(whole.resources));
    },
  );

  // The engine leaves the root Stack's type out of its children's URNs; the mocks put it in.
  test("GIVEN the engineUrns shortcut off WHEN planned THEN the run still completes, with the mocks' URNs: what the plan would lose", async () => {
    const without = await run(["engineUrns"]);
    expect(without.errors).toEqual([]);
    expect(without.resources.some((r) => r.urn.includes("::pulumi:pulumi:Stack$"))).toBe(true);
    expect((await run()).resources.some((r) => r.urn.includes("::pulumi:pulumi:Stack$"))).toBe(false);
  });

  test("GIVEN the invokeDependsOn shortcut off WHEN planned THEN the run completes, and a Secret Manager read loses its dependency as under the plain mocks", async () => {
    const env = (r: Awaited<ReturnType<typeof run>>) => r.resources.find((x) => x.name === "fixzit-env-REDIS_URL")!;
    expect(env(await run()).propertyDependencies.value).toBeDefined();
    const without = await run(["invokeDependsOn"]);
    expect(without.errors).toEqual([]);
    expect(env(without).propertyDependencies.value).toBeUndefined();
  });
});

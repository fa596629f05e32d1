import { Area, fixtureText, Focused, runStack, stackConfig } from "./harness";

// The tests' inputs themselves: the baseline fixtures, and the focused stacks cut from them.
const Areas: Area[] = ["secrets", "atlas", "cloudRun", "vercel", "kubernetes", "oncall", "monitoring", "docker", "allowReplace"];

describe.each(["prod", "staging"])("the %s baseline fixture", (stack) => {
  test("GIVEN every area asked for WHEN the focused stack is cut THEN it is the baseline, line for line", () => {
    expect(fixtureText(stack, Areas)).toBe(fixtureText(stack));
    expect(stackConfig(stack, Areas)).toEqual(stackConfig(stack));
  });

  test("GIVEN one area WHEN the focused stack is cut THEN it keeps that area, the stack keys and only the secrets the area names", () => {
    const config = stackConfig(stack, ["cloudRun"]);
    expect(Object.keys(config).sort()).toEqual(["platform:cloudRun", "platform:environment", "platform:gcp", "platform:owner", "platform:secrets"]);
    expect(config["platform:cloudRun"]).toEqual(stackConfig(stack)["platform:cloudRun"]);
    const named = Object.values(config["platform:cloudRun"]).flatMap((service: any) => Object.values(service.secretEnv).map((ref: any) => ref.secret));
    expect(Object.keys(config["platform:secrets"]).sort()).toEqual([...new Set(named)].sort());
  });

  // What a focused test plans: an area with what it cannot go without (Vercel reads Cloud Run's URL).
  const focused: Area[][] = [["secrets"], ["atlas"], ["cloudRun"], [...Focused.vercel], ["kubernetes"], ["oncall"], ["docker"]];
  test.each(focused.map((areas) => [areas.join(" and "), areas] as const))(
    "GIVEN only %s WHEN planned THEN the focused stack is valid and plans",
    async (_, areas) => {
      const run = await runStack(stack, stackConfig(stack, areas));
      expect(run.errors).toEqual([]);
      expect(run.resources.length).toBeGreaterThan(1);
    },
  );
});

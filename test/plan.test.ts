import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Struct } from "../tools/plan/sdkShortcuts";
import { program } from "../stacks/program";
import { makePlan, Plan } from "../tools/plan/plan";
import { runProgram } from "../tools/plan/record";
import { withFreshRuns } from "../tools/plan/reusedRuns";
import { CommentLimit, renderMarkdown } from "../tools/plan/render/markdown";
import { renderJson } from "../tools/plan/render/json";
import { renderTree } from "../tools/plan/render/tree";
import { reviewedStatePath, serializeState } from "../tools/plan/reviewedState";
import { engineConfig } from "../tools/plan/stackConfig";
import { Area, fixtureProject, stackConfig, withEdits } from "./harness";

const Service = "platform:cloudRun.mixillo-backend";
/** The focused stack of the tests about the Cloud Run service alone. */
const CloudRun: Area[] = ["cloudRun"];

interface PlanOptions {
  /** Plan the stack focused on these areas (the whole estate without). */
  areas?: readonly Area[];
  /** `pulumi config set --path` edits of the stack's config. */
  edits?: [string, unknown][];
  /** Diff against this state file instead of the project's plans/<stack>.json. */
  baselineFile?: string;
}

/** The plan of a baseline stack's config (focused, edited), diffed against `baselineFile` when given. */
async function plan(stack: string, { areas, edits = [], baselineFile }: PlanOptions = {}): Promise<Plan> {
  const config = withEdits(stackConfig(stack, areas), ...edits);
  return makePlan({ projectDir: await fixtureProject(stack, areas), stack, program, config, ...(baselineFile ? { baselineFile } : {}) });
}

/**
 * The current program's own plan of a baseline stack (focused on `areas`), as a baseline file: the
 * state fixtureProject planned from the same fixture, so tests do not depend on the repository's plans/.
 */
async function baselineOf(stack: string, areas?: readonly Area[]): Promise<string> {
  return reviewedStatePath(await fixtureProject(stack, areas), stack);
}

describe("determinism", () => {
  // Also what lets the other tests reuse a run (tools/plan/reusedRuns.ts): these two are made afresh.
  test("GIVEN the prod stack WHEN planned twice THEN the tree, the JSON, the markdown and the state are byte-identical", async () => {
    const [a, b] = await withFreshRuns(async () => [await plan("prod"), await plan("prod")]);
    expect(a.run.errors).toEqual([]);
    expect(renderTree(b)).toBe(renderTree(a));
    expect(renderJson(b)).toBe(renderJson(a));
    expect(renderMarkdown(b)).toBe(renderMarkdown(a));
    expect(serializeState(b.state)).toBe(serializeState(a.state));
  });
});

describe("the recorder answers registrations as the SDK's mocks do", () => {
  test("GIVEN prod WHEN every registration goes through the SDK's mock monitor instead of the recorder's short answer THEN every recorded resource is the same and nothing failed", async () => {
    const config = engineConfig(stackConfig("prod"));
    const short = await runProgram(program, { project: "platform", stack: "prod", config });
    // A mockOutputs hook that answers (even with nothing) sends each registration through the mocks.
    const mocked = await runProgram(program, { project: "platform", stack: "prod", config, mockOutputs: () => ({}) });
    expect(short.errors).toEqual([]);
    expect(mocked.errors).toEqual([]);
    expect(short.resources.length).toBeGreaterThan(200);
    expect(JSON.stringify(short.resources)).toBe(JSON.stringify(mocked.resources));
  });

  test("GIVEN prod's inputs as the SDK serialized them WHEN converted to protobuf and back, as a Struct does outside the recorder THEN each is unchanged (so keeping the value is exact)", async () => {
    const inputs: Record<string, unknown>[] = [];
    await runProgram(program, {
      project: "platform",
      stack: "prod",
      config: engineConfig(stackConfig("prod")),
      onInputs: (_type, _name, value) => inputs.push(value),
    });
    expect(inputs.length).toBeGreaterThan(200);
    for (const value of inputs) expect(Struct!.fromJavaScript(value as never).toJavaScript()).toEqual(value);
  });
});

describe("URNs as the engine computes them", () => {
  class Outer extends pulumi.ComponentResource {
    constructor(name: string) {
      super("test:index:Outer", name);
      const inner = new Inner(`${name}-inner`, this);
      this.registerOutputs({ inner: inner.urn });
    }
  }
  class Inner extends pulumi.ComponentResource {
    constructor(name: string, parent: pulumi.Resource) {
      super("test:index:Inner", name, {}, { parent });
      new random.RandomPassword(`${name}-password`, { length: 32 }, { parent: this, aliases: [{ name: "old-password" }] });
      this.registerOutputs({});
    }
  }

  test("GIVEN a component inside a component WHEN recorded THEN each URN carries the whole parent type chain, without the Stack type", async () => {
    const run = await runProgram(() => new Outer("app"), { project: "proj", stack: "dev", config: {} });
    expect(run.errors).toEqual([]);
    expect(run.resources.map((r) => r.urn)).toEqual([
      "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev",
      "urn:pulumi:dev::proj::test:index:Outer$test:index:Inner$random:index/randomPassword:RandomPassword::app-inner-password",
      "urn:pulumi:dev::proj::test:index:Outer$test:index:Inner::app-inner",
      "urn:pulumi:dev::proj::test:index:Outer::app",
    ]);
    const password = run.resources.find((r) => r.type === "random:index/randomPassword:RandomPassword")!;
    expect(password.parent).toBe("urn:pulumi:dev::proj::test:index:Outer$test:index:Inner::app-inner");
    expect(password.aliases).toEqual(["urn:pulumi:dev::proj::test:index:Outer$test:index:Inner$random:index/randomPassword:RandomPassword::old-password"]);
    expect(password.provider).toBe("urn:pulumi:dev::proj::pulumi:providers:random::default_4_21_2");
  });

  test("GIVEN prod WHEN planned THEN the Cloud Run service's URN nests it under its component", async () => {
    const p = await plan("prod", { areas: CloudRun });
    expect(p.steps.map((s) => s.urn)).toContain("urn:pulumi:prod::platform::platform:cloudRun:Service$gcp:cloudrunv2/service:Service::mixillo-backend");
  });
});

describe("the diff against the reviewed state", () => {
  test("GIVEN the unchanged stack WHEN diffed THEN every resource is `same`", async () => {
    const p = await plan("prod", { baselineFile: await baselineOf("prod") });
    expect(p.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(p.summary.same).toBe(p.state.resources.length);
  });

  test("GIVEN maxInstances 10 → 12 WHEN diffed THEN the service alone is an update at template.scaling.maxInstanceCount, 10 → 12", async () => {
    const p = await plan("prod", { areas: CloudRun, edits: [[`${Service}.maxInstances`, 12]], baselineFile: await baselineOf("prod", CloudRun) });
    const changed = p.steps.filter((s) => s.op !== "same");
    expect(changed.map((s) => [s.op, s.type, s.name])).toEqual([["update", "gcp:cloudrunv2/service:Service", "mixillo-backend"]]);
    expect(changed[0].changes).toEqual([{ path: "template.scaling.maxInstanceCount", kind: "update", old: 10, new: 12, inputDiff: true }]);
    expect(renderTree(p)).toContain("~ template.scaling.maxInstanceCount: 10 => 12");
    const json = JSON.parse(renderJson(p));
    const step = json.steps.find((s: { op: string }) => s.op === "update");
    expect(step).toMatchObject({ diffReasons: ["template"], detailedDiff: { "template.scaling.maxInstanceCount": { kind: "update", inputDiff: true } } });
    expect(step.oldState.inputs.template.scaling.maxInstanceCount).toBe(10);
    expect(step.newState.inputs.template.scaling.maxInstanceCount).toBe(12);
    expect(json.changeSummary).toEqual({ update: 1, same: p.steps.length - 1 });
  });
});

describe("--json", () => {
  test("GIVEN staging WHEN rendered as JSON THEN every resource is a step with the preview's fields", async () => {
    const p = await plan("staging");
    const json = JSON.parse(renderJson(p));
    expect(json.steps.map((s: { urn: string }) => s.urn)).toEqual(p.state.resources.map((r) => r.urn));
    for (const step of json.steps) {
      expect(Object.keys(step.newState)).toEqual(expect.arrayContaining(["urn", "type", "custom", "inputs", "dependencies", "protect"]));
    }
    expect(Object.keys(json)).toEqual(["changeSummary", "config", "diagnostics", "plan", "steps"]);
  });
});

describe("--markdown", () => {
  test("GIVEN a plan far longer than a GitHub comment WHEN rendered THEN it stays under the limit, cut with a note, fences closed", async () => {
    // The Atlas resources alone (43) are enough: their details come to more than twice the limit.
    const p = await plan("prod", { areas: ["atlas"] });
    // Every resource updated in 30 places: far more detail than a comment holds.
    const changes = Array.from({ length: 30 }, (_, i) => ({
      path: `spec.value${i}`,
      kind: "update" as const,
      old: "a".repeat(40),
      new: "b".repeat(40),
      inputDiff: true,
    }));
    const huge: Plan = { ...p, steps: p.steps.map((s) => ({ ...s, op: "update" as const, changes })) };
    const text = renderMarkdown(huge);
    expect(text.length).toBeLessThan(CommentLimit);
    expect(text).toMatch(/Cut here to fit a GitHub comment: \d+ more lines/);
    expect((text.match(/```/g) ?? []).length % 2).toBe(0);
    expect((text.match(/<details>/g) ?? []).length).toBe((text.match(/<\/details>/g) ?? []).length);
    expect(text.split("\n")[0]).toMatch(/^### .* Plan of `prod`/);
  });
});

import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { program } from "../stacks/program";
import { ProgramRun, runProgram, RunOptions } from "../tools/plan/record";
import { reuseRuns, withFreshRuns } from "../tools/plan/reusedRuns";
import { engineConfig } from "../tools/plan/stackConfig";
import { stackConfig } from "./harness";

/**
 * The suites reuse a program run made with the same options (tools/plan/reusedRuns.ts,
 * test/support/reusedRuns.js): the copy must be what the run would give, and a run that could give
 * something else is made afresh.
 */
let made = 0;
/** A program that counts its runs and registers one resource per config value. */
const counted = () => {
  made++;
  new random.RandomPassword("password", { length: Number(new pulumi.Config("test").require("length")) });
};
const options = (length: string, extra: Partial<RunOptions> = {}): RunOptions => ({ project: "p", stack: "dev", config: { "test:length": length }, ...extra });

describe("reused program runs", () => {
  beforeEach(() => (made = 0));

  test("GIVEN the same program and options twice WHEN run THEN the program runs once and the second result is an equal copy", async () => {
    const password = (run: ProgramRun) => run.resources.find((r) => r.name === "password")!;
    const first = await runProgram(counted, options("31"));
    password(first).inputs.length = 0;
    const second = await runProgram(counted, options("31"));
    expect(made).toBe(1);
    expect(second.resources.map((r) => r.name)).toEqual(["p-dev", "password"]);
    expect(password(second).inputs).toEqual({ length: 31 });
    expect(second).not.toBe(first);
  });

  test("GIVEN a reused run WHEN it has an onInputs hook THEN the hook sees the first run's inputs, in order", async () => {
    const seen = (length: string) => {
      const inputs: string[] = [];
      return runProgram(counted, options(length, { onInputs: (type, name, value) => inputs.push(`${type} ${name} ${JSON.stringify(value)}`) })).then(
        () => inputs,
      );
    };
    const [first, second] = [await seen("32"), await seen("32")];
    expect(made).toBe(1);
    expect(first).toEqual(["pulumi:pulumi:Stack p-dev {}", 'random:index/randomPassword:RandomPassword password {"length":32}']);
    expect(second).toEqual(first);
  });

  test("GIVEN another config, a mockOutputs hook, withFreshRuns or reuse off WHEN run THEN the program runs again each time", async () => {
    await runProgram(counted, options("33"));
    await runProgram(counted, options("34"));
    await runProgram(counted, options("33", { mockOutputs: () => ({}) }));
    await runProgram(counted, options("33", { shortcutsOff: ["invokeDependsOn"] }));
    await withFreshRuns(() => runProgram(counted, options("33")));
    reuseRuns(false);
    try {
      await runProgram(counted, options("33"));
    } finally {
      reuseRuns(true);
    }
    expect(made).toBe(6);
    await runProgram(counted, options("33"));
    expect(made).toBe(6);
  });

  test("GIVEN the whole prod estate WHEN run afresh and then reused THEN the copy and the inputs shown are exactly the fresh run's", async () => {
    const watched = async (fresh: boolean) => {
      const inputs: unknown[] = [];
      const options = { project: "platform", stack: "prod", config: engineConfig(stackConfig("prod")), onInputs: (...seen: unknown[]) => inputs.push(seen) };
      const run = fresh ? await withFreshRuns(() => runProgram(program, options)) : await runProgram(program, options);
      return { run, inputs };
    };
    await watched(false);
    const [reused, fresh] = [await watched(false), await watched(true)];
    expect(fresh.run.resources.length).toBeGreaterThan(200);
    expect(reused.run).toStrictEqual(fresh.run);
    expect(reused.inputs).toStrictEqual(fresh.inputs);
  });
});

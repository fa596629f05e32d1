import { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as fs from "fs";
import * as path from "path";
import { AnalyzedResource, evaluate, PackConfigFile, UnknownSentinel, Violation } from "../policies/evaluate";
import { policies } from "../policies/pack";
import { ProgramRun } from "../tools/plan/record";
import { analyzed } from "../tools/plan/policies";

export { policies };
export type Policy = ResourceValidationPolicy | StackValidationPolicy;

/** A program run's resources as the engine would hand them to the policy pack (the plan's own view). */
export function fromRecorded(run: ProgramRun): AnalyzedResource[] {
  return analyzed(run.resources);
}

/** A hand-made resource for a fixture; `unknown()` marks a value a preview cannot know. */
export function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<AnalyzedResource> = {}): AnalyzedResource {
  return {
    urn: `urn:pulumi:test::platform::${type}::${name}`,
    type,
    name,
    props: JSON.parse(JSON.stringify(props)),
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    ...extra,
  };
}

export const unknown = () => UnknownSentinel;

/** Runs one policy (as mandatory unless the config says otherwise) and returns its violations. */
export async function check(policy: Policy, resources: AnalyzedResource | AnalyzedResource[], config: Record<string, unknown> = {}): Promise<Violation[]> {
  const level = (config.enforcementLevel as EnforcementLevel | undefined) ?? policy.enforcementLevel ?? "mandatory";
  return evaluate([policy], Array.isArray(resources) ? resources : [resources], { config: { [policy.name]: { ...config, enforcementLevel: level } } });
}

/** A committed per-stack policy config file (policies/config/<stack>.json). */
export function packConfig(stack: string): PackConfigFile {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "policies", "config", `${stack}.json`), "utf8"));
}

/** Deep copy with one change: fixtures are mutated once per test into exactly one violation. */
export function mutate<T>(value: T, change: (copy: T) => void): T {
  const copy = JSON.parse(JSON.stringify(value)) as T;
  change(copy);
  return copy;
}

/** Props of the i-th fixture resource, for mutations. */

export const props = (rs: AnalyzedResource[], i = 0): any => rs[i].props;

type Change = (rs: AnalyzedResource[]) => void;

/** One rule's fixtures: resources that pass, and single mutations that each must be caught. */
export interface RuleSuite {
  policy: Policy;
  /** Policy config for every case (thresholds, declared exceptions). */
  config?: Record<string, unknown>;
  good: () => AnalyzedResource[];
  /** [what is wrong, the one change that makes it wrong, what the message must say] */
  violations: [string, Change, RegExp][];
  /** Changes the rule must accept: [what, change, config override] */
  passes?: [string, Change, Record<string, unknown>?][];
}

/** GIVEN/WHEN/THEN tests for a rule suite: the good fixture passes, each mutation is caught once. */
export function describeRule(suite: RuleSuite): void {
  const { policy } = suite;
  describe(policy.name, () => {
    test(`GIVEN compliant resources WHEN ${policy.name} runs THEN it reports nothing`, async () => {
      expect(await check(policy, suite.good(), suite.config)).toEqual([]);
    });
    test.each(suite.violations)(`GIVEN %s WHEN ${policy.name} runs THEN it reports that one violation`, async (_what, change, pattern) => {
      const violations = await check(policy, mutate(suite.good(), change), suite.config);
      expect(violations.map((v) => v.message)).toEqual([expect.stringMatching(pattern)]);
      expect(violations[0].message).toContain(`Remediation: ${policy.remediationSteps}`);
      expect(violations[0].enforcementLevel).toBe(policy.enforcementLevel);
    });
    if (suite.passes?.length) {
      // Rows padded to three cells: jest takes a missing cell's parameter for a `done` callback.
      const rows = suite.passes.map(([what, change, config]) => [what, change, config ?? {}] as const);
      test.each(rows)(`GIVEN %s WHEN ${policy.name} runs THEN it reports nothing`, async (_what, change, config) => {
        expect(await check(policy, mutate(suite.good(), change), { ...suite.config, ...config })).toEqual([]);
      });
    }
  });
}

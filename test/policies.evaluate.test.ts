import { Policies } from "@pulumi/policy";
import { AnalyzedResource, evaluate, UnknownSentinel } from "../policies/evaluate";

/**
 * The evaluator hands props to policies as the policy server does (@pulumi/policy server.js): each
 * validation gets its own copy, deserialized for it, so what one policy does to its props no other
 * policy sees; and every read goes through the unknown-value proxy.
 */
const resource = (name: string, props: Record<string, unknown>): AnalyzedResource => ({
  urn: `urn:pulumi:prod::platform::test:index:Thing::${name}`,
  type: "test:index:Thing",
  name,
  props,
  protect: false,
  dependencies: [],
  propertyDependencies: {},
});

describe("the props each policy reads (policies/evaluate.ts)", () => {
  test("GIVEN a policy that changes its props WHEN the next policies read theirs THEN they see the resource as it was", async () => {
    const seen: unknown[] = [];
    const policies: Policies = [
      {
        name: "changes-props",
        description: "writes into the props it was given",
        enforcementLevel: "advisory",
        validateResource: (args) => {
          args.props.spec.replicas = 99;
          args.props.added = true;
        },
      },
      {
        name: "reads-props",
        description: "records what it reads",
        enforcementLevel: "advisory",
        validateResource: (args) => void seen.push(JSON.parse(JSON.stringify(args.props))),
      },
      {
        name: "reads-the-stack",
        description: "records what the stack shows",
        enforcementLevel: "advisory",
        validateStack: (args) => void seen.push(...args.resources.map((r) => JSON.parse(JSON.stringify(r.props)))),
      },
    ];
    const input = [resource("a", { spec: { replicas: 3 } })];
    expect(await evaluate(policies, input)).toEqual([]);
    expect(seen).toEqual([{ spec: { replicas: 3 } }, { spec: { replicas: 3 } }]);
    expect(input[0].props).toEqual({ spec: { replicas: 3 } });
  });

  test("GIVEN a policy that reads a value unknown at preview WHEN evaluated THEN it is the advisory can't-run", async () => {
    const policies: Policies = [
      {
        name: "reads-unknown",
        description: "reads a nested unknown",
        enforcementLevel: "mandatory",
        validateResource: (args, report) => {
          if (args.props.spec.image === "x") report("never");
        },
      },
    ];
    const [violation] = await evaluate(policies, [resource("a", { spec: { image: UnknownSentinel } })]);
    expect(violation).toMatchObject({ policyName: "reads-unknown", enforcementLevel: "advisory" });
    expect(violation.message).toMatch(/^can't run policy 'reads-unknown' during preview/);
  });
});

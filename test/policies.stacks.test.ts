import { evaluate, mandatory, Violation } from "../policies/evaluate";
import { ProgramRun } from "../tools/plan/record";
import { Area, runStack, stackConfig, withEdits } from "./harness";
import { fromRecorded, packConfig, policies } from "./policyHarness";

const ImageKey = "platform:cloudRun.mixillo-backend.image";
/** The cases about the Cloud Run service's image run it alone, with the secrets it reads. */
const CloudRun: Area[] = ["cloudRun"];
const summary = (vs: Violation[]) => vs.map((v) => `${v.policyName} [${v.enforcementLevel}] ${v.urn ?? "stack"}: ${v.message.split("\n")[1] ?? v.message}`);

/** A baseline stack (the whole estate, or focused on `areas`), edited, run under the recorder. */
async function planned(stack: string, areas?: readonly Area[], ...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = withEdits(stackConfig(stack, areas), ...edits);
  const run = await runStack(stack, config);
  expect(run.errors).toEqual([]);
  return run;
}

// The pack runs over the whole baseline estate with each stack's config file (committedStacks.test.ts
// does the same for the live stack files).
describe.each(["prod", "staging"])("the baseline %s stack under its policy config", (stack) => {
  let violations: Violation[];
  beforeAll(async () => {
    violations = await evaluate(policies, fromRecorded(await planned(stack)), { config: packConfig(stack) });
  });

  test(`GIVEN the baseline ${stack} stack WHEN the pack runs THEN no mandatory policy is violated`, () => {
    expect(summary(mandatory(violations))).toEqual([]);
  });

  test(`GIVEN the baseline ${stack} stack WHEN the pack runs THEN every policy ran (none failed on an unknown it could have read)`, () => {
    expect(summary(violations.filter((v) => v.message.startsWith("can't run")))).toEqual([]);
  });
});

describe("a prod violation is blocked", () => {
  test("GIVEN prod's image changed from a digest to a tag WHEN the pack runs THEN cloud-run-image-pinned blocks it", async () => {
    const run = await planned("prod", CloudRun, [ImageKey, "europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend:1.4.2"]);
    const blocked = mandatory(await evaluate(policies, fromRecorded(run), { config: packConfig("prod") }));
    expect(blocked.map((v) => v.policyName)).toEqual(["cloud-run-image-pinned"]);
    expect(blocked[0].message).toMatch(/mixillo-backend:1.4.2" is not pinned by digest/);
  });

  test("GIVEN the same tag in staging WHEN the pack runs THEN it is allowed (staging takes tags)", async () => {
    const run = await planned("staging", CloudRun, [ImageKey, "europe-west1-docker.pkg.dev/mixillo-staging/mixillo/mixillo-backend:1.4.2"]);
    const found = (await evaluate(policies, fromRecorded(run), { config: packConfig("staging") })).filter((v) => v.policyName === "cloud-run-image-pinned");
    expect(found).toEqual([]);
  });

  // The stack schema already refuses :latest; the policy is the second line if anything else sets it.
  test.each([
    ["prod", "mandatory"],
    ["staging", "advisory"],
  ])("GIVEN a %s Cloud Run container on :latest WHEN the pack runs THEN it is reported %s", async (stack, level) => {
    const resources = fromRecorded(await planned(stack, CloudRun));
    const service = resources.find((r) => r.type === "gcp:cloudrunv2/service:Service")!;
    (service.props.template as { containers: { image: string }[] }).containers[0].image = "europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend:latest";
    const found = (await evaluate(policies, resources, { config: packConfig(stack) })).filter((v) => v.policyName === "cloud-run-image-pinned");
    expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([[level, service.urn]]);
  });
});

describe("issue 20's changes, as a pull request would make them", () => {
  const Kubernetes: Area[] = ["kubernetes"];
  const App = "platform:kubernetes.apps.merchant-backend";
  const blocked = async (run: ProgramRun | ReturnType<typeof fromRecorded>, stack = "prod") =>
    mandatory(await evaluate(policies, Array.isArray(run) ? run : fromRecorded(run), { config: packConfig(stack) })).map(
      (v) => `${v.policyName}: ${v.message.split("\n")[1]}`,
    );

  test("GIVEN one change that weakens production's Pod Security label and adds hostPID WHEN the pack runs THEN both halves are blocked", async () => {
    const resources = fromRecorded(await planned("prod", Kubernetes));
    const ns = resources.find((r) => r.type === "kubernetes:core/v1:Namespace")!;
    (ns.props.metadata as { labels: Record<string, string> }).labels["pod-security.kubernetes.io/enforce"] = "privileged";
    const deployment = resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    (deployment.props.spec as { template: { spec: Record<string, unknown> } }).template.spec.hostPID = true;
    expect(await blocked(resources)).toEqual([
      expect.stringMatching(
        /^kubernetes-pss-baseline: Deployment production\/merchant-backend violates Pod Security Standards baseline, Host Namespaces: .*hostPID: true/,
      ),
      expect.stringMatching(/^kubernetes-namespace-pod-security: Namespace production enforces Pod Security "privileged"; the minimum is "restricted"/),
    ]);
  });

  test("GIVEN prod's NetworkPolicy switched off in the stack file WHEN the pack runs THEN kubernetes-network-policy blocks it", async () => {
    const run = await planned("prod", Kubernetes, [`${App}.networkPolicy.enabled`, false]);
    expect(await blocked(run)).toEqual([
      expect.stringMatching(/^kubernetes-network-policy: Deployment production\/merchant-backend is selected by no NetworkPolicy/),
    ]);
  });

  test("GIVEN the same in staging WHEN the pack runs THEN it is reported, not blocked", async () => {
    const run = await planned("staging", Kubernetes, [`${App}.networkPolicy.enabled`, false]);
    const found = (await evaluate(policies, fromRecorded(run), { config: packConfig("staging") })).filter((v) => v.policyName === "kubernetes-network-policy");
    expect(found.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
  });

  test("GIVEN OAUTH_REDIRECT_URI=https://…/callback on prod's Cloud Run service WHEN the pack runs THEN nothing blocks it and the name raises an advisory", async () => {
    const run = await planned("prod", CloudRun, ["platform:cloudRun.mixillo-backend.env.OAUTH_REDIRECT_URI", "https://mixillo.app/auth/callback"]);
    const all = await evaluate(policies, fromRecorded(run), { config: packConfig("prod") });
    expect(mandatory(all)).toEqual([]);
    expect(all.filter((v) => v.policyName === "secret-name-advisory").map((v) => v.enforcementLevel)).toEqual(["advisory"]);
  });
});

describe("values a preview cannot know", () => {
  test("GIVEN a policy that must read an unknown value WHEN the pack runs THEN it reports 'can't run during preview' as advisory, as the server does", async () => {
    const resources = fromRecorded(await planned("prod", CloudRun));
    const service = resources.find((r) => r.type === "gcp:cloudrunv2/service:Service")!;
    (service.props.template as { containers: { image: string }[] }).containers[0].image = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const found = (await evaluate(policies, resources, { config: packConfig("prod") })).filter((v) => v.policyName === "cloud-run-image-pinned");
    expect(found).toEqual([
      expect.objectContaining({
        enforcementLevel: "advisory",
        message: expect.stringMatching(/can't run policy 'cloud-run-image-pinned' during preview: string value at .template.containers.0.image/),
      }),
    ]);
  });
});

import { workloadPod, WorkloadTypes } from "../policies/lib/kubernetesPods";
import { kubernetesPssBaseline, kubernetesPssRestricted } from "../policies/rules/kubernetesPodSecurity";
import { ProgramRun } from "../tools/plan/record";
import { Area, runStack, stackConfig, withEdits } from "./harness";
import { check, fromRecorded, mutate, RuleSuite } from "./policyHarness";
import { pssBaselineSuite, pssRestrictedSuite } from "./policyFixtures/kubernetesPodSecurity";
import { violatedControls } from "./podSecurityProfile";

// Acceptance of issue 20: what the KubernetesApp component renders meets the Pod Security Standards'
// restricted profile, judged against the controls as the page publishes them (test/podSecurityProfile.ts),
// not only by the policy pack's own reading of them.

const App = "platform:kubernetes.apps.merchant-backend";
const Areas: Area[] = ["kubernetes"];

async function rendered(stack: string, ...edits: [string, unknown][]): Promise<ProgramRun> {
  const run = await runStack(stack, withEdits(stackConfig(stack, Areas), ...edits));
  expect(run.errors).toEqual([]);
  return run;
}

/** Every pod the run renders, with the published controls it violates under restricted. */
function restrictedViolations(run: ProgramRun) {
  const pods = run.resources.filter((r) => WorkloadTypes.includes(r.type)).map((r) => workloadPod(r.type, r.inputs, r.name)!);
  expect(pods.length).toBeGreaterThan(0);
  return pods.map((pod) => ({ workload: pod.workload, violated: violatedControls(pod.spec, pod.metadata, "restricted") }));
}

describe("the rendered Kubernetes objects meet the Pod Security Standards' restricted profile", () => {
  test.each([
    ["the prod baseline", "prod", []],
    ["the staging baseline", "staging", []],
    [
      "prod with its own uid, a writable root filesystem and autoscaling off",
      "prod",
      [
        [`${App}.security`, { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, readOnlyRootFilesystem: false }],
        [`${App}.autoscaling.enabled`, false],
        [`${App}.replicas`, 4],
      ],
    ],
  ] as [string, string, [string, unknown][]][])(
    "GIVEN %s WHEN rendered THEN every pod passes every published baseline and restricted control",
    async (_what, stack, edits) => {
      const run = await rendered(stack, ...edits);
      for (const pod of restrictedViolations(run)) expect(pod).toEqual({ workload: pod.workload, violated: [] });
    },
  );

  test("GIVEN the prod baseline WHEN the pack's Pod Security policies run THEN they agree: nothing to report", async () => {
    const resources = fromRecorded(await rendered("prod"));
    expect([...(await check(kubernetesPssBaseline, resources)), ...(await check(kubernetesPssRestricted, resources))]).toEqual([]);
  });

  test("GIVEN the namespace the assembly declares WHEN rendered THEN it enforces restricted at the latest version", async () => {
    const ns = (await rendered("prod")).resources.find((r) => r.type === "kubernetes:core/v1:Namespace")!;
    expect(ns.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(ns.inputs.metadata.labels).not.toHaveProperty("pod-security.kubernetes.io/enforce-version");
  });
});

/** The pod of a suite's (mutated) fixture, and the published controls it violates. */
function judged(suite: RuleSuite, change: (rs: ReturnType<RuleSuite["good"]>) => void, profile: "baseline" | "restricted") {
  const [r] = mutate(suite.good(), change);
  const pod = workloadPod(r.type, r.props, r.name)!;
  return violatedControls(pod.spec, pod.metadata, profile);
}

describe("the policies and the published controls agree on every fixture", () => {
  test("GIVEN merchant-backend's compliant pod WHEN judged against the published controls THEN it meets restricted", () => {
    expect(judged(pssRestrictedSuite, () => undefined, "restricted")).toEqual([]);
  });

  test.each(pssBaselineSuite.violations.map(([what, change]) => [what, change] as const))(
    "GIVEN %s (caught by kubernetes-pss-baseline) WHEN judged THEN a published baseline control is violated",
    (_what, change) => {
      expect(judged(pssBaselineSuite, change, "baseline")).not.toEqual([]);
    },
  );

  test.each(pssRestrictedSuite.violations.map(([what, change]) => [what, change] as const))(
    "GIVEN %s (caught by kubernetes-pss-restricted) WHEN judged THEN baseline holds and a published restricted control is violated",
    (_what, change) => {
      expect(judged(pssRestrictedSuite, change, "baseline")).toEqual([]);
      expect(judged(pssRestrictedSuite, change, "restricted")).not.toEqual([]);
    },
  );

  test.each((pssBaselineSuite.passes ?? []).map(([what, change]) => [what, change] as const))(
    "GIVEN %s (passed by kubernetes-pss-baseline) WHEN judged THEN every published baseline control holds",
    (_what, change) => {
      expect(judged(pssBaselineSuite, change, "baseline")).toEqual([]);
    },
  );

  test.each((pssRestrictedSuite.passes ?? []).map(([what, change]) => [what, change] as const))(
    "GIVEN %s (passed by kubernetes-pss-restricted) WHEN judged THEN every published restricted control holds",
    (_what, change) => {
      expect(judged(pssRestrictedSuite, change, "restricted")).toEqual([]);
    },
  );
});

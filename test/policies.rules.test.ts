import { policies } from "../policies/pack";
import { describeRule, RuleSuite } from "./policyHarness";
import { atlasSuites } from "./policyFixtures/atlas";
import { cloudRunSuites } from "./policyFixtures/cloudRun";
import { kubernetesSuites } from "./policyFixtures/kubernetes";
import { kubernetesNetworkSuites } from "./policyFixtures/kubernetesNetwork";
import { kubernetesPodSecuritySuites } from "./policyFixtures/kubernetesPodSecurity";
import { otherSuites } from "./policyFixtures/others";
import { secretsMonitoringSuites } from "./policyFixtures/secretsMonitoring";
import { sentrySuites } from "./policyFixtures/sentry";

const suites: RuleSuite[] = [
  ...cloudRunSuites,
  ...secretsMonitoringSuites,
  ...kubernetesSuites,
  ...kubernetesPodSecuritySuites,
  ...kubernetesNetworkSuites,
  ...atlasSuites,
  ...otherSuites,
];

// One describe per rule: the compliant fixture passes, each single mutation is caught exactly once.
suites.forEach(describeRule);

describe("the pack's coverage", () => {
  test("GIVEN every policy in the pack WHEN the fixtures are listed THEN each has a passing fixture and at least one violation", () => {
    const covered = new Set([...suites, ...sentrySuites].filter((s) => s.violations.length > 0).map((s) => s.policy.name));
    expect(policies.map((p) => p.name).filter((name) => !covered.has(name))).toEqual([]);
  });
});

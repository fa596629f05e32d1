import { sentryAlertPagesPagerDuty } from "../policies/rules/sentry";
import { check, describeRule, fromRecorded } from "./policyHarness";
import { sentrySuites } from "./policyFixtures/sentry";
import { runStack, stackConfig, Focused } from "./harness";

// One describe per rule: the compliant fixture passes, each single mutation is caught exactly once.
sentrySuites.forEach(describeRule);

describe("the Sentry alerts the program makes", () => {
  test("GIVEN the prod baseline's Sentry alerts WHEN sentry-alert-pages-pagerduty runs THEN every trigger of every alert pages PagerDuty", async () => {
    const run = await runStack("prod", stackConfig("prod", Focused.monitoring));
    expect(run.errors).toEqual([]);
    const resources = fromRecorded(run);
    expect(resources.filter((r) => r.type === "sentry:index/sentryMetricAlert:SentryMetricAlert").length).toBe(6);
    expect(await check(sentryAlertPagesPagerDuty, resources)).toEqual([]);
  });
});

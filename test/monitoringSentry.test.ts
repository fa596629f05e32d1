import * as pulumi from "@pulumi/pulumi";
import { sentryProvider } from "../stacks/assemble/monitoring/sentry";
import { forcesReplacement, hasForceNewList } from "../tools/plan/forceNew";
import { ProgramRun } from "../tools/plan/record";
import { Secret } from "../tools/plan/values";
import { Focused, ofType, resource, runStack, stackConfig, withEdits } from "./harness";

/**
 * Sentry metric alerts (@pulumiverse/sentry 0.0.9, jianyuan/terraform-provider-sentry v0.11.2
 * sentry/resource_sentry_metric_alert.go) as the Sentry API takes them (docs.sentry.io, "Create a
 * Metric Alert Rule for an Organization"; getsentry/sentry src/sentry/incidents/serializers/
 * alert_rule.py): Failure Rate is `failure_rate()` on `transactions`, a fraction; Transaction Duration
 * `p95(transaction.duration)` on `generic_metrics`, in ms; `timeWindow` in minutes; thresholdType 0 is
 * above; a `critical` trigger first, then an optional `warning`; PagerDuty actions name the
 * organization's integration (`integrationId`) and its service entry's id (`targetIdentifier`).
 */
const T = { alert: "sentry:index/sentryMetricAlert:SentryMetricAlert", provider: "pulumi:providers:sentry" } as const;
const Svc = "platform:monitoring.services";

async function plan(...edits: [string, unknown][]): Promise<ProgramRun> {
  const run = await runStack("prod", withEdits(stackConfig("prod", Focused.monitoring), ...edits));
  expect(run.errors).toEqual([]);
  return run;
}
let unedited: Promise<ProgramRun> | undefined;
const baseline = () => (unedited ??= plan());
const alert = (run: ProgramRun, name: string) => resource(run, T.alert, name).inputs;
const pagerDuty = (integrationId: number, entry: string) => [{ type: "pagerduty", targetType: "specific", targetIdentifier: entry, integrationId }];

describe("Sentry metric alerts in prod: runbooks 002 and 003's request metrics", () => {
  // [alert, runbook, aggregate, dataset, window (min), [[trigger, Sentry's threshold]], PagerDuty route]
  test.each([
    ["fixzit-error-rate", "002: > 2 % for 5 min, SEV-2", "failure_rate()", "transactions", 5, [["critical", 0.02]], [100001, "200001"]],
    ["fixzit-error-rate-high", "002: > 5 % for 2 min, SEV-1", "failure_rate()", "transactions", 2, [["critical", 0.05]], [100001, "200001"]],
    ["fixzit-latency-p95", "002: p95 > 1500 ms for 5 min", "p95(transaction.duration)", "generic_metrics", 5, [["critical", 1500]], [100001, "200001"]],
    ["fixzit-latency-p99", "002: p99 > 2500 ms for 2 min", "p99(transaction.duration)", "generic_metrics", 2, [["critical", 2500]], [100001, "200001"]],
    [
      "merchant-backend-error-rate",
      "003: warning > 1 %, critical > 5 %",
      "failure_rate()",
      "transactions",
      5,
      [
        ["critical", 0.05],
        ["warning", 0.01],
      ],
      [100002, "200002"],
    ],
    [
      "merchant-backend-latency-p95",
      "003: warning p95 > 500 ms, critical > 1000 ms",
      "p95(transaction.duration)",
      "generic_metrics",
      5,
      [
        ["critical", 1000],
        ["warning", 500],
      ],
      [100002, "200002"],
    ],
  ] as [string, string, string, string, number, [string, number][], [number, string]][])(
    "GIVEN runbook %s (%s) WHEN planned THEN Sentry alerts on %s of %s over %i min, its triggers page the product's PagerDuty service",
    async (name, _runbook, aggregate, dataset, window, triggers, [integration, entry]) => {
      const inputs = alert(await baseline(), name);
      expect(inputs).toMatchObject({ aggregate, dataset, timeWindow: window, thresholdType: 0, query: "", environment: "production" });
      expect(inputs.triggers).toEqual(
        triggers.map(([label, alertThreshold]) => ({ label, alertThreshold, thresholdType: 0, actions: pagerDuty(integration, entry) })),
      );
    },
  );

  test("GIVEN the stack's Sentry projects WHEN planned THEN each alert is on its service's organization and project, named with its severity, service and runbook section", async () => {
    const run = await baseline();
    expect(alert(run, "fixzit-error-rate")).toMatchObject({ organization: "fixzit", project: "fixzit" });
    expect(alert(run, "merchant-backend-error-rate")).toMatchObject({ organization: "rez", project: "merchant-backend" });
    expect(alert(run, "merchant-backend-error-rate").name).toBe(
      "[SEV-2/SEV-3] merchant-backend: error rate > 5 % over 5m (warning > 1 %); runbook 003 (003_8a0638dc139ba9f2.txt) § Monitoring & Alerts: 1. Error Rate; Issue: High Error Rate",
    );
    for (const a of ofType(run, T.alert).values()) expect(a.inputs.name.length).toBeLessThanOrEqual(256);
  });

  test("GIVEN Sentry alerts WHEN planned THEN one Sentry provider makes them all, its token a secret (from SENTRY_AUTH_TOKEN, never a file)", async () => {
    const run = await baseline();
    const provider = resource(run, T.provider, "sentry");
    expect(provider.inputs.token).toBe(Secret);
    expect(new Set([...ofType(run, T.alert).values()].map((a) => a.provider))).toEqual(new Set([provider.urn]));
    // Each alert in its component, named as the service's alert.
    expect(resource(run, T.alert, "fixzit-error-rate").parent).toBe(resource(run, "platform:monitoring:SentryMetricAlert", "fixzit-error-rate").urn);
  });

  test("GIVEN SENTRY_AUTH_TOKEN in the environment WHEN planned THEN the provider gets it, marked secret", async () => {
    const previous = process.env.SENTRY_AUTH_TOKEN;
    process.env.SENTRY_AUTH_TOKEN = "sntryu_test_token";
    const seen: Record<string, unknown>[] = [];
    try {
      const run = await runStack("prod", stackConfig("prod", Focused.monitoring), {
        onInputs: (type, _name, inputs) => void (type === T.provider && seen.push(inputs)),
      });
      expect(run.errors).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.SENTRY_AUTH_TOKEN;
      else process.env.SENTRY_AUTH_TOKEN = previous;
    }
    expect(JSON.stringify(seen)).toContain("sntryu_test_token");
  });

  test("GIVEN `pulumi up` without SENTRY_AUTH_TOKEN WHEN the provider is made THEN it refuses, naming the variable", () => {
    const previous = process.env.SENTRY_AUTH_TOKEN;
    delete process.env.SENTRY_AUTH_TOKEN;
    const dryRun = jest.spyOn(pulumi.runtime, "isDryRun").mockReturnValue(false);
    try {
      expect(() => sentryProvider()).toThrow("SENTRY_AUTH_TOKEN is not set: `pulumi up` needs a Sentry auth token in the environment");
    } finally {
      dryRun.mockRestore();
      if (previous !== undefined) process.env.SENTRY_AUTH_TOKEN = previous;
    }
  });

  test("GIVEN a threshold override for a known event WHEN planned THEN only that alert's critical threshold changes", async () => {
    const before = await baseline();
    const after = await plan([`${Svc}.merchant-backend.alerts.latency-p95.thresholdOverride`, 1200]);
    expect(alert(after, "merchant-backend-latency-p95").triggers.map((t: any) => t.alertThreshold)).toEqual([1200, 500]);
    const others = (r: ProgramRun) => [...ofType(r, T.alert).values()].filter((a) => a.name !== "merchant-backend-latency-p95").map((a) => a.inputs);
    expect(others(after)).toEqual(others(before));
  });

  test("GIVEN a throughput floor WHEN planned THEN Sentry alerts on count() of transactions below it (thresholdType 1)", async () => {
    const floor = {
      metric: "sentry.throughput",
      comparison: "below",
      threshold: 1000,
      duration: "10m",
      severity: "SEV-2",
      runbook: { section: "Monitoring & Alerts: 3. Request Rate" },
    };
    const inputs = alert(await plan([`${Svc}.merchant-backend.alerts.throughput-floor`, floor]), "merchant-backend-throughput-floor");
    expect(inputs).toMatchObject({ aggregate: "count()", dataset: "transactions", thresholdType: 1, timeWindow: 10 });
    expect(inputs.triggers).toEqual([{ label: "critical", alertThreshold: 1000, thresholdType: 1, actions: pagerDuty(100002, "200002") }]);
  });

  test("GIVEN the provider's source WHEN a metric alert changes THEN nothing replaces it (v0.11.2 resource_sentry_metric_alert.go has no ForceNew input)", () => {
    expect(hasForceNewList(T.alert)).toBe(true);
    for (const input of ["organization", "project", "aggregate", "timeWindow", "triggers[0].alertThreshold", "name"])
      expect([input, forcesReplacement(T.alert, input)]).toEqual([input, false]);
  });
});

import * as pulumi from "@pulumi/pulumi";
import { Alert } from "../components/monitoring/alert";
import { AtlasAlerts } from "../components/monitoring/atlasAlerts";
import { NotificationChannels } from "../components/monitoring/channels";
import { SentryMetricAlert } from "../components/monitoring/sentryMetricAlert";
import { RequestSlos } from "../components/monitoring/slo";
import { UptimeCheck } from "../components/monitoring/uptimeCheck";
import { OncallEscalationPolicy } from "../components/oncall/escalationPolicy";
import { OncallService } from "../components/oncall/service";
import { uptimeFailures } from "../components/monitoring/conditions";
import { parseStackSpec } from "../stacks/spec";
import { runProgram } from "../tools/plan/record";
import { Config, editedConfig, specErrors, StackFile } from "./harness";

const Mon = "platform:monitoring";
const Svc = `${Mon}.services`;
const Pol = "platform:oncall.escalationPolicies.engineering";

const edited = (...edits: [string, unknown][]): Config => editedConfig("prod", ...edits);

const rejects = (edits: [string, unknown][], line: string) => expect(specErrors(edited(...edits))).toContain(`${StackFile.prod}: ${line}`);
const accepts = (...edits: [string, unknown][]) => parseStackSpec(edited(...edits), { stack: "prod", file: StackFile.prod }).monitoring!;

describe("monitoring stack keys: bad input is rejected with file, key path, expectation and finding", () => {
  test.each([
    [
      "an error rate above 100 %",
      `${Svc}.mixillo-backend.alerts.error-rate.threshold`,
      120,
      `${Svc}.mixillo-backend.alerts.error-rate.threshold: expected a percentage above 0 and at most 100 (cloudRun.errorRate), found 120`,
    ],
    [
      "a CPU threshold of 0 %",
      `${Svc}.merchant-backend.alerts.cpu-warning.threshold`,
      0,
      `${Svc}.merchant-backend.alerts.cpu-warning.threshold: expected a percentage above 0 and at most 100 (kubernetes.cpuLimitUtilization), found 0`,
    ],
    [
      "a negative latency",
      `${Svc}.mixillo-backend.alerts.latency-p95.threshold`,
      -5,
      `${Svc}.mixillo-backend.alerts.latency-p95.threshold: expected milliseconds above 0 and at most 300000`,
    ],
    [
      "an override out of range",
      `${Svc}.mixillo-backend.alerts.request-rate.thresholdOverride`,
      0,
      `${Svc}.mixillo-backend.alerts.request-rate.thresholdOverride: expected requests per second above 0 and at most 1000000 (cloudRun.requestRate), found 0`,
    ],
    [
      "a duration without a unit",
      `${Svc}.mixillo-backend.alerts.latency-p95.duration`,
      "5",
      `${Svc}.mixillo-backend.alerts.latency-p95.duration: expected a duration such as 60s, 5m or 1h, found "5"`,
    ],
    [
      "an unknown severity",
      `${Svc}.mixillo-backend.alerts.latency-p95.severity`,
      "P5",
      `${Svc}.mixillo-backend.alerts.latency-p95.severity: expected one of P0, P1, P2, P3, SEV-1, SEV-2, SEV-3, SEV-4, found "P5"`,
    ],
    [
      "an unknown metric",
      `${Svc}.mixillo-backend.alerts.latency-p95.metric`,
      "cloudRun.latencyP59",
      `${Svc}.mixillo-backend.alerts.latency-p95.metric: expected one of cloudRun.latencyP95, `,
    ],
    [
      "zero failing regions",
      `${Svc}.fixzit.alerts.availability.failingRegions`,
      0,
      `${Svc}.fixzit.alerts.availability.failingRegions: expected a number of checker regions from 1 to 6 that must see the probe fail at once, found 0`,
    ],
    [
      "more failing regions than exist",
      `${Svc}.merchant-backend.alerts.availability.failingRegions`,
      7,
      `${Svc}.merchant-backend.alerts.availability.failingRegions: expected a number of checker regions from 1 to 6 that must see the probe fail at once, found 7`,
    ],
    [
      "the old count of failed probes (issue #16)",
      `${Svc}.fixzit.alerts.availability.failures`,
      2,
      `${Svc}.fixzit.alerts.availability.failures: unknown key (expected one of: metric, probe, threshold, `,
    ],
    [
      "a product's block of before issue 21",
      `${Mon}.mixillo`,
      { cloudRunService: "mixillo-backend" },
      `${Mon}.mixillo: unknown key (expected one of: runbookBaseUrl, slack, sentryOrganizations, atlas, services)`,
    ],
    [
      "two checker regions (Google probes from at least 3)",
      `${Svc}.merchant-backend.probes.health.checkerRegions`,
      ["EUROPE", "ASIA_PACIFIC"],
      `${Svc}.merchant-backend.probes.health.checkerRegions: expected a list of at least 3 distinct checker regions of USA_OREGON, USA_IOWA, USA_VIRGINIA, EUROPE, SOUTH_AMERICA, ASIA_PACIFIC (Google probes from at least 3)`,
    ],
    [
      "USA, three checkers in one region",
      `${Svc}.merchant-backend.probes.health.checkerRegions`,
      ["USA", "EUROPE", "ASIA_PACIFIC"],
      `${Svc}.merchant-backend.probes.health.checkerRegions[0]: expected one of USA_OREGON, USA_IOWA, USA_VIRGINIA, EUROPE, SOUTH_AMERICA, ASIA_PACIFIC, found "USA"`,
    ],
    [
      "a silence without a time zone",
      `${Svc}.mixillo-backend.alerts.request-rate.silence`,
      { until: "2025-12-01 06:00", reason: "x" },
      `${Svc}.mixillo-backend.alerts.request-rate.silence.until: expected an ISO 8601 time with its zone`,
    ],
    [
      "an alert key that is no name",
      `${Svc}.mixillo-backend.alerts.Latency_P95`,
      {},
      `${Svc}.mixillo-backend.alerts.Latency_P95: invalid name; expected a lower-case name of letters, digits and '-'`,
    ],
  ])("GIVEN %s WHEN parsed THEN the key and the expectation are named", (_what, key, value, line) => rejects([[key, value]], line));

  test("GIVEN a silence without an end WHEN parsed THEN `until` is named as missing", () =>
    rejects(
      [[`${Svc}.merchant-backend.alerts.cpu-warning.silence`, { reason: "maintenance" }]],
      `${Svc}.merchant-backend.alerts.cpu-warning.silence.until: missing; expected an ISO 8601 time with its zone`,
    ));

  test.each([
    [
      "90 seconds (not whole minutes)",
      `${Svc}.mixillo-backend.alerts.error-rate.duration`,
      "90s",
      `${Svc}.mixillo-backend.alerts.error-rate.duration: expected a whole number of minutes from 0s to 24h (GCP evaluates per minute), found 90s`,
    ],
    [
      "more than a day",
      `${Svc}.mixillo-backend.alerts.error-rate.duration`,
      "25h",
      `${Svc}.mixillo-backend.alerts.error-rate.duration: expected a whole number of minutes from 0s to 24h (GCP evaluates per minute), found 25h`,
    ],
    [
      "failing for 90 seconds",
      `${Svc}.fixzit.alerts.availability.failingFor`,
      "90s",
      `${Svc}.fixzit.alerts.availability.failingFor: expected a whole number of minutes from 0s to 24h (GCP evaluates per minute), found 90s`,
    ],
  ])("GIVEN a duration GCP does not accept, %s, WHEN parsed THEN it is rejected", (_what, key, value, line) => rejects([[key, value]], line));

  test("GIVEN a burn rate's short window not shorter than its long one WHEN parsed THEN shortWindow is named", () =>
    rejects(
      [[`${Svc}.mixillo-backend.slo.fastBurn.shortWindow`, "2h"]],
      `${Svc}.mixillo-backend.slo.fastBurn.shortWindow: expected shorter than longWindow (1h), found 2h`,
    ));

  test.each([
    ["mixillo-backend", "error-rate-high", "error-rate", 4, 5],
    ["merchant-backend", "cpu-critical", "cpu-warning", 75, 80],
    ["merchant-backend", "memory-critical", "memory-warning", 85, 85],
    ["fixzit", "error-rate-high", "error-rate", 1.5, 2],
  ])(
    "GIVEN %s %s not above %s, its less urgent alert on the same metric, WHEN parsed THEN the escalated threshold is named",
    (service, high, low, value, lowValue) =>
      rejects(
        [[`${Svc}.${service}.alerts.${high}.threshold`, value]],
        `${Svc}.${service}.alerts.${high}.threshold: expected above ${low}.threshold (${lowValue}), found ${value}`,
      ),
  );

  test.each([
    [
      "an undeclared Cloud Run service",
      `${Svc}.mixillo-backend.workload.cloudRun`,
      "mixillo-api",
      `${Svc}.mixillo-backend.workload.cloudRun: expected a service declared under platform:cloudRun, found "mixillo-api"`,
    ],
    [
      "an undeclared Vercel project",
      `${Svc}.fixzit.workload.vercel`,
      "fixzt",
      `${Svc}.fixzit.workload.vercel: expected a project declared under platform:vercel.projects, found "fixzt"; did you mean "fixzit"?`,
    ],
    [
      "a health check the project lacks",
      `${Svc}.fixzit.probes.ready.healthCheck`,
      "readiness",
      `${Svc}.fixzit.probes.ready.healthCheck: expected a health check of platform:vercel.projects.fixzit.healthChecks, found "readiness"`,
    ],
    [
      "an undeclared Kubernetes app",
      `${Svc}.merchant-backend.workload.kubernetes`,
      "merchant-api",
      `${Svc}.merchant-backend.workload.kubernetes: expected an app declared under platform:kubernetes.apps, found "merchant-api"`,
    ],
    [
      "a Slack token that is not a declared secret",
      `${Mon}.slack`,
      { tokenSecret: "SLACK_TOKEN" },
      `${Mon}.slack.tokenSecret: expected a secret declared under platform:secrets, found "SLACK_TOKEN"`,
    ],
    [
      "an alert on a probe the service lacks",
      `${Svc}.fixzit.alerts.availability.probe`,
      "readyz",
      `${Svc}.fixzit.alerts.availability.probe: expected a key of the service's probes, found "readyz"; did you mean "ready"?`,
    ],
    [
      "Atlas alerts of a product with no Atlas project",
      `${Mon}.atlas.spilttea`,
      {},
      `${Mon}.atlas.spilttea: expected a project declared under platform:atlas.projects, found "spilttea"`,
    ],
  ])("GIVEN %s WHEN parsed THEN the reference is named", (_what, key, value, line) => rejects([[key, value]], line));

  test.each([
    [
      "a service with two workloads",
      `${Svc}.fixzit.workload.host`,
      "fixzit.com",
      `${Svc}.fixzit.workload: expected exactly one of cloudRun, kubernetes, vercel, host (what the service runs on), found vercel and host`,
    ],
    [
      "a metric its workload lacks",
      `${Svc}.merchant-backend.alerts.cpu-warning.metric`,
      "cloudRun.latencyP95",
      `${Svc}.merchant-backend.alerts.cpu-warning.metric: expected a metric a kubernetes workload has (kubernetes.cpuLimitUtilization, kubernetes.memoryLimitUtilization, uptime.failing, uptime.latency, sentry.failureRate, sentry.latencyP95, sentry.latencyP99, sentry.throughput), found "cloudRun.latencyP95"`,
    ],
    [
      "a port on a Cloud Run probe (the check calls the service's URL)",
      `${Svc}.mixillo-backend.probes.health.port`,
      8080,
      `${Svc}.mixillo-backend.probes.health.port: expected no port for a cloudRun workload (its probes take path, content, displayName, checkerRegions)`,
    ],
    [
      "a Vercel probe with a path and a health check",
      `${Svc}.fixzit.probes.ready.path`,
      "/api/health/ready",
      `${Svc}.fixzit.probes.ready: expected exactly one of path (on the project's domain) or healthCheck (one the project declares), found both`,
    ],
    [
      "a Kubernetes probe without its public host",
      `${Svc}.merchant-backend.probes.health.host`,
      undefined,
      `${Svc}.merchant-backend.probes.health.host: missing; expected a public host name such as api.example.com`,
    ],
    [
      "a threshold on an uptime alert",
      `${Svc}.fixzit.alerts.availability.threshold`,
      2,
      `${Svc}.fixzit.alerts.availability.threshold: expected no threshold (uptime.failing takes probe, failingRegions, failingFor, silence)`,
    ],
    [
      "a threshold alert without its threshold",
      `${Svc}.mixillo-backend.alerts.error-rate.threshold`,
      undefined,
      `${Svc}.mixillo-backend.alerts.error-rate.threshold: missing; cloudRun.errorRate needs it`,
    ],
    [
      "a warning trigger on a Cloud Monitoring alert",
      `${Svc}.mixillo-backend.alerts.error-rate.warning`,
      { threshold: 1, severity: "P3" },
      `${Svc}.mixillo-backend.alerts.error-rate.warning: expected no warning (cloudRun.errorRate takes threshold, thresholdOverride, duration, silence)`,
    ],
    [
      "an unknown token in a summary",
      `${Svc}.mixillo-backend.alerts.mongodb-disconnected.summary`,
      "{path} down ({failing})",
      `${Svc}.mixillo-backend.alerts.mongodb-disconnected.summary: expected only {probe}, {failing} in the summary of a uptime.failing alert, found {path}`,
    ],
    [
      "SLOs of a Kubernetes app",
      `${Svc}.merchant-backend.slo`,
      {
        latencyThresholdMs: 300,
        latencyGoal: 0.95,
        availabilityGoal: 0.99,
        fastBurn: { severity: "SEV-2" },
        slowBurn: { severity: "SEV-3" },
        runbook: { section: "x" },
      },
      `${Svc}.merchant-backend.slo: expected no slo for a kubernetes workload (request SLOs read Cloud Run's request metrics)`,
    ],
  ])("GIVEN %s WHEN parsed THEN it is rejected at its key", (_what, key, value, line) => rejects([[key, value]], line));

  test("GIVEN more failing regions than the probe's checkerRegions WHEN parsed THEN failingRegions is named with the regions it counts out of (an alert that can never fire)", () =>
    rejects(
      [
        [`${Svc}.fixzit.probes.db.checkerRegions`, ["USA_OREGON", "EUROPE", "ASIA_PACIFIC"]],
        [`${Svc}.fixzit.alerts.mongodb-connection.failingRegions`, 4],
      ],
      `${Svc}.fixzit.alerts.mongodb-connection.failingRegions: expected at most the 3 regions of ${Svc}.fixzit.probes.db.checkerRegions that probe the check, found 4`,
    ));

  test("GIVEN as many failing regions as checkerRegions WHEN parsed THEN it is accepted", () => {
    const monitoring = accepts(
      [`${Svc}.fixzit.probes.ready.checkerRegions`, ["USA_OREGON", "EUROPE", "ASIA_PACIFIC"]],
      [`${Svc}.fixzit.alerts.availability.failingRegions`, 3],
    );
    expect(monitoring.services.fixzit.alerts.availability.failingRegions).toBe(3);
  });

  // A GKE LoadBalancer Service is a pass-through load balancer (cloud.google.com/kubernetes-engine/docs/
  // concepts/service-load-balancer); a ClusterIP one answers inside the cluster only.
  test.each([
    [
      "a ClusterIP Service",
      [["platform:kubernetes.apps.merchant-backend.service.type", "ClusterIP"]],
      "platform:kubernetes.apps.merchant-backend.service.type is ClusterIP, reachable only inside the cluster",
    ],
    ["no Service", [["platform:kubernetes.apps.merchant-backend.service", undefined]], "platform:kubernetes.apps.merchant-backend.service is not declared"],
  ] as [string, [string, unknown][], string][])(
    "GIVEN a Kubernetes app behind %s and no TLS terminator WHEN parsed THEN the probe that cannot reach it is rejected at its tlsTerminator",
    (_what, edits, found) =>
      rejects(
        edits,
        `${Svc}.merchant-backend.probes.health.tlsTerminator: expected what terminates TLS for https://api.rezapp.com in front of merchant-backend, or platform:kubernetes.apps.merchant-backend.service.type LoadBalancer for the uptime check to probe http://api.rezapp.com:80/health itself, found neither (${found})`,
      ),
  );

  test("GIVEN a Kubernetes app behind a ClusterIP Service and a declared TLS terminator WHEN parsed THEN it is accepted: the probe goes to the terminator", () => {
    const monitoring = accepts(
      ["platform:kubernetes.apps.merchant-backend.service.type", "ClusterIP"],
      [`${Svc}.merchant-backend.probes.health.tlsTerminator`, "GKE Ingress with a Google-managed certificate"],
    );
    expect(monitoring.services["merchant-backend"].probes.health.tlsTerminator).toBe("GKE Ingress with a Google-managed certificate");
  });

  test("GIVEN a monitored product without a PagerDuty service WHEN parsed THEN the service's product is named: its alerts would page no one", () =>
    rejects(
      [["platform:oncall.services.rez", undefined]],
      `${Svc}.merchant-backend.product: expected a product with a PagerDuty service under platform:oncall.services (its alerts must page someone), found "rez"`,
    ));
});

// Sentry's API (getsentry/sentry src/sentry/incidents/serializers/alert_rule.py): a time window of 1 to
// 1440 minutes, a critical trigger then an optional warning one that fires first; PagerDuty gets
// severity "critical" or "warning" by the trigger (integrations/pagerduty/utils.py), which the
// services' severity-based urgency pages high or low.
describe("Sentry alerts: bad input is rejected", () => {
  const alert = `${Svc}.merchant-backend.alerts.error-rate`;
  test.each([
    ["a window of 90 seconds", `${alert}.duration`, "90s", `${alert}.duration: expected a Sentry window of whole minutes from 1m to 24h, found 90s`],
    ["a window of no time", `${alert}.duration`, "0s", `${alert}.duration: expected a Sentry window of whole minutes from 1m to 24h, found 0s`],
    ["a window over a day", `${alert}.duration`, "25h", `${alert}.duration: expected a Sentry window of whole minutes from 1m to 24h, found 25h`],
    [
      "a silence (this provider cannot disable a Sentry alert)",
      `${alert}.silence`,
      { until: "2999-01-01T00:00:00Z", reason: "x" },
      `${alert}.silence: expected no silence (a Sentry metric alert cannot be disabled through @pulumiverse/sentry 0.0.9 (it has no status input): mute it in Sentry)`,
    ],
    [
      "a critical trigger at low urgency",
      `${alert}.severity`,
      "SEV-3",
      `${alert}.severity: expected a severity that pages at high urgency (P0, P1, SEV-1, SEV-2): Sentry pages a critical trigger as PagerDuty severity "critical"; a lower level is a warning, found SEV-3`,
    ],
    [
      "a warning trigger at high urgency",
      `${alert}.warning.severity`,
      "SEV-2",
      `${alert}.warning.severity: expected a severity that pages at low urgency (P2, P3, SEV-3, SEV-4): Sentry pages a warning trigger as PagerDuty severity "warning", found SEV-2`,
    ],
    [
      "a warning beyond the critical threshold",
      `${alert}.warning.threshold`,
      6,
      `${alert}.warning.threshold: expected below the critical threshold (5): the warning fires first, found 6`,
    ],
    [
      "a warning out of range",
      `${alert}.warning.threshold`,
      0,
      `${alert}.warning.threshold: expected a percentage above 0 and at most 100 (sentry.failureRate), found 0`,
    ],
    ["an error rate compared below", `${alert}.comparison`, "below", `${alert}.comparison: expected above (sentry.failureRate), found below`],
    [
      "a probe on a Sentry alert",
      `${alert}.probe`,
      "health",
      `${alert}.probe: expected no probe (sentry.failureRate takes threshold, thresholdOverride, comparison, duration, warning)`,
    ],
    [
      "an organization with no PagerDuty integration declared",
      `${Svc}.merchant-backend.sentry.organization`,
      "rezz",
      `${Svc}.merchant-backend.sentry.organization: expected an organization under ${Mon}.sentryOrganizations (its PagerDuty integration), found "rezz"; did you mean "rez"?`,
    ],
    [
      "an organization that routes no service of the product",
      `${Mon}.sentryOrganizations.rez.pagerDutyServices`,
      { fixzit: 1 },
      `${Mon}.sentryOrganizations.rez.pagerDutyServices.rez: missing; expected the id of the service entry for rez in the organization's PagerDuty integration (its alerts must page someone)`,
    ],
    [
      "a Sentry alert of a service with no Sentry project",
      `${Svc}.merchant-backend.sentry`,
      undefined,
      `${Svc}.merchant-backend.sentry: missing; expected the Sentry project its sentry.* alerts watch ({organization, project})`,
    ],
    [
      "an integration id that is no Sentry id",
      `${Mon}.sentryOrganizations.rez.pagerDutyIntegrationId`,
      "P123",
      `${Mon}.sentryOrganizations.rez.pagerDutyIntegrationId: expected a Sentry id (a positive whole number), found "P123"`,
    ],
  ])("GIVEN %s WHEN parsed THEN it is rejected at its key", (_what, key, value, line) => rejects([[key, value]], line));

  test("GIVEN a throughput floor compared below with a warning above it WHEN parsed THEN it is accepted", () => {
    const floor = {
      metric: "sentry.throughput",
      comparison: "below",
      threshold: 100,
      duration: "15m",
      severity: "SEV-2",
      warning: { threshold: 200, severity: "SEV-3" },
      runbook: { section: "3. Request Rate" },
    };
    expect(accepts([`${Svc}.merchant-backend.alerts.throughput-floor`, floor]).services["merchant-backend"].alerts["throughput-floor"].comparison).toBe(
      "below",
    );
  });
});

describe("on-call stack keys: bad input is rejected", () => {
  test("GIVEN an escalation level with no target WHEN parsed THEN its targets are named", () =>
    rejects([[`${Pol}.levels[2].targets`, []]], `${Pol}.levels[2].targets: expected at least one target: a schedule or user id, found a list`));

  test("GIVEN a target with neither a schedule nor a user WHEN parsed THEN it is named", () =>
    rejects([[`${Pol}.levels[0].targets[0]`, {}]], `${Pol}.levels[0].targets[0]: expected exactly one of schedule or user (a PagerDuty id), found neither`));

  test("GIVEN a target with both WHEN parsed THEN it is named", () =>
    rejects(
      [[`${Pol}.levels[0].targets[0]`, { schedule: "PONCALL", user: "PENGMGR" }]],
      `${Pol}.levels[0].targets[0]: expected exactly one of schedule or user (a PagerDuty id), found both`,
    ));

  test("GIVEN a person's e-mail instead of an id WHEN parsed THEN the id format is expected", () =>
    rejects([[`${Pol}.levels[3].targets[0].user`, "cto@mixillo.com"]], `${Pol}.levels[3].targets[0].user: expected a PagerDuty id such as PABC123`));

  test("GIVEN an escalation delay of 0 WHEN parsed THEN the level's delay is named", () =>
    rejects(
      [[`${Pol}.levels[0].escalateAfterMinutes`, 0]],
      `${Pol}.levels[0].escalateAfterMinutes: expected minutes from 1 to 1440 before the next level is paged, found 0`,
    ));

  test("GIVEN no levels WHEN parsed THEN levels is named", () =>
    rejects([[`${Pol}.levels`, []]], `${Pol}.levels: expected a list of 1 to 20 escalation levels`));

  test("GIVEN a service on an undeclared policy WHEN parsed THEN the policy name is named with a suggestion", () =>
    rejects(
      [["platform:oncall.services.rez.escalationPolicy", "enginering"]],
      `platform:oncall.services.rez.escalationPolicy: expected an escalation policy declared under platform:oncall.escalationPolicies, found "enginering"; did you mean "engineering"?`,
    ));
});

describe("component argument checks: a bad value throws before any child exists", () => {
  async function thrown(create: () => void): Promise<string> {
    const run = await runProgram(create, { project: "platform", stack: "test", config: {} });
    return run.errors.map((e) => e.message).join("\n");
  }
  const channels = ["projects/p/notificationChannels/1"];
  const condition = { displayName: "c", conditionThreshold: { comparison: "COMPARISON_GT", duration: "60s" } };
  const runbook = { number: "000", file: "000.txt", procedure: "p" };
  const base = { project: "p", displayName: "a", severity: "ERROR" as const, runbookSeverity: "P1", runbook, summary: "s", labels: {} };
  const sentryBase = {
    organization: "o",
    project: "p",
    alertName: "a",
    aggregate: "failure_rate()",
    dataset: "transactions",
    timeWindowMinutes: 5,
    critical: 0.05,
    pagerDuty: { integrationId: 1, serviceId: 2 },
  };
  const sloBase = {
    project: "p",
    serviceId: "s",
    displayName: "s",
    requestCountFilter: "f",
    latencyFilter: "f",
    availabilityGoal: 0.999,
    latencyGoal: 0.95,
    latencyThresholdMs: 500,
    labels: {},
  };

  test.each([
    [
      "an alert without channels",
      () => new Alert("a", { ...base, conditions: [condition], notificationChannels: [] }),
      /Alert a: notificationChannels must be at least one channel/,
    ],
    [
      "an alert without conditions",
      () => new Alert("a", { ...base, conditions: [], notificationChannels: channels }),
      /Alert a: conditions must be at least one condition/,
    ],
    [
      "a silence that is not a time",
      () => new Alert("a", { ...base, conditions: [condition], notificationChannels: channels, silence: { until: "soon", reason: "r" } }),
      /Alert a: silence.until must be an ISO 8601 time, got "soon"/,
    ],
    [
      "a relative uptime path",
      () => new UptimeCheck("u", { project: "p", displayName: "u", host: "h.com", path: "health", labels: {} }),
      /UptimeCheck u: path must be an absolute path such as \/health, got "health"/,
    ],
    [
      "an uptime check from two regions",
      () => new UptimeCheck("u", { project: "p", displayName: "u", host: "h.com", path: "/health", selectedRegions: ["EUROPE", "ASIA_PACIFIC"], labels: {} }),
      /UptimeCheck u: selectedRegions must be at least 3 distinct regions of USA_OREGON, .*, got \["EUROPE","ASIA_PACIFIC"\]/,
    ],
    [
      "an uptime alert on more regions than probe",
      () => uptimeFailures("check", "h.com/health", 4, 3, 60),
      /uptimeFailures h.com\/health: failingRegions must be a whole number from 1 to the check's 3 checker regions, got 4/,
    ],
    [
      "an escalation level without targets",
      () => new OncallEscalationPolicy("e", { policyName: "e", levels: [{ name: "l", escalateAfterMinutes: 30, targets: [] }] }),
      /OncallEscalationPolicy e: levels\[0\].targets must be at least one schedule or user/,
    ],
    [
      "a service timeout under a minute",
      () => new OncallService("s", { serviceName: "s", escalationPolicyId: "P1", acknowledgementTimeoutSeconds: 5 }),
      /OncallService s: acknowledgementTimeoutSeconds must be whole seconds of at least 60, got 5/,
    ],
    [
      "a Sentry window of 2 days",
      () => new SentryMetricAlert("s", { ...sentryBase, timeWindowMinutes: 2880 }),
      /SentryMetricAlert s: timeWindowMinutes must be whole minutes from 1 to 1440, got 2880/,
    ],
    [
      "a Sentry warning beyond its critical threshold",
      () => new SentryMetricAlert("s", { ...sentryBase, warning: 0.1 }),
      /SentryMetricAlert s: critical must be above the warning threshold \(0.1\), got 0.05/,
    ],
    [
      "a Sentry route without a service id",
      () => new SentryMetricAlert("s", { ...sentryBase, pagerDuty: { integrationId: 1, serviceId: 0 } }),
      /SentryMetricAlert s: pagerDuty.serviceId must be a positive whole number \(a Sentry id\), got 0/,
    ],
    [
      "an Atlas disk threshold above 100 %",
      () => new AtlasAlerts("x", { projectId: "1", pagerDutyKey: pulumi.secret("k"), diskPercent: 120 }),
      /AtlasAlerts x: diskPercent must be a percentage above 0 and at most 100, got 120/,
    ],
    [
      "an Atlas connections threshold of 0 %",
      () => new AtlasAlerts("x", { projectId: "1", pagerDutyKey: pulumi.secret("k"), connectionsPercent: 0 }),
      /AtlasAlerts x: connectionsPercent must be a percentage above 0 and at most 100, got 0/,
    ],
    [
      "an Atlas replication lag of no time",
      () => new AtlasAlerts("x", { projectId: "1", pagerDutyKey: pulumi.secret("k"), replicationLagSeconds: 0 }),
      /AtlasAlerts x: replicationLagSeconds must be a number of seconds above 0, got 0/,
    ],
    [
      "an uptime content regex GCP does not take",
      () => new UptimeCheck("u", { project: "p", displayName: "u", host: "h.com", path: "/health", contentRegex: "x".repeat(1025), labels: {} }),
      /UptimeCheck u: contentRegex\.length must be at most 1024 characters, got 1025$/,
    ],
    [
      "an uptime check from one region twice",
      () =>
        new UptimeCheck("u", { project: "p", displayName: "u", host: "h.com", path: "/health", selectedRegions: ["EUROPE", "EUROPE", "USA_IOWA"], labels: {} }),
      /UptimeCheck u: selectedRegions must be at least 3 distinct regions of .*, got \["EUROPE","EUROPE","USA_IOWA"\]/,
    ],
    ["an uptime alert on no failing region", () => uptimeFailures("check", "h.com/health", 0, 3, 60), /uptimeFailures h.com\/health: failingRegions .*, got 0/],
    [
      "an availability goal of 100 %",
      () => new RequestSlos("r", { ...sloBase, availabilityGoal: 1 }),
      /RequestSlos r: availabilityGoal must be a fraction between 0 and 1, got 1/,
    ],
    ["a latency goal of 0", () => new RequestSlos("r", { ...sloBase, latencyGoal: 0 }), /RequestSlos r: latencyGoal must be a fraction between 0 and 1, got 0/],
    [
      "notification channels of no project",
      () => new NotificationChannels("n", { project: "", displayName: "n", pagerDutyKey: pulumi.secret("k"), labels: {} }),
      /NotificationChannels n: project must be a GCP project id, got ""/,
    ],
    [
      "a Sentry alert name over 256 characters",
      () => new SentryMetricAlert("s", { ...sentryBase, alertName: "a".repeat(257) }),
      /SentryMetricAlert s: alertName must be 1 to 256 characters, got "a{257}"/,
    ],
    [
      "an escalation policy of no level",
      () => new OncallEscalationPolicy("e", { policyName: "e", levels: [] }),
      /OncallEscalationPolicy e: levels must be at least one level, got \[\]/,
    ],
    [
      "an escalation after half a minute",
      () =>
        new OncallEscalationPolicy("e", { policyName: "e", levels: [{ name: "l", escalateAfterMinutes: 0.5, targets: [{ type: "user", id: "PABC123" }] }] }),
      /OncallEscalationPolicy e: levels\[0\].escalateAfterMinutes must be a whole number of minutes of at least 1, got 0.5/,
    ],
    [
      "an auto-resolve under a minute",
      () => new OncallService("s", { serviceName: "s", escalationPolicyId: "P1", autoResolveTimeoutSeconds: 30 }),
      /OncallService s: autoResolveTimeoutSeconds must be whole seconds of at least 60, got 30/,
    ],
  ])("GIVEN %s WHEN constructed THEN it throws naming the component and field", async (_what, create, message) => {
    expect(await thrown(create)).toMatch(message);
  });
});

import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ProgramRun, RecordedResource } from "../tools/plan/record";
import { Secret } from "../tools/plan/values";
import { stackConfigFromText } from "../stacks/stackFile";
import { Area, fixtureText, Focused, ofType, ProjectDir, resource, runStack, stackConfig, StackFile, withEdits } from "./harness";

const T = {
  alert: "gcp:monitoring/alertPolicy:AlertPolicy",
  uptime: "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig",
  channel: "gcp:monitoring/notificationChannel:NotificationChannel",
  slo: "gcp:monitoring/slo:Slo",
  customService: "gcp:monitoring/customService:CustomService",
} as const;
const Svc = "platform:monitoring.services";
const RunUri = "https://mixillo-backend-52242135857.europe-west1.run.app";

// A preview does not know a new service's URL; the test gives the runbook's, to see where the check goes.
const cloudRunUri = (type: string) => (type === "gcp:cloudrunv2/service:Service" ? { uri: RunUri } : undefined);

/** Monitoring, the PagerDuty services it pages and the areas it watches; Atlas alerts are monitoringAtlas.test.ts's. */
const Areas: readonly Area[] = Focused.monitoring;

async function plan(...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = withEdits(stackConfig("prod", Areas), ...edits);
  const run = await runStack("prod", config, { mockOutputs: cloudRunUri });
  expect(run.errors).toEqual([]);
  return run;
}

/**
 * Spilt Tea's service as the fixture's comment has it (commented out until the host's public name is
 * known), uncommented with `host` for its placeholder: the comment is the block to paste.
 */
function spiltTea(host: string): [string, unknown][] {
  const text = fixtureText("prod", Areas);
  const lines = text.split("\n");
  const start = lines.indexOf("      # spilttea-backend:");
  let end = start + 1;
  while (lines[end]?.startsWith("      #   ")) end++;
  const block = lines.slice(start, end).map((l) => l.replace(/^ {6}# /, "      ").replace("<docker host's public name>", host));
  const config = stackConfigFromText(ProjectDir, "prod", [...lines.slice(0, start), ...block, ...lines.slice(end)].join("\n")).config as Record<string, any>;
  return [[`${Svc}.spilttea-backend`, config["platform:monitoring"].services["spilttea-backend"]]];
}

/** The unedited plan, planned once for the tests that read it and the edits that compare with it. */
let unedited: Promise<ProgramRun> | undefined;
const baseline = () => (unedited ??= plan());

const policy = (run: ProgramRun, name: string) => resource(run, T.alert, name).inputs;
const threshold = (run: ProgramRun, name: string, i = 0) => policy(run, name).conditions[i].conditionThreshold;

describe("Cloud Monitoring in prod: the runbooks' thresholds", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await baseline();
  });

  // [policy, runbook threshold, duration, GCP severity, runbook severity]
  test.each([
    ["mixillo-backend-latency-p95", 1000, "300s", "ERROR", "p1"],
    ["mixillo-backend-error-rate", 0.05, "300s", "WARNING", "p2"],
    ["mixillo-backend-error-rate-high", 0.1, "300s", "ERROR", "p1"],
    ["mixillo-backend-request-rate", 500, "300s", "WARNING", "p2"],
    ["merchant-backend-cpu-warning", 0.8, "300s", "WARNING", "sev-3"],
    ["merchant-backend-cpu-critical", 0.9, "300s", "ERROR", "sev-2"],
    ["merchant-backend-memory-warning", 0.85, "300s", "WARNING", "sev-3"],
    ["merchant-backend-memory-critical", 0.9, "300s", "ERROR", "sev-2"],
  ])("GIVEN the runbook WHEN planned THEN %s fires above %s for %s at %s (%s), routed and documented", (name, value, duration, severity, label) => {
    const p = policy(run, name);
    expect(threshold(run, name)).toMatchObject({ comparison: "COMPARISON_GT", thresholdValue: value, duration });
    expect(p.severity).toBe(severity);
    expect(p.userLabels.severity).toBe(label);
    expect(p.enabled).toBe(true);
    expect(p.notificationChannels.length).toBeGreaterThanOrEqual(1);
    expect(p.documentation.content).toMatch(/Follow runbook 00[0-4] \(`00[0-4]_[0-9a-f]+\.txt`\), section "/);
  });

  test("GIVEN Cloud Run WHEN planned THEN latency is p95 of request_latencies and errors are the 5xx share of request_count", () => {
    const latency = threshold(run, "mixillo-backend-latency-p95");
    expect(latency.filter).toContain('metric.type = "run.googleapis.com/request_latencies"');
    expect(latency.filter).toContain('resource.labels.service_name = "mixillo-backend"');
    expect(latency.aggregations[0].crossSeriesReducer).toBe("REDUCE_PERCENTILE_95");
    const errors = threshold(run, "mixillo-backend-error-rate");
    expect(errors.filter).toContain('metric.labels.response_code_class = "5xx"');
    expect(errors.denominatorFilter).toContain('metric.type = "run.googleapis.com/request_count"');
    expect(errors.denominatorFilter).not.toContain("5xx");
  });

  test("GIVEN GKE WHEN planned THEN REZ CPU and memory read the container limit utilization of merchant-backend in its cluster project", () => {
    const cpu = threshold(run, "merchant-backend-cpu-critical");
    expect(cpu.filter).toContain('metric.type = "kubernetes.io/container/cpu/limit_utilization"');
    expect(cpu.filter).toContain('resource.labels.cluster_name = "rez-prod" AND resource.labels.namespace_name = "production"');
    expect(cpu.filter).toContain('resource.labels.container_name = "api" AND resource.labels.pod_name = starts_with("merchant-backend-")');
    expect(threshold(run, "merchant-backend-memory-critical").filter).toContain("kubernetes.io/container/memory/limit_utilization");
    expect(policy(run, "merchant-backend-cpu-critical").project).toBe("rezapp");
    // Channels belong to a project: REZ's alerts notify a channel made in rezapp.
    expect(resource(run, T.channel, "rez-rezapp-channels-pagerduty").inputs.project).toBe("rezapp");
  });

  // Google's own uptime alert (terraform-google-modules/terraform-google-cloud-operations
  // modules/simple-uptime-check, as the Console makes it): each checker region's latest check_passed
  // (ALIGN_NEXT_OLDER over 1200s), the False ones counted across regions (REDUCE_COUNT_FALSE), more
  // than n - 1 of them for the duration. Summing failed probes over regions (issue #16) paged for one.
  // [policy, runbook threshold, failing regions (threshold is n - 1), duration, severity]
  test.each([
    ["mixillo-backend-mongodb-disconnected", "000: disconnected > 1 min", 2, "60s", "CRITICAL"],
    ["fixzit-availability", "002: fails twice in 3 min", 2, "60s", "CRITICAL"],
    ["fixzit-mongodb-connection", "002: failures > 0 in a 60 s window", 2, "0s", "CRITICAL"],
    ["merchant-backend-availability", "003: service down", 2, "60s", "CRITICAL"],
  ])(
    "GIVEN an uptime alert WHEN planned THEN %s (%s) counts failing checker regions as Google's uptime alert does (simple-uptime-check): %i+ of 6 for %s (%s), never one region's probe",
    (name, _runbook, regions, duration, severity) => {
      const t = threshold(run, name);
      expect(t.aggregations).toEqual([
        {
          alignmentPeriod: "1200s",
          perSeriesAligner: "ALIGN_NEXT_OLDER",
          crossSeriesReducer: "REDUCE_COUNT_FALSE",
          groupByFields: ["metric.labels.check_id", "resource.labels.host"],
        },
      ]);
      expect(t).toMatchObject({ comparison: "COMPARISON_GT", thresholdValue: regions - 1, duration });
      expect(policy(run, name).conditions[0].displayName).toContain(`${regions}+ of 6 checker regions failing`);
      expect(policy(run, name).severity).toBe(severity);
      expect(policy(run, name).notificationChannels.length).toBeGreaterThanOrEqual(1);
    },
  );

  test("GIVEN one pod of merchant-backend at 100 % WHEN planned THEN CPU and memory alerts take the busiest pod (REDUCE_MAX, Cloud Monitoring Aggregation.Reducer), not the mean over pods", () => {
    for (const name of [
      "merchant-backend-cpu-warning",
      "merchant-backend-cpu-critical",
      "merchant-backend-memory-warning",
      "merchant-backend-memory-critical",
    ]) {
      const [aggregation] = threshold(run, name).aggregations;
      expect(aggregation).toEqual({
        alignmentPeriod: "60s",
        perSeriesAligner: "ALIGN_MEAN",
        crossSeriesReducer: "REDUCE_MAX",
        groupByFields: ["resource.labels.namespace_name", "resource.labels.container_name"],
      });
      expect(policy(run, name).conditions[0].displayName).toMatch(/ > \d+ % of limit in any pod for 300s$/);
      expect(policy(run, name).displayName).toContain("of limit in any pod for 5m");
    }
  });

  test("GIVEN the runbooks' health endpoints WHEN planned THEN each has an uptime check with its host, path and content matcher", () => {
    const checks = ofType(run, T.uptime);
    const summary = [...checks.values()].map((c) => [c.name, c.inputs.monitoredResource.labels.host, c.inputs.httpCheck.path, c.inputs.contentMatchers ?? []]);
    expect(summary).toEqual([
      ["fixzit-db", "fixzit.com", "/api/health/db", [{ content: '"mongodb"\\s*:\\s*"connected"', matcher: "MATCHES_REGEX" }]],
      ["fixzit-ready", "fixzit.com", "/api/health/ready", []],
      ["merchant-backend-health", "api.rezapp.com", "/health", []],
      ["mixillo-admin-home", "mixillo-admin.vercel.app", "/", []],
      [
        "mixillo-backend-health",
        "mixillo-backend-52242135857.europe-west1.run.app",
        "/health",
        [{ content: '"connected"\\s*:\\s*true', matcher: "MATCHES_REGEX" }],
      ],
    ]);
    // Every region probes (selectedRegions unset: all six); Cloud Run and Vercel serve HTTPS themselves.
    for (const c of checks.values()) expect(c.inputs.period).toBe("60s");
    for (const c of checks.values()) expect(c.inputs.selectedRegions).toBeUndefined();
    for (const name of ["fixzit-db", "fixzit-ready", "mixillo-admin-home", "mixillo-backend-health"])
      expect(checks.get(name)!.inputs.httpCheck).toMatchObject({ useSsl: true, validateSsl: true, port: 443 });
  });

  test("GIVEN the policy pack's coverage rule WHEN planned THEN every alert and check names its service in the `service` label", () => {
    const services = new Set([...ofType(run, T.alert).values(), ...ofType(run, T.uptime).values()].map((r) => r.inputs.userLabels.service));
    expect([...services].sort()).toEqual(["fixzit", "merchant-backend", "mixillo-admin", "mixillo-backend"]);
  });

  test("GIVEN the PagerDuty integration key WHEN planned THEN each channel holds it only as a secret sensitive label", () => {
    const channels = [...ofType(run, T.channel).values()];
    expect(channels.map((c) => c.name).sort()).toEqual([
      "fixzit-mixillo-channels-pagerduty",
      "mixillo-mixillo-channels-pagerduty",
      "rez-rezapp-channels-pagerduty",
    ]);
    for (const c of channels) {
      expect(c.inputs.type).toBe("pagerduty");
      expect(c.inputs.sensitiveLabels).toEqual({ serviceKey: Secret });
      expect(c.inputs.userLabels).toMatchObject({ owner: "platform-team", environment: "prod" });
    }
  });
});

describe("Mixillo's SLOs and burn-rate alerts", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await baseline();
  });

  test("GIVEN runbook 000's targets WHEN planned THEN availability is 99 % not 5xx and latency 95 % within 300 ms over 28 days", () => {
    const availability = resource(run, T.slo, "mixillo-backend-slo-availability").inputs;
    expect(availability).toMatchObject({ sloId: "availability", goal: 0.99, rollingPeriodDays: 28, service: "mixillo-backend" });
    expect(availability.requestBasedSli.goodTotalRatio.badServiceFilter).toContain('response_code_class = "5xx"');
    const latency = resource(run, T.slo, "mixillo-backend-slo-latency").inputs;
    expect(latency).toMatchObject({ sloId: "latency", goal: 0.95, rollingPeriodDays: 28 });
    expect(latency.requestBasedSli.distributionCut.range).toEqual({ max: 300 });
    expect(resource(run, T.customService, "mixillo-backend-slo").inputs.serviceId).toBe("mixillo-backend");
  });

  // [policy, burn rate, long window, short window, severity]
  test.each([
    ["mixillo-backend-slo-availability-fast-burn", 14.4, "3600s", "300s", "ERROR"],
    ["mixillo-backend-slo-availability-slow-burn", 6, "21600s", "1800s", "WARNING"],
    ["mixillo-backend-slo-latency-fast-burn", 14.4, "3600s", "300s", "ERROR"],
    ["mixillo-backend-slo-latency-slow-burn", 6, "21600s", "1800s", "WARNING"],
  ])("GIVEN the SLO WHEN planned THEN %s fires when both windows burn faster than %s (%s and %s)", (name, rate, long, short, severity) => {
    const p = policy(run, name);
    const slo = name.includes("availability") ? "availability" : "latency";
    expect(p.combiner).toBe("AND");
    expect(p.conditions.map((c: any) => [c.conditionThreshold.filter, c.conditionThreshold.thresholdValue])).toEqual([
      [`select_slo_burn_rate("projects/mixillo/services/mixillo-backend/serviceLevelObjectives/${slo}", "${long}")`, rate],
      [`select_slo_burn_rate("projects/mixillo/services/mixillo-backend/serviceLevelObjectives/${slo}", "${short}")`, rate],
    ]);
    expect(p.severity).toBe(severity);
    expect(p.notificationChannels.length).toBeGreaterThanOrEqual(1);
    // Created after the SLOs it reads.
    const sloUrn = resource(run, T.slo, `mixillo-backend-slo-${slo}`).urn;
    expect(resource(run, T.alert, name).dependencies).toContain(sloUrn);
  });
});

describe("operational changes as stack edits", () => {
  test("GIVEN a raised threshold for a known event WHEN planned THEN only that policy's threshold changes", async () => {
    const before = await baseline();
    const after = await plan([`${Svc}.mixillo-backend.alerts.request-rate.thresholdOverride`, 1500]);
    expect(threshold(after, "mixillo-backend-request-rate").thresholdValue).toBe(1500);
    const others = (r: ProgramRun) => [...ofType(r, T.alert).values()].filter((p) => p.name !== "mixillo-backend-request-rate").map((p) => p.inputs);
    expect(others(after)).toEqual(others(before));
  });

  test("GIVEN a longer duration and another severity WHEN planned THEN the policy has them", async () => {
    const run = await plan(
      [`${Svc}.fixzit.alerts.availability.failingRegions`, 3],
      [`${Svc}.fixzit.alerts.availability.failingFor`, "5m"],
      [`${Svc}.fixzit.alerts.availability.severity`, "SEV-2"],
    );
    expect(threshold(run, "fixzit-availability")).toMatchObject({ thresholdValue: 2, duration: "300s" });
    expect(policy(run, "fixzit-availability").severity).toBe("ERROR");
    expect(policy(run, "fixzit-availability").displayName).toBe("fixzit: /api/health/ready failing (3+ of 6 checker regions failing for 5m)");
  });

  test("GIVEN checkerRegions for a probe WHEN planned THEN its check probes from those regions and its alerts count failing regions out of them", async () => {
    const regions = ["USA_OREGON", "EUROPE", "ASIA_PACIFIC"];
    const run = await plan([`${Svc}.fixzit.probes.ready.checkerRegions`, regions]);
    expect(resource(run, T.uptime, "fixzit-ready").inputs.selectedRegions).toEqual(regions);
    expect(policy(run, "fixzit-availability").conditions[0].displayName).toBe("fixzit ready: 2+ of 3 checker regions failing for 60s");
    for (const name of ["fixzit-db", "merchant-backend-health"]) expect(resource(run, T.uptime, name).inputs.selectedRegions).toBeUndefined();
  });

  test("GIVEN a silence until a future time WHEN planned THEN the policy is disabled, labelled and documented until then", async () => {
    const silence = { until: "2999-01-01T06:00:00Z", reason: "Atlas maintenance window" };
    const run = await plan([`${Svc}.merchant-backend.alerts.cpu-warning.silence`, silence]);
    const p = policy(run, "merchant-backend-cpu-warning");
    expect(p.enabled).toBe(false);
    expect(p.userLabels["silenced-until"]).toBe("2999-01-01t06-00-00z");
    expect(p.documentation.content).toContain("Silenced until 2999-01-01T06:00:00Z: Atlas maintenance window");
    expect(policy(run, "merchant-backend-cpu-critical").enabled).toBe(true);
  });

  test("GIVEN a silence that has ended WHEN planned THEN the alert is enabled again without the label, with a warning to remove it", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const run = await plan([`${Svc}.merchant-backend.alerts.cpu-warning.silence`, { until: "2000-01-01T00:00:00Z", reason: "old window" }]);
      const p = policy(run, "merchant-backend-cpu-warning");
      expect(p.enabled).toBe(true);
      expect(p.userLabels["silenced-until"]).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(`${StackFile.prod}: ${Svc}.merchant-backend.alerts.cpu-warning: the silence ended at 2000-01-01T00:00:00Z`),
      );
    } finally {
      warn.mockRestore();
    }
  });

  test("GIVEN Spilt Tea's host WHEN planned THEN :3001/health is checked over HTTP with its content and response time alerted above 2 s", async () => {
    const run = await plan(...spiltTea("api.spilttea.app"));
    const check = resource(run, T.uptime, "spilttea-backend-health").inputs;
    expect(check.monitoredResource.labels.host).toBe("api.spilttea.app");
    expect(check.httpCheck).toMatchObject({ path: "/health", port: 3001, useSsl: false });
    expect(check.contentMatchers).toEqual([{ content: '"status"\\s*:\\s*"ok"', matcher: "MATCHES_REGEX" }]);
    expect(threshold(run, "spilttea-backend-response-time")).toMatchObject({ thresholdValue: 2000, duration: "300s" });
    expect(threshold(run, "spilttea-backend-availability").thresholdValue).toBe(1);
  });

  test("GIVEN Slack #incidents with its token in Secret Manager WHEN planned THEN every alert also notifies Slack, the token a secret", async () => {
    const run = await plan(
      ["platform:secrets.SLACK_BOT_TOKEN", { product: "mixillo", description: "Slack app token for #incidents." }],
      ["platform:monitoring.slack", { channel: "#incidents", tokenSecret: "SLACK_BOT_TOKEN" }],
    );
    const slack = resource(run, T.channel, "mixillo-mixillo-channels-slack").inputs;
    expect(slack).toMatchObject({ type: "slack", labels: { channel_name: "#incidents" }, sensitiveLabels: { authToken: Secret } });
    expect(policy(run, "mixillo-backend-latency-p95").notificationChannels).toHaveLength(2);
  });

  test("GIVEN a published runbook folder WHEN planned THEN the documentation links the runbook file", async () => {
    const run = await plan(["platform:monitoring.runbookBaseUrl", "https://github.com/mixillo/runbooks/blob/main/"]);
    expect(policy(run, "fixzit-availability").documentation.links).toEqual([
      { displayName: "Runbook 002", url: "https://github.com/mixillo/runbooks/blob/main/002_101045f5a0f5861a.txt" },
    ]);
  });
});

describe("REZ's uptime check probes what serves api.rezapp.com", () => {
  const KubernetesService = "kubernetes:core/v1:Service";
  const probeOf = (run: ProgramRun) => resource(run, T.uptime, "merchant-backend-health").inputs;

  test("GIVEN the LoadBalancer Service on HTTP :80 and no TLS terminator WHEN planned THEN the check probes http://api.rezapp.com:80/health, the Service's own port (a GKE LoadBalancer Service is pass-through: no TLS)", async () => {
    const run = await baseline();
    const service = resource(run, KubernetesService, "merchant-backend-service").inputs.spec;
    expect(service.type).toBe("LoadBalancer");
    const check = probeOf(run);
    expect(check.httpCheck).toMatchObject({ path: "/health", port: service.ports[0].port, useSsl: false, validateSsl: false });
    expect(check.httpCheck.port).toBe(80);
    expect(check.displayName).toBe("http://api.rezapp.com:80/health");
    expect(policy(run, "merchant-backend-availability").displayName).toBe(
      "merchant-backend: http://api.rezapp.com:80/health failing (2+ of 6 checker regions failing for 1m)",
    );
  });

  test("GIVEN the Service moved to port 8080 WHEN planned THEN the probe follows it", async () => {
    const run = await plan(["platform:kubernetes.apps.merchant-backend.service.port", 8080]);
    expect(resource(run, KubernetesService, "merchant-backend-service").inputs.spec.ports[0].port).toBe(8080);
    expect(probeOf(run).httpCheck).toMatchObject({ port: 8080, useSsl: false });
  });

  test("GIVEN a declared TLS terminator WHEN planned THEN the probe is https://api.rezapp.com:443/health with its certificate validated", async () => {
    const run = await plan([`${Svc}.merchant-backend.probes.health.tlsTerminator`, "Cloudflare proxy"]);
    expect(probeOf(run).httpCheck).toMatchObject({ path: "/health", port: 443, useSsl: true, validateSsl: true });
    expect(probeOf(run).displayName).toBe("https://api.rezapp.com:443/health");
  });
});

describe("mixillo-admin, the admin dashboard (runbook 000's Key URLs)", () => {
  test("GIVEN the Vercel project WHEN planned THEN https://mixillo-admin.vercel.app/ is checked and 2+ failing regions for 1 min page P2, low urgency", async () => {
    const run = await baseline();
    const check = resource(run, T.uptime, "mixillo-admin-home").inputs;
    expect(check.monitoredResource.labels.host).toBe("mixillo-admin.vercel.app");
    expect(check.httpCheck).toMatchObject({ path: "/", port: 443, useSsl: true, validateSsl: true });
    const p = policy(run, "mixillo-admin-availability");
    expect(p.displayName).toBe("mixillo-admin: admin dashboard failing (2+ of 6 checker regions failing for 1m)");
    expect(threshold(run, "mixillo-admin-availability")).toMatchObject({ comparison: "COMPARISON_GT", thresholdValue: 1, duration: "60s" });
    expect([p.severity, p.userLabels.severity, p.userLabels.service]).toEqual(["WARNING", "p2", "mixillo-admin"]);
    // The product's channel, shared with mixillo-backend in the same project.
    expect(p.notificationChannels).toEqual(policy(run, "mixillo-backend-latency-p95").notificationChannels);
  });
});

describe("a new product's monitoring is a stack-file change (no code names a product)", () => {
  // A product none of the code knows: its PagerDuty service, its Sentry organization's routing and one
  // service on a host, with a probe, an uptime alert and two Sentry alerts (one a throughput floor).
  const acme: [string, unknown][] = [
    ["platform:oncall.services.acme", { escalationPolicy: "engineering" }],
    ["platform:monitoring.sentryOrganizations.acme-labs", { pagerDutyIntegrationId: 300001, pagerDutyServices: { acme: 400001 } }],
    [
      `${Svc}.acme-api`,
      {
        product: "acme",
        runbook: "005_acme.txt",
        workload: { host: "api.acme.example" },
        probes: { health: { path: "/healthz", content: "ok" } },
        sentry: { organization: "acme-labs", project: "acme-api" },
        alerts: {
          down: { metric: "uptime.failing", probe: "health", failingRegions: 3, failingFor: "2m", severity: "P1", runbook: { section: "Outage" } },
          errors: {
            metric: "sentry.failureRate",
            threshold: 3,
            duration: "10m",
            severity: "P1",
            warning: { threshold: 1, severity: "P3" },
            runbook: { section: "Errors" },
          },
          "throughput-floor": {
            metric: "sentry.throughput",
            comparison: "below",
            threshold: 100,
            duration: "15m",
            severity: "P1",
            runbook: { file: "006_traffic.txt", section: "Traffic" },
          },
        },
      },
    ],
  ];

  test("GIVEN a product's PagerDuty service, Sentry routing and service added to the fixture WHEN planned THEN its check, alerts and routes exist, named after it", async () => {
    const run = await plan(...acme);
    expect(resource(run, "pagerduty:index/service:Service", "acme-oncall").inputs.name).toBe("acme (prod)");
    expect(resource(run, T.uptime, "acme-api-health").inputs).toMatchObject({
      displayName: "api.acme.example:443/healthz",
      httpCheck: { path: "/healthz", port: 443, useSsl: true },
    });
    const down = policy(run, "acme-api-down");
    expect(down.displayName).toBe("acme-api: :443/healthz failing (3+ of 6 checker regions failing for 2m)");
    expect(down.documentation.content).toContain('Follow runbook 005 (`005_acme.txt`), section "Outage".');
    expect(down.notificationChannels).toHaveLength(1);
    expect(resource(run, T.channel, "acme-mixillo-channels-pagerduty").inputs.displayName).toBe("acme on-call (PagerDuty)");
    const sentry = (name: string) => resource(run, "sentry:index/sentryMetricAlert:SentryMetricAlert", name).inputs;
    expect(sentry("acme-api-errors")).toMatchObject({
      organization: "acme-labs",
      project: "acme-api",
      aggregate: "failure_rate()",
      timeWindow: 10,
      thresholdType: 0,
    });
    expect(sentry("acme-api-errors").triggers.map((t: any) => [t.label, t.alertThreshold, t.actions])).toEqual([
      ["critical", 0.03, [{ type: "pagerduty", targetType: "specific", targetIdentifier: "400001", integrationId: 300001 }]],
      ["warning", 0.01, [{ type: "pagerduty", targetType: "specific", targetIdentifier: "400001", integrationId: 300001 }]],
    ]);
    expect(sentry("acme-api-throughput-floor")).toMatchObject({ aggregate: "count()", dataset: "transactions", thresholdType: 1, timeWindow: 15 });
    expect(sentry("acme-api-throughput-floor").name).toBe("[P1] acme-api: throughput < 100 transactions over 15m; runbook 006 (006_traffic.txt) § Traffic");
  });

  test("GIVEN the monitoring code WHEN read without its comments THEN it names no product, service or runbook file", () => {
    const files = [
      ...fs.readdirSync(path.join(ProjectDir, "components/monitoring")).map((f) => `components/monitoring/${f}`),
      ...fs.readdirSync(path.join(ProjectDir, "stacks/assemble/monitoring")).map((f) => `stacks/assemble/monitoring/${f}`),
      "stacks/assemble/monitoring.ts",
      "stacks/schema/monitoring.ts",
      "stacks/validate/rules/monitoring.ts",
    ];
    const code = (f: string) =>
      fs
        .readFileSync(path.join(ProjectDir, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
    const named = files.flatMap((f) =>
      [...code(f).matchAll(/mixillo|fixzit|\brez|spilt ?tea|merchant-backend|0\d\d_[0-9a-f]{16}/gi)].map((m) => `${f}: ${m[0]}`),
    );
    expect(named).toEqual([]);
  });
});

describe("no monitoring block", () => {
  test("GIVEN staging (it pages no one) WHEN planned THEN no monitoring or PagerDuty resource exists", async () => {
    // The whole estate: no area of it may make one.
    const run = await runStack("staging", stackConfig("staging"));
    expect(run.errors).toEqual([]);
    const found = run.resources.filter((r: RecordedResource) => /monitoring|pagerduty/.test(r.type)).map((r) => r.type);
    expect(found).toEqual([]);
  });
});

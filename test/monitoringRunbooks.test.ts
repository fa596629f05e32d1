import * as fs from "fs";
import * as path from "path";
import { stackConfigFromText } from "../stacks/stackFile";
import { ProgramRun } from "../tools/plan/record";
import { Area, fixtureText, Focused, ProjectDir, resource, runStack } from "./harness";

/**
 * Issue 21's acceptance: every alert threshold of runbooks 000–004 pages someone, on an alert the
 * baseline fixture records (Cloud Monitoring, Sentry, Atlas) with the runbook's value, duration and
 * severity, or is in docs/monitoring.md's threshold table as a **cannot** row that says why. Each row quotes
 * the runbook (the test finds the quote in its file), so the list is the runbooks' own.
 */

const RunbookDir = path.resolve(ProjectDir, "..", "shared", "runbooks");
const runbook = (n: string) => {
  const file = fs.readdirSync(RunbookDir).find((f) => f.startsWith(`${n}_`))!;
  return fs.readFileSync(path.join(RunbookDir, file), "utf8").replace(/\s+/g, " ");
};

/** Where a threshold is enforced, in the provider's own units (a GCP ratio, a Sentry fraction). */
type Enforced =
  | { gcp: string; threshold: number; duration: string; severity: string }
  | { sentry: string; trigger: "critical" | "warning"; threshold: number; windowMinutes: number; severity: string }
  | { slo: string; goal: number; withinMs?: number }
  | { atlas: string; threshold: number }
  | { cannot: string };

// [runbook, its words, where it is enforced]
const Thresholds: [string, string, Enforced][] = [
  ["000", "Alert: > 1000ms for 5 minutes", { gcp: "mixillo-backend-latency-p95", threshold: 1000, duration: "300s", severity: "p1" }],
  ["000", "Alert: > 5% for 5 minutes", { gcp: "mixillo-backend-error-rate", threshold: 0.05, duration: "300s", severity: "p2" }],
  ["000", "Alert: Disconnected for > 1 minute", { gcp: "mixillo-backend-mongodb-disconnected", threshold: 1, duration: "60s", severity: "p0" }],
  ["000", "Alert: > 500 req/s (possible DDoS)", { gcp: "mixillo-backend-request-rate", threshold: 500, duration: "300s", severity: "p2" }],
  ["000", "Target: < 300ms (p95)", { slo: "mixillo-backend-slo-latency", goal: 0.95, withinMs: 300 }],
  ["000", "Target: < 1%", { slo: "mixillo-backend-slo-availability", goal: 0.99 }],
  ["000", "High error rate (> 10%)", { gcp: "mixillo-backend-error-rate-high", threshold: 0.1, duration: "300s", severity: "p1" }],
  // P1 from 1 s: a 5 s p95 fires the same alert.
  ["000", "Slow response times (> 5s)", { gcp: "mixillo-backend-latency-p95", threshold: 1000, duration: "300s", severity: "p1" }],
  ["000", "Admin Dashboard:** https://mixillo-admin.vercel.app", { gcp: "mixillo-admin-availability", threshold: 1, duration: "60s", severity: "p2" }],
  ["001", "High Error Rate (> 10%)", { gcp: "mixillo-backend-error-rate-high", threshold: 0.1, duration: "300s", severity: "p1" }],
  ["001", "Slow Response Times (> 1s p95)", { gcp: "mixillo-backend-latency-p95", threshold: 1000, duration: "300s", severity: "p1" }],
  ["001", "MongoDB Connection Lost", { gcp: "mixillo-backend-mongodb-disconnected", threshold: 1, duration: "60s", severity: "p0" }],
  [
    "002",
    "**Error rate**: >2% for 5 minutes (SEV-2)",
    { sentry: "fixzit-error-rate", trigger: "critical", threshold: 0.02, windowMinutes: 5, severity: "SEV-2" },
  ],
  ["002", ">5% for 2 minutes (SEV-1)", { sentry: "fixzit-error-rate-high", trigger: "critical", threshold: 0.05, windowMinutes: 2, severity: "SEV-1" }],
  ["002", "p95 > 1500ms for 5 minutes", { sentry: "fixzit-latency-p95", trigger: "critical", threshold: 1500, windowMinutes: 5, severity: "SEV-2" }],
  ["002", "p99 > 2500ms for 2 minutes", { sentry: "fixzit-latency-p99", trigger: "critical", threshold: 2500, windowMinutes: 2, severity: "SEV-2" }],
  ["002", "**Availability**: `/api/health/ready` fails twice in 3 minutes", { gcp: "fixzit-availability", threshold: 1, duration: "60s", severity: "sev-1" }],
  [
    "002",
    "**DB connectivity**: MongoDB connection failures > 0 in a 60s window",
    { gcp: "fixzit-mongodb-connection", threshold: 1, duration: "0s", severity: "sev-1" },
  ],
  ["002", "**Queue depth**: >1000 jobs for 10 minutes", { cannot: "002: queue depth" }],
  ["002", "**Resource**: CPU > 80% or memory > 85% for 10 minutes", { cannot: "002: CPU > 80 % or memory > 85 %" }],
  ["002", "disk > 90%", { atlas: "fixzit-atlas-alerts-disk", threshold: 90 }],
  ["002", "**Payments**: PayTabs failure rate > 3% or 10 consecutive failures", { cannot: "002: PayTabs" }],
  ["002", "p95 < 1.5s for 5 minutes", { cannot: "002: staging gates" }],
  ["002", "Error rate < 1% across staging Sentry project", { cannot: "002: staging gates" }],
  ["003", "**Health Endpoint**: https://api.rezapp.com/health", { gcp: "merchant-backend-availability", threshold: 1, duration: "60s", severity: "sev-1" }],
  [
    "003",
    "**Error Rate** - Target: < 0.1% - Warning: > 1%",
    { sentry: "merchant-backend-error-rate", trigger: "warning", threshold: 0.01, windowMinutes: 5, severity: "SEV-3" },
  ],
  [
    "003",
    "- Warning: > 1% - Critical: > 5%",
    { sentry: "merchant-backend-error-rate", trigger: "critical", threshold: 0.05, windowMinutes: 5, severity: "SEV-2" },
  ],
  [
    "003",
    "**Symptoms**: Error rate > 1%, 5xx responses",
    { sentry: "merchant-backend-error-rate", trigger: "warning", threshold: 0.01, windowMinutes: 5, severity: "SEV-3" },
  ],
  ["003", "Warning: p95 > 500ms", { sentry: "merchant-backend-latency-p95", trigger: "warning", threshold: 500, windowMinutes: 5, severity: "SEV-3" }],
  ["003", "Critical: p95 > 1000ms", { sentry: "merchant-backend-latency-p95", trigger: "critical", threshold: 1000, windowMinutes: 5, severity: "SEV-2" }],
  [
    "003",
    "**Symptoms**: Response time p95 > 500ms",
    { sentry: "merchant-backend-latency-p95", trigger: "warning", threshold: 500, windowMinutes: 5, severity: "SEV-3" },
  ],
  ["003", "Alert on sudden drops (> 50%)", { cannot: "003: request rate drop" }],
  ["003", "**CPU Usage** - Target: < 70% - Warning: > 80%", { gcp: "merchant-backend-cpu-warning", threshold: 0.8, duration: "300s", severity: "sev-3" }],
  ["003", "- Warning: > 80% - Critical: > 90%", { gcp: "merchant-backend-cpu-critical", threshold: 0.9, duration: "300s", severity: "sev-2" }],
  [
    "003",
    "**Memory Usage** - Target: < 80% - Warning: > 85%",
    { gcp: "merchant-backend-memory-warning", threshold: 0.85, duration: "300s", severity: "sev-3" },
  ],
  ["003", "- Warning: > 85% - Critical: > 90%", { gcp: "merchant-backend-memory-critical", threshold: 0.9, duration: "300s", severity: "sev-2" }],
  ["003", "**Database Connections** - Target: < 80% of pool size - Warning: > 90% - Critical: > 95%", { cannot: "003: DB connections" }],
  ["004", "curl http://localhost:3001/health", { gcp: "spilttea-backend-availability", threshold: 1, duration: "60s", severity: "sev-2" }],
  [
    "004",
    "| API Response Time | Backend logs | > 2 seconds |",
    { gcp: "spilttea-backend-response-time", threshold: 2000, duration: "300s", severity: "sev-3" },
  ],
  ["004", "| Error Rate | Backend logs | > 1% of requests |", { cannot: "004: error rate" }],
  ["004", "| Database Connections | PostgreSQL | > 80% of max |", { cannot: "004: container CPU/memory > 80 %, Postgres connections" }],
  ["004", "| Redis Memory Usage | Redis INFO | > 80% of limit |", { cannot: "004: container CPU/memory > 80 %, Postgres connections > 80 %, Redis memory" }],
  ["004", "| Container CPU | docker stats | > 80% |", { cannot: "004: container CPU/memory" }],
  ["004", "| Disk Usage | docker system df | > 80% |", { cannot: "004: container CPU/memory > 80 %, Postgres connections > 80 %, Redis memory > 80 %, disk" }],
];

const Areas: readonly Area[] = [...Focused.monitoring, "atlas"];

/**
 * The prod fixture with Spilt Tea's service uncommented (its block waits for the Docker host's public
 * name; the test gives one), so runbook 004's alerts are recorded too.
 */
async function planned(): Promise<ProgramRun> {
  const lines = fixtureText("prod", Areas).split("\n");
  const start = lines.indexOf("      # spilttea-backend:");
  let end = start + 1;
  while (lines[end]?.startsWith("      #   ")) end++;
  const block = lines.slice(start, end).map((l) => l.replace(/^ {6}# /, "      ").replace("<docker host's public name>", "api.spilttea.app"));
  const config = stackConfigFromText(ProjectDir, "prod", [...lines.slice(0, start), ...block, ...lines.slice(end)].join("\n")).config;
  const run = await runStack("prod", JSON.parse(JSON.stringify(config)));
  expect(run.errors).toEqual([]);
  return run;
}

/** The threshold table of docs/monitoring.md, its rows by their first cell. */
function cannotRows(): Map<string, string> {
  const page = fs.readFileSync(path.join(ProjectDir, "docs", "monitoring.md"), "utf8");
  const section = page.slice(page.indexOf("## Sentry, and every runbook threshold"), page.indexOf("## Atlas alerts"));
  const rows = section
    .split("\n")
    .filter((l) => l.startsWith("| 00"))
    .map((l) => l.split(" | ").map((c) => c.replace(/^\| /, "")));
  return new Map(rows.filter(([, where]) => where.startsWith("**cannot**")).map(([what, where]) => [what, where]));
}

describe("every threshold of runbooks 000–004 pages someone, or docs/monitoring.md says why it cannot", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await planned();
  });

  test.each(Thresholds)("GIVEN runbook %s's %j WHEN the baseline is planned THEN it is enforced as recorded", (n, words, where) => {
    expect(runbook(n)).toContain(words);
    if ("gcp" in where) {
      const p = resource(run, "gcp:monitoring/alertPolicy:AlertPolicy", where.gcp).inputs;
      expect(p.conditions[0].conditionThreshold).toMatchObject({ comparison: "COMPARISON_GT", thresholdValue: where.threshold, duration: where.duration });
      expect([p.userLabels.severity, p.enabled, p.notificationChannels.length > 0]).toEqual([where.severity, true, true]);
    } else if ("sentry" in where) {
      const a = resource(run, "sentry:index/sentryMetricAlert:SentryMetricAlert", where.sentry).inputs;
      const trigger = a.triggers.find((t: any) => t.label === where.trigger);
      expect([trigger?.alertThreshold, trigger?.thresholdType, a.timeWindow]).toEqual([where.threshold, 0, where.windowMinutes]);
      expect(trigger.actions.map((x: any) => x.type)).toEqual(["pagerduty"]);
      // The name says each trigger's severity: [critical/warning].
      const [critical, warning] = /^\[([^\]]+)\]/.exec(a.name)![1].split("/");
      expect(where.trigger === "critical" ? critical : warning).toBe(where.severity);
    } else if ("slo" in where) {
      const slo = resource(run, "gcp:monitoring/slo:Slo", where.slo).inputs;
      expect(slo.goal).toBe(where.goal);
      if (where.withinMs) expect(slo.requestBasedSli.distributionCut.range.max).toBe(where.withinMs);
    } else if ("atlas" in where) {
      expect(resource(run, "mongodbatlas:index/alertConfiguration:AlertConfiguration", where.atlas).inputs.metricThresholdConfig.threshold).toBe(
        where.threshold,
      );
    } else {
      const rows = [...cannotRows()].filter(([what]) => what.startsWith(where.cannot));
      expect(rows.map(([what]) => what)).toHaveLength(1);
      // A reason, not just the word.
      expect(rows[0][1]).toMatch(/^\*\*cannot\*\*( as an alert)?: .{40,}/);
    }
  });
});

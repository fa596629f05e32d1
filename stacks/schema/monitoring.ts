import { TSchema, Type } from "@sinclair/typebox";
import { DnsLabel, HttpPath, Integer, OneOf, Strict } from "./common";

/**
 * Cloud Monitoring (issue 7): per product, the runbooks' alert thresholds, durations and severities,
 * the uptime checks of the health endpoints they name, and Mixillo's SLOs. Every default below is the
 * runbook's value (README "Monitoring and on-call" maps each to its alert policy); the stack file
 * only overrides one (raise a threshold for an event) or silences one alert until a given time.
 */

/** The runbooks' severity words. P0/P1 and SEV-1/SEV-2 page at high urgency, the rest at low. */
export const Severities = ["P0", "P1", "P2", "P3", "SEV-1", "SEV-2", "SEV-3", "SEV-4"] as const;
export type Severity = (typeof Severities)[number];
export const SeverityKey = OneOf(Severities);

/** GCP takes durations as seconds; the rules check they are whole minutes (stacks/validate/rules/monitoring.ts). */
export const Duration = Type.String({ pattern: "^(0|[1-9][0-9]*)(s|m|h)$", expected: "a duration such as 60s, 5m or 1h" });

/** A silence has an end: the alert comes back by itself in the first `pulumi up` after it. */
export const Silence = Strict({
  until: Type.String({
    pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})$",
    expected: "an ISO 8601 time with its zone, such as 2025-12-01T06:00:00Z",
  }),
  reason: Type.String({ minLength: 1, maxLength: 200, expected: "why the alert is silenced (1 to 200 characters)" }),
});

interface Defaults {
  threshold: number;
  duration: string;
  severity: Severity;
}

/** A threshold alert: the metric's range is in `threshold`, its runbook values are the defaults. */
function ThresholdAlert<T extends TSchema>(threshold: T, d: Defaults) {
  return Strict(
    {
      threshold: { ...threshold, default: d.threshold } as T,
      duration: { ...Duration, default: d.duration },
      severity: { ...SeverityKey, default: d.severity },
      silence: Type.Optional(Silence),
    },
    { default: {} },
  );
}

/**
 * The uptime-check regions with one checker each (Google: USA_OREGON, USA_IOWA and USA_VIRGINIA,
 * together "USA", and EUROPE, SOUTH_AMERICA, ASIA_PACIFIC); unset, a check runs from all six.
 */
export const CheckerRegionNames = ["USA_OREGON", "USA_IOWA", "USA_VIRGINIA", "EUROPE", "SOUTH_AMERICA", "ASIA_PACIFIC"] as const;
const CheckerRegionList = Type.Optional(
  Type.Array(OneOf(CheckerRegionNames), {
    minItems: 3,
    uniqueItems: true,
    expected: `a list of at least 3 distinct checker regions of ${CheckerRegionNames.join(", ")} (Google probes from at least 3)`,
  }),
);

/**
 * An uptime alert: the endpoint is failing when `failingRegions` checker regions see its probe fail
 * at once, for `failingFor` (issue #16: one region's failed probe is not the endpoint failing). Each
 * region probes once a minute, so `failingFor: 1m` is two failed rounds in a row and `0s` is one.
 */
function UptimeAlert(d: { failingRegions: number; failingFor: string; severity: Severity }) {
  return Strict(
    {
      failingRegions: Integer(1, CheckerRegionNames.length, {
        default: d.failingRegions,
        expected: `a number of checker regions from 1 to ${CheckerRegionNames.length} that must see the probe fail at once`,
      }),
      failingFor: { ...Duration, default: d.failingFor },
      severity: { ...SeverityKey, default: d.severity },
      silence: Type.Optional(Silence),
    },
    { default: {} },
  );
}

const Percent = Type.Number({ exclusiveMinimum: 0, maximum: 100, expected: "a percentage above 0 and at most 100" });
const Milliseconds = Type.Number({ exclusiveMinimum: 0, maximum: 300000, expected: "milliseconds above 0 and at most 300000 (Cloud Run's longest request)" });
const PerSecond = Type.Number({ exclusiveMinimum: 0, maximum: 1000000, expected: "requests per second above 0 and at most 1000000" });

/** Atlas alerts of the product's project (ids come from the Atlas area): connections, lag, disk. */
export const AtlasThresholds = Strict(
  {
    connectionsPercent: { ...Percent, default: 80 },
    replicationLagSeconds: Integer(1, 86400, { default: 60, expected: "seconds from 1 to 86400" }),
    /** Runbook 002: disk > 90 %. */
    diskPercent: { ...Percent, default: 90 },
  },
  { default: {} },
);

/** Runbooks 000/001: Cloud Run `mixillo-backend`. */
export const MixilloMonitoring = Strict({
  /** A service under platform:cloudRun; the uptime check calls its URL. */
  cloudRunService: { ...DnsLabel, default: "mixillo-backend" },
  healthPath: { ...HttpPath, default: "/health" },
  /** What /health says when MongoDB is connected (runbook 001: {"mongodb":{"connected":true}}). */
  healthContent: Type.String({ minLength: 1, maxLength: 1024, default: '"connected"\\s*:\\s*true', expected: "a regular expression of at most 1024 characters" }),
  /** Where the uptime check probes from. @default all six regions */
  checkerRegions: CheckerRegionList,
  alerts: Strict(
    {
      latencyP95: ThresholdAlert(Milliseconds, { threshold: 1000, duration: "5m", severity: "P1" }),
      errorRate: ThresholdAlert(Percent, { threshold: 5, duration: "5m", severity: "P2" }),
      errorRateHigh: ThresholdAlert(Percent, { threshold: 10, duration: "5m", severity: "P1" }),
      requestRate: ThresholdAlert(PerSecond, { threshold: 500, duration: "5m", severity: "P2" }),
      /** Runbook 000: "Disconnected for > 1 minute": two regions, two rounds in a row. */
      mongodbDisconnected: UptimeAlert({ failingRegions: 2, failingFor: "1m", severity: "P0" }),
    },
    { default: {} },
  ),
  atlas: AtlasThresholds,
  slo: Strict(
    {
      /** Runbook 000: p95 < 300 ms, i.e. 95 % of requests within 300 ms. */
      latencyThresholdMs: { ...Milliseconds, default: 300 },
      latencyGoal: Type.Number({ minimum: 0.5, maximum: 0.9999, default: 0.95, expected: "a fraction from 0.5 to 0.9999" }),
      /** Runbook 000: error rate < 1 %. */
      availabilityGoal: Type.Number({ minimum: 0.5, maximum: 0.9999, default: 0.99, expected: "a fraction from 0.5 to 0.9999" }),
      rollingDays: Integer(1, 30, { default: 28, expected: "days from 1 to 30" }),
      /** Google SRE workbook: 2 % of the budget in 1 h pages fast, 5 % in 6 h pages slowly. */
      fastBurn: BurnRate({ rate: 14.4, longWindow: "1h", shortWindow: "5m", severity: "P1" }),
      slowBurn: BurnRate({ rate: 6, longWindow: "6h", shortWindow: "30m", severity: "P2" }),
    },
    { default: {} },
  ),
});

function BurnRate(d: { rate: number; longWindow: string; shortWindow: string; severity: Severity }) {
  return Strict(
    {
      rate: Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: d.rate, expected: "a burn rate above 0 and at most 1000" }),
      longWindow: { ...Duration, default: d.longWindow },
      shortWindow: { ...Duration, default: d.shortWindow },
      severity: { ...SeverityKey, default: d.severity },
      silence: Type.Optional(Silence),
    },
    { default: {} },
  );
}

/** Runbook 002: Vercel `fixzit`. Its request metrics are not in Cloud Monitoring (README). */
export const FixzitMonitoring = Strict({
  /** A project under platform:vercel; its healthChecks give the URLs. */
  vercelProject: Type.String({ minLength: 1, default: "fixzit", expected: "a project under platform:vercel.projects" }),
  readyCheck: Type.String({ minLength: 1, default: "ready", expected: "a key of the project's healthChecks" }),
  dbCheck: Type.String({ minLength: 1, default: "db", expected: "a key of the project's healthChecks" }),
  /** Runbook 002: /api/health/db answers {"mongodb": "connected"}. */
  dbContent: Type.String({ minLength: 1, maxLength: 1024, default: '"mongodb"\\s*:\\s*"connected"', expected: "a regular expression of at most 1024 characters" }),
  /** Where both uptime checks probe from. @default all six regions */
  checkerRegions: CheckerRegionList,
  alerts: Strict(
    {
      /** Runbook 002: "fails twice in 3 minutes": two regions, two rounds in a row. */
      availability: UptimeAlert({ failingRegions: 2, failingFor: "1m", severity: "SEV-1" }),
      /** Runbook 002: "failures > 0 in a 60s window": one round in which two regions fail. */
      mongodbConnection: UptimeAlert({ failingRegions: 2, failingFor: "0s", severity: "SEV-1" }),
    },
    { default: {} },
  ),
  atlas: AtlasThresholds,
});

/** Runbook 003: the Kubernetes app `merchant-backend` behind https://api.rezapp.com. */
export const RezMonitoring = Strict({
  /** An app under platform:kubernetes.apps: its cluster, namespace and container select the metrics. */
  kubernetesApp: { ...DnsLabel, default: "merchant-backend" },
  host: Type.String({ pattern: "^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", expected: "a public host name such as api.rezapp.com" }),
  healthPath: { ...HttpPath, default: "/health" },
  /**
   * What terminates TLS for `host` in front of the app's Service (a CDN proxy, an Ingress or Gateway
   * managed elsewhere): the uptime check then probes https://<host>:443 and validates its certificate.
   * @default none: nothing does, and the check probes what is declared, the app's LoadBalancer Service
   * over HTTP on its port (a GKE LoadBalancer Service is a pass-through load balancer: no TLS).
   */
  tlsTerminator: Type.Optional(Type.String({ minLength: 1, maxLength: 200, expected: "what terminates TLS for the host, in 1 to 200 characters (such as \"Cloudflare proxy\")" })),
  /** Where the uptime check probes from. @default all six regions */
  checkerRegions: CheckerRegionList,
  alerts: Strict(
    {
      /** Runbook 003 gives no count: Google's default, more than one region for a minute. */
      availability: UptimeAlert({ failingRegions: 2, failingFor: "1m", severity: "SEV-1" }),
      cpuWarning: ThresholdAlert(Percent, { threshold: 80, duration: "5m", severity: "SEV-3" }),
      cpuCritical: ThresholdAlert(Percent, { threshold: 90, duration: "5m", severity: "SEV-2" }),
      memoryWarning: ThresholdAlert(Percent, { threshold: 85, duration: "5m", severity: "SEV-3" }),
      memoryCritical: ThresholdAlert(Percent, { threshold: 90, duration: "5m", severity: "SEV-2" }),
    },
    { default: {} },
  ),
  atlas: AtlasThresholds,
});

/** Runbook 004: the Docker host's backend on :3001. */
export const SpiltTeaMonitoring = Strict({
  host: Type.String({ pattern: "^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", expected: "the Docker host's public name" }),
  port: Integer(1, 65535, { default: 3001, expected: "a TCP port from 1 to 65535" }),
  useSsl: Type.Boolean({ default: false }),
  healthPath: { ...HttpPath, default: "/health" },
  /** Runbook 004: /health answers {"status": "ok"}. */
  healthContent: Type.String({ minLength: 1, maxLength: 1024, default: '"status"\\s*:\\s*"ok"', expected: "a regular expression of at most 1024 characters" }),
  /** Where the uptime check probes from. @default all six regions */
  checkerRegions: CheckerRegionList,
  alerts: Strict(
    {
      /** Runbook 004 gives no count: Google's default, more than one region for a minute. */
      availability: UptimeAlert({ failingRegions: 2, failingFor: "1m", severity: "SEV-2" }),
      /** The health probe's own latency: the one response time Cloud Monitoring sees (README). */
      responseTime: ThresholdAlert(Milliseconds, { threshold: 2000, duration: "5m", severity: "SEV-3" }),
    },
    { default: {} },
  ),
});

export const SlackChannel = Strict({
  channel: Type.String({ pattern: "^#[a-z0-9_-]{1,80}$", default: "#incidents", expected: "a Slack channel such as #incidents" }),
  /** A secret under platform:secrets holding the Slack app's bot token. */
  tokenSecret: Type.String({ minLength: 1, expected: "the id of a secret declared under platform:secrets" }),
});

export const MonitoringSettings = Strict({
  /** Where the runbooks are published; alert documentation then links the file. @default none */
  runbookBaseUrl: Type.Optional(Type.String({ pattern: "^https://[^\\s]+$", expected: "an https:// URL of the runbooks folder" })),
  /** Notifications also go to Slack (runbooks: "post in #incidents"); PagerDuty is always on. */
  slack: Type.Optional(SlackChannel),
  mixillo: Type.Optional(MixilloMonitoring),
  fixzit: Type.Optional(FixzitMonitoring),
  rez: Type.Optional(RezMonitoring),
  spilttea: Type.Optional(SpiltTeaMonitoring),
});

export const MonitoringKeys = {
  "platform:monitoring": Type.Optional(MonitoringSettings),
};

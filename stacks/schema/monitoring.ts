import { Type } from "@sinclair/typebox";
import { MetricIds } from "../../components/monitoring/metrics";
import { DnsLabel, HttpPath, Integer, NamedMap, OneOf, Strict } from "./common";
import { ProductKey, ProductKeyExpected } from "./oncall";

/**
 * Monitoring keyed by what is watched (issue 21): `platform:monitoring.services.<service>` names its
 * product (whose PagerDuty service it pages), its runbook, its workload, the probes of its health
 * endpoints, its alerts and SLOs. The thresholds, durations, severities and runbook sections are the
 * stack file's (docs/monitoring.md maps each runbook threshold to its alert); the metrics
 * an alert can name, their units and ranges are the catalogue's (components/monitoring/metrics.ts).
 * Nothing here names a product: a new one is a new entry in the stack file.
 */

/** The runbooks' severity words. P0/P1 and SEV-1/SEV-2 page at high urgency, the rest at low. */
export const Severities = ["P0", "P1", "P2", "P3", "SEV-1", "SEV-2", "SEV-3", "SEV-4"] as const;
export type Severity = (typeof Severities)[number];
export const SeverityKey = OneOf(Severities);

/** GCP takes durations as seconds, Sentry windows as minutes; the rules check which each accepts. */
export const Duration = Type.String({ pattern: "^(0|[1-9][0-9]*)(s|m|h)$", expected: "a duration such as 60s, 5m or 1h" });

/** A silence has an end: the alert comes back by itself in the first `pulumi up` after it. */
export const Silence = Strict({
  until: Type.String({
    pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})$",
    expected: "an ISO 8601 time with its zone, such as 2025-12-01T06:00:00Z",
  }),
  reason: Type.String({ minLength: 1, maxLength: 200, expected: "why the alert is silenced (1 to 200 characters)" }),
});

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

const Percent = Type.Number({ exclusiveMinimum: 0, maximum: 100, expected: "a percentage above 0 and at most 100" });
const Milliseconds = Type.Number({ exclusiveMinimum: 0, maximum: 300000, expected: "milliseconds above 0 and at most 300000 (Cloud Run's longest request)" });
const Fraction = Type.Number({ minimum: 0.5, maximum: 0.9999, expected: "a fraction from 0.5 to 0.9999" });
const HostName = Type.String({ pattern: "^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", expected: "a public host name such as api.example.com" });
const Regex = Type.String({ minLength: 1, maxLength: 1024, expected: "a regular expression of at most 1024 characters" });
/** Alert and probe keys: each becomes part of a resource's name (`<service>-<alert>`). */
const EntryKey = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
const EntryKeyExpected = "a lower-case name of letters, digits and '-' (at most 63 characters)";
/** Sentry slugs: lower-case letters, digits, '-' and '_', at most 50 characters. */
const SentrySlug = Type.String({
  pattern: "^[a-z0-9][a-z0-9_-]{0,49}$",
  expected: "a Sentry slug (lower-case letters, digits, '-' and '_', at most 50 characters)",
});
const SentryId = Integer(1, Number.MAX_SAFE_INTEGER, { expected: "a Sentry id (a positive whole number)" });

export const RunbookFile = Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$", expected: "a runbook's file name such as 000_operations.txt" });

/** Which runbook procedure an alert sends on-call to; its documentation names both. */
export const RunbookRef = Strict({
  /** @default the service's `runbook` */
  file: Type.Optional(RunbookFile),
  section: Type.String({ minLength: 1, maxLength: 200, expected: "the runbook section whose procedure to follow (1 to 200 characters)" }),
});

/** What is watched: exactly one (stacks/validate/rules/monitoring.ts checks which, and that it is declared). */
export const Workload = Strict({
  cloudRun: Type.Optional(Type.String({ minLength: 1, expected: "a service declared under platform:cloudRun" })),
  kubernetes: Type.Optional(Type.String({ minLength: 1, expected: "an app declared under platform:kubernetes.apps" })),
  vercel: Type.Optional(Type.String({ minLength: 1, expected: "a project declared under platform:vercel.projects" })),
  /** A machine outside GCP, known by its public name (a Docker host). */
  host: Type.Optional(HostName),
});

/**
 * An HTTP uptime check of one health endpoint. Where it goes depends on the workload (docs/monitoring.md): a Cloud
 * Run service's URL, a Vercel project's domain (`path`, or one of its `healthChecks`), a Kubernetes
 * app's public `host`, a host's name and `port`. The rules say which keys each kind takes.
 */
export const Probe = Strict({
  path: Type.Optional(HttpPath),
  /** Vercel: a key of the project's healthChecks. */
  healthCheck: Type.Optional(Type.String({ minLength: 1, expected: "a key of the Vercel project's healthChecks" })),
  /** Kubernetes: the name the internet reaches the app by. */
  host: Type.Optional(HostName),
  /** A host: its port. @default 443 with SSL, 80 without */
  port: Type.Optional(Integer(1, 65535, { expected: "a TCP port from 1 to 65535" })),
  /** A host: @default true */
  useSsl: Type.Optional(Type.Boolean()),
  /**
   * Kubernetes: what terminates TLS for `host` in front of the app's Service (a CDN proxy, an Ingress
   * or Gateway managed elsewhere): the check then probes https://<host>:443 and validates its
   * certificate. @default none: the check probes the app's LoadBalancer Service over HTTP on its port
   * (a GKE LoadBalancer Service is a pass-through load balancer: no TLS).
   */
  tlsTerminator: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, expected: 'what terminates TLS for the host, in 1 to 200 characters (such as "Cloudflare proxy")' }),
  ),
  /** A regular expression the body must match (a health endpoint's "connected"). @default any 2xx passes */
  content: Type.Optional(Regex),
  /** What Cloud Monitoring shows. @default the workload's name and the path, or the URL */
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, expected: "a display name of 1 to 100 characters" })),
  /** Where the check probes from. @default all six regions */
  checkerRegions: CheckerRegionList,
});

/**
 * One alert on a metric of the catalogue. Which keys a metric takes is the rules' to check: a threshold
 * and a duration for a threshold metric, a probe and failing regions for `uptime.failing`, a Sentry
 * window (`duration`) and an optional lower `warning` trigger for a `sentry.*` metric.
 */
export const Alert = Strict({
  metric: OneOf(MetricIds),
  /** uptime.*: a key of the service's probes. */
  probe: Type.Optional(Type.String({ minLength: 1, expected: "a key of the service's probes" })),
  /** The runbook's value, in the metric's unit (a percentage as 5, not 0.05). */
  threshold: Type.Optional(Type.Number({ expected: "a number in the metric's unit" })),
  /** An operational change (`npm run ops -- threshold`): the alert uses it until it is removed. @default none */
  thresholdOverride: Type.Optional(Type.Number({ expected: "a number in the metric's unit" })),
  /** @default above */
  comparison: Type.Optional(OneOf(["above", "below"] as const)),
  /** How long the value stays beyond the threshold (GCP), or the window Sentry aggregates over. */
  duration: Type.Optional(Duration),
  /** uptime.failing: how many checker regions see the probe fail at once. */
  failingRegions: Type.Optional(
    Integer(1, CheckerRegionNames.length, {
      expected: `a number of checker regions from 1 to ${CheckerRegionNames.length} that must see the probe fail at once`,
    }),
  ),
  /** uptime.failing: for how long; each region probes once a minute, so 1m is two failed rounds. */
  failingFor: Type.Optional(Duration),
  severity: SeverityKey,
  /** sentry.*: a lower level, paged at low urgency, before the critical `threshold`. @default none */
  warning: Type.Optional(Strict({ threshold: Type.Number({ expected: "a number in the metric's unit" }), severity: SeverityKey })),
  /**
   * What the alert means, in the runbook's words; `{probe}`, `{failing}`, `{threshold}`, `{duration}`
   * stand for the alert's values. @default the metric's label, threshold and duration
   */
  summary: Type.Optional(Type.String({ minLength: 1, maxLength: 200, expected: "a summary of 1 to 200 characters" })),
  runbook: RunbookRef,
  silence: Type.Optional(Silence),
});

function BurnRate(d: { rate: number; longWindow: string; shortWindow: string }) {
  return Strict({
    rate: Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: d.rate, expected: "a burn rate above 0 and at most 1000" }),
    longWindow: { ...Duration, default: d.longWindow },
    shortWindow: { ...Duration, default: d.shortWindow },
    severity: SeverityKey,
    silence: Type.Optional(Silence),
  });
}

/**
 * Request-based availability and latency SLOs of a Cloud Run service, with multi-window burn-rate
 * alerts. The rates and windows default to the Google SRE workbook's (2 % of the budget in 1 h pages
 * fast, 5 % in 6 h slowly); the goals are the runbook's.
 */
export const RequestSlo = Strict({
  latencyThresholdMs: Milliseconds,
  latencyGoal: Fraction,
  availabilityGoal: Fraction,
  rollingDays: Integer(1, 30, { default: 28, expected: "days from 1 to 30" }),
  fastBurn: BurnRate({ rate: 14.4, longWindow: "1h", shortWindow: "5m" }),
  slowBurn: BurnRate({ rate: 6, longWindow: "6h", shortWindow: "30m" }),
  runbook: RunbookRef,
});

/** The Sentry project that receives the service's transactions; it exists (the app reports there). */
export const SentryProject = Strict({
  organization: SentrySlug,
  project: SentrySlug,
  /** @default every environment */
  environment: Type.Optional(Type.String({ minLength: 1, maxLength: 64, expected: "a Sentry environment name such as production" })),
});

export const MonitoredService = Strict({
  /** Its alerts page this product's PagerDuty service (platform:oncall.services). */
  product: Type.String({ pattern: ProductKey, expected: ProductKeyExpected }),
  /** The runbook its alerts send on-call to, unless an alert names another. */
  runbook: RunbookFile,
  workload: Workload,
  probes: NamedMap(EntryKey, EntryKeyExpected, Probe, { default: {} }),
  alerts: NamedMap(EntryKey, EntryKeyExpected, Alert, { default: {} }),
  slo: Type.Optional(RequestSlo),
  sentry: Type.Optional(SentryProject),
});

/**
 * A Sentry organization whose alerts page PagerDuty through its PagerDuty integration: the
 * integration's id (Settings › Integrations › PagerDuty, in the URL) and, per product, the id of the
 * service entry that holds the product's PagerDuty integration key.
 */
export const SentryOrganization = Strict({
  pagerDutyIntegrationId: SentryId,
  pagerDutyServices: NamedMap(ProductKey, ProductKeyExpected, SentryId),
});

/** Atlas alerts of a product's Atlas project (platform:atlas.projects): connections, lag, disk. */
export const AtlasThresholds = Strict({
  connectionsPercent: { ...Percent, default: 80 },
  replicationLagSeconds: Integer(1, 86400, { default: 60, expected: "seconds from 1 to 86400" }),
  diskPercent: { ...Percent, default: 90 },
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
  /** Keyed by organization slug. @default none: no Sentry alert */
  sentryOrganizations: NamedMap("^[a-z0-9][a-z0-9_-]{0,49}$", "a Sentry organization slug", SentryOrganization, { default: {} }),
  /** Keyed by product, as platform:atlas.projects is. @default none */
  atlas: NamedMap(ProductKey, ProductKeyExpected, AtlasThresholds, { default: {} }),
  services: NamedMap(DnsLabel.pattern!, "a lower-case service name such as api-backend", MonitoredService, { default: {} }),
});

export const MonitoringKeys = {
  "platform:monitoring": Type.Optional(MonitoringSettings),
};

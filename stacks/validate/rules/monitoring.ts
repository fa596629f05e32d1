import { hasThreshold, MetricId, metricOf, metricsOf, WorkloadKind, WorkloadKinds, workloadHas } from "../../../components/monitoring/metrics";
import { StackSpec } from "../../schema";
import { CheckerRegionNames, Severity } from "../../schema/monitoring";
import { suggestion } from "../closest";
import { entriesOf, Rule, RuleContext } from "./context";

export type MonitoringSpec = NonNullable<StackSpec["monitoring"]>;
export type ServiceSpec = MonitoringSpec["services"][string];
export type AlertSpec = ServiceSpec["alerts"][string];
export type ProbeSpec = ServiceSpec["probes"][string];

const Monitoring = "platform:monitoring";
/** GCP evaluates conditions per minute and aligns over at most a day. */
const MaxSeconds = 86400;
/** Sentry aggregates over 1 to 1440 minutes (getsentry/sentry incidents/serializers/alert_rule.py, time_window). */
const SentryMaxMinutes = 1440;

/** "5m" → 300. */
export function seconds(duration: string): number {
  const amount = parseInt(duration, 10);
  return duration.endsWith("h") ? amount * 3600 : duration.endsWith("m") ? amount * 60 : amount;
}

/** The one workload kind a service names (the rules report none or several). */
export function workloadKind(service: ServiceSpec): WorkloadKind {
  return WorkloadKinds.find((kind) => service.workload[kind] !== undefined)!;
}

/** High-urgency severities first: P0/SEV-1 is 0, P3/SEV-4 is 3. */
export function urgencyRank(severity: Severity): number {
  return { P0: 0, "SEV-1": 0, P1: 1, "SEV-2": 1, P2: 2, "SEV-3": 2, P3: 3, "SEV-4": 3 }[severity];
}
/** PagerDuty pages these at high urgency (the services' severity_based urgency). */
export const pagesHigh = (severity: Severity): boolean => urgencyRank(severity) <= 1;

type Path = (string | number)[];

export const monitoringRules: Rule = (ctx) => {
  const settings = ctx.config[Monitoring];
  if (!settings || !ctx.isSound([Monitoring])) return;
  for (const [name, service] of entriesOf(settings.services)) {
    const path = [Monitoring, "services", name];
    checkPaging(ctx, service.product, [...path, "product"]);
    const kind = checkWorkload(ctx, service, [...path, "workload"]);
    if (!kind) continue;
    for (const [key, probe] of entriesOf(service.probes)) checkProbe(ctx, kind, service, probe, [...path, "probes", key]);
    for (const [key, alert] of entriesOf(service.alerts)) checkAlert(ctx, kind, service, alert, [...path, "alerts", key]);
    checkOrder(ctx, service, path);
    if (entriesOf(service.alerts).some(([, a]) => metricOf(a.metric).source === "sentry")) checkSentryRoute(ctx, settings, service, path);
    if (service.slo) checkSlo(ctx, kind, service.slo, [...path, "slo"]);
  }
  checkAtlas(ctx, settings);
  if (settings.slack) {
    const secrets = Object.keys(ctx.config["platform:secrets"] ?? {});
    if (!secrets.includes(settings.slack.tokenSecret))
      missing(ctx, [Monitoring, "slack", "tokenSecret"], "a secret declared under platform:secrets", settings.slack.tokenSecret, secrets);
  }
};

const missing = (ctx: RuleContext, path: Path, what: string, found: string, known: string[]) =>
  ctx.report(path, `expected ${what}, found "${found}"${suggestion(found, known)}`);

/** Every monitored product pages someone: its PagerDuty service under platform:oncall. */
function checkPaging(ctx: RuleContext, product: string, path: Path) {
  const services = Object.keys(ctx.config["platform:oncall"]?.services ?? {});
  if (!services.includes(product))
    ctx.report(
      path,
      `expected a product with a PagerDuty service under platform:oncall.services (its alerts must page someone), found "${product}"${suggestion(product, services)}`,
    );
}

/** Exactly one workload, declared in its area. */
function checkWorkload(ctx: RuleContext, service: ServiceSpec, path: Path): WorkloadKind | undefined {
  const kinds = WorkloadKinds.filter((kind) => service.workload[kind] !== undefined);
  if (kinds.length !== 1) {
    ctx.report(path, `expected exactly one of ${WorkloadKinds.join(", ")} (what the service runs on), found ${kinds.length ? kinds.join(" and ") : "none"}`);
    return undefined;
  }
  const [kind] = kinds;
  const name = service.workload[kind]!;
  const declared: Record<WorkloadKind, [string, string[]] | undefined> = {
    cloudRun: ["a service declared under platform:cloudRun", Object.keys(ctx.config["platform:cloudRun"] ?? {})],
    kubernetes: ["an app declared under platform:kubernetes.apps", Object.keys(ctx.config["platform:kubernetes"]?.apps ?? {})],
    vercel: ["a project declared under platform:vercel.projects", Object.keys(ctx.config["platform:vercel"]?.projects ?? {})],
    host: undefined,
  };
  const area = declared[kind];
  if (area && !area[1].includes(name)) {
    missing(ctx, [...path, kind], area[0], name, area[1]);
    return undefined;
  }
  return kind;
}

/** The probe keys each workload kind takes (docs/monitoring.md: where a probe goes). */
const ProbeKeys: Record<WorkloadKind, string[]> = {
  cloudRun: ["path", "content", "displayName", "checkerRegions"],
  vercel: ["path", "healthCheck", "content", "displayName", "checkerRegions"],
  kubernetes: ["host", "path", "tlsTerminator", "content", "displayName", "checkerRegions"],
  host: ["path", "port", "useSsl", "content", "displayName", "checkerRegions"],
};

function checkProbe(ctx: RuleContext, kind: WorkloadKind, service: ServiceSpec, probe: ProbeSpec, path: Path) {
  for (const key of Object.keys(probe)) {
    if (!ProbeKeys[kind].includes(key)) ctx.report([...path, key], `expected no ${key} for a ${kind} workload (its probes take ${ProbeKeys[kind].join(", ")})`);
  }
  if (kind === "vercel") {
    if ((probe.path === undefined) === (probe.healthCheck === undefined))
      ctx.report(
        path,
        "expected exactly one of path (on the project's domain) or healthCheck (one the project declares), found " + (probe.path ? "both" : "neither"),
      );
    if (probe.healthCheck !== undefined) {
      const checks = Object.keys(ctx.config["platform:vercel"]?.projects?.[service.workload.vercel!]?.healthChecks ?? {});
      if (!checks.includes(probe.healthCheck))
        missing(ctx, [...path, "healthCheck"], `a health check of platform:vercel.projects.${service.workload.vercel}.healthChecks`, probe.healthCheck, checks);
    }
    return;
  }
  if (probe.path === undefined) ctx.report([...path, "path"], "missing; expected an absolute HTTP path such as /health");
  if (kind === "kubernetes") checkKubernetesProbe(ctx, service.workload.kubernetes!, probe, path);
}

/**
 * A Kubernetes app's probe reaches what the stack declares serves its host. Without a tlsTerminator
 * it calls the app's Service over HTTP on the Service's port (stacks/assemble/monitoring/kubernetes.ts),
 * which the internet reaches only as a LoadBalancer; a ClusterIP Service, or none, answers inside the
 * cluster only.
 */
function checkKubernetesProbe(ctx: RuleContext, appName: string, probe: ProbeSpec, path: Path) {
  if (probe.host === undefined) {
    ctx.report([...path, "host"], "missing; expected a public host name such as api.example.com (the name the internet reaches the app by)");
    return;
  }
  if (probe.tlsTerminator !== undefined || !ctx.isSound(["platform:kubernetes"])) return;
  const app = ctx.config["platform:kubernetes"]?.apps?.[appName];
  const type = app?.service?.type;
  if (app && type !== "LoadBalancer") {
    const service = `platform:kubernetes.apps.${appName}.service`;
    const found = type ? `${service}.type is ${type}, reachable only inside the cluster` : `${service} is not declared`;
    ctx.report(
      [...path, "tlsTerminator"],
      `expected what terminates TLS for https://${probe.host} in front of ${appName}, or ${service}.type LoadBalancer for the uptime check to probe http://${probe.host}:${app.service?.port ?? 80}${probe.path ?? "/"} itself, found neither (${found})`,
    );
  }
}

/** The keys a metric's alerts take beyond metric, severity, summary and runbook. */
function alertKeys(id: MetricId): string[] {
  const metric = metricOf(id);
  if (id === "uptime.failing") return ["probe", "failingRegions", "failingFor", "silence"];
  if (metric.source === "sentry") return ["threshold", "thresholdOverride", "comparison", "duration", "warning"];
  return ["threshold", "thresholdOverride", "duration", "silence", ...(metric.source === "uptime" ? ["probe"] : [])];
}
const Common = ["metric", "severity", "summary", "runbook"];

/** An alert names a metric its workload has, with the keys that metric takes, in its unit's range. */
function checkAlert(ctx: RuleContext, kind: WorkloadKind, service: ServiceSpec, alert: AlertSpec, path: Path) {
  const id = alert.metric;
  const metric = metricOf(id);
  if (!workloadHas(kind, id)) {
    ctx.report([...path, "metric"], `expected a metric a ${kind} workload has (${metricsOf(kind).join(", ")}), found "${id}"`);
    return;
  }
  const allowed = [...Common, ...alertKeys(id)];
  for (const key of Object.keys(alert)) {
    if (allowed.includes(key)) continue;
    const why =
      key === "silence" && metric.source === "sentry"
        ? "a Sentry metric alert cannot be disabled through @pulumiverse/sentry 0.0.9 (it has no status input): mute it in Sentry"
        : `${id} takes ${alertKeys(id).join(", ")}`;
    ctx.report([...path, key], `expected no ${key} (${why})`);
  }
  const required =
    id === "uptime.failing" ? ["probe", "failingRegions", "failingFor"] : ["threshold", "duration", ...(metric.source === "uptime" ? ["probe"] : [])];
  for (const key of required) if ((alert as Record<string, unknown>)[key] === undefined) ctx.report([...path, key], `missing; ${id} needs it`);

  if (alert.probe !== undefined && !(alert.probe in service.probes))
    missing(ctx, [...path, "probe"], "a key of the service's probes", alert.probe, Object.keys(service.probes));
  if (metric.unit) {
    for (const [key, value] of [
      ["threshold", alert.threshold],
      ["thresholdOverride", alert.thresholdOverride],
      ["warning", alert.warning?.threshold],
    ] as const) {
      if (value !== undefined && !(value > metric.unit.above && value <= metric.unit.atMost))
        ctx.report(key === "warning" ? [...path, "warning", "threshold"] : [...path, key], `expected ${metric.unit.expected} (${id}), found ${value}`);
    }
  }
  const comparisons = metric.comparisons ?? ["above"];
  if (alert.comparison !== undefined && !(comparisons as readonly string[]).includes(alert.comparison))
    ctx.report([...path, "comparison"], `expected ${comparisons.join(" or ")} (${id}), found ${alert.comparison}`);
  if (metric.source === "sentry") checkSentryAlert(ctx, alert, path);
  else checkGcpDurations(ctx, alert, path);
  if (id === "uptime.failing" && alert.probe && service.probes[alert.probe]) checkFailingRegions(ctx, alert, service.probes[alert.probe], path);
  if (alert.summary) checkSummary(ctx, id, alert.summary, path);
}

/** Durations GCP accepts: whole minutes, at most a day. */
function checkGcpDurations(ctx: RuleContext, alert: AlertSpec, path: Path) {
  for (const key of ["duration", "failingFor"] as const) {
    const value = alert[key];
    if (value === undefined) continue;
    const s = seconds(value);
    if (s % 60 !== 0 || s > MaxSeconds)
      ctx.report([...path, key], `expected a whole number of minutes from 0s to 24h (GCP evaluates per minute), found ${value}`);
  }
}

/**
 * A service's Sentry alerts need its Sentry project and an organization that routes to the product's
 * PagerDuty service through its PagerDuty integration.
 */
function checkSentryRoute(ctx: RuleContext, settings: MonitoringSpec, service: ServiceSpec, path: Path) {
  if (!service.sentry) {
    ctx.report([...path, "sentry"], "missing; expected the Sentry project its sentry.* alerts watch ({organization, project})");
    return;
  }
  const slug = service.sentry.organization;
  const org = settings.sentryOrganizations[slug];
  if (!org)
    missing(
      ctx,
      [...path, "sentry", "organization"],
      `an organization under ${Monitoring}.sentryOrganizations (its PagerDuty integration)`,
      slug,
      Object.keys(settings.sentryOrganizations),
    );
  else if (org.pagerDutyServices[service.product] === undefined) {
    ctx.report(
      [Monitoring, "sentryOrganizations", slug, "pagerDutyServices", service.product],
      `missing; expected the id of the service entry for ${service.product} in the organization's PagerDuty integration (its alerts must page someone)`,
    );
  }
}

/**
 * A Sentry alert's window is whole minutes from 1 to 1440. A warning lies short of the critical
 * threshold and pages at low urgency, the critical one at high: Sentry sends PagerDuty severity
 * "warning" or "critical" by the trigger that fired (getsentry/sentry integrations/pagerduty/utils.py),
 * which the services' severity-based urgency pages low or high.
 */
function checkSentryAlert(ctx: RuleContext, alert: AlertSpec, path: Path) {
  if (alert.duration !== undefined) {
    const s = seconds(alert.duration);
    if (s % 60 !== 0 || s < 60 || s > SentryMaxMinutes * 60)
      ctx.report([...path, "duration"], `expected a Sentry window of whole minutes from 1m to 24h, found ${alert.duration}`);
  }
  if (!pagesHigh(alert.severity))
    ctx.report(
      [...path, "severity"],
      `expected a severity that pages at high urgency (P0, P1, SEV-1, SEV-2): Sentry pages a critical trigger as PagerDuty severity "critical"; a lower level is a warning, found ${alert.severity}`,
    );
  if (alert.warning) {
    if (pagesHigh(alert.warning.severity))
      ctx.report(
        [...path, "warning", "severity"],
        `expected a severity that pages at low urgency (P2, P3, SEV-3, SEV-4): Sentry pages a warning trigger as PagerDuty severity "warning", found ${alert.warning.severity}`,
      );
    const below = (alert.comparison ?? "above") === "below";
    const threshold = alert.thresholdOverride ?? alert.threshold;
    if (threshold !== undefined && (below ? alert.warning.threshold <= threshold : alert.warning.threshold >= threshold)) {
      ctx.report(
        [...path, "warning", "threshold"],
        `expected ${below ? "above" : "below"} the critical threshold (${threshold}): the warning fires first, found ${alert.warning.threshold}`,
      );
    }
  }
}

/**
 * An uptime alert can count no more failing regions than probe the check: `failingRegions: 4` of
 * three `checkerRegions` would never fire.
 */
function checkFailingRegions(ctx: RuleContext, alert: AlertSpec, probe: ProbeSpec, path: Path) {
  const regions = probe.checkerRegions?.length ?? CheckerRegionNames.length;
  const probePath = [...path.slice(0, -2), "probes", alert.probe!, "checkerRegions"].join(".");
  const where = probe.checkerRegions ? `the ${regions} regions of ${probePath}` : `the ${regions} checker regions (checkerRegions unset: all of them)`;
  if (alert.failingRegions !== undefined && alert.failingRegions > regions)
    ctx.report([...path, "failingRegions"], `expected at most ${where} that probe the check, found ${alert.failingRegions}`);
}

const SummaryTokens = (id: MetricId) =>
  id === "uptime.failing" ? ["probe", "failing"] : ["threshold", "duration", ...(id === "uptime.latency" ? ["probe"] : [])];

function checkSummary(ctx: RuleContext, id: MetricId, summary: string, path: Path) {
  const tokens = SummaryTokens(id);
  for (const [, token] of summary.matchAll(/\{([^}]*)\}/g)) {
    if (!tokens.includes(token))
      ctx.report([...path, "summary"], `expected only ${tokens.map((t) => `{${t}}`).join(", ")} in the summary of a ${id} alert, found {${token}}`);
  }
}

/**
 * Two alerts of a service on one metric page in the right order: the more urgent one has the threshold
 * further out (runbook 000's 5 % P2 then 10 % P1; 003's CPU 80 % SEV-3 then 90 % SEV-2).
 */
function checkOrder(ctx: RuleContext, service: ServiceSpec, path: Path) {
  const alerts = entriesOf(service.alerts).filter(([, a]) => hasThreshold(a.metric) && a.threshold !== undefined && (a.comparison ?? "above") === "above");
  for (const [lowKey, low] of alerts) {
    for (const [highKey, high] of alerts) {
      if (high.metric !== low.metric || urgencyRank(high.severity) >= urgencyRank(low.severity)) continue;
      if (high.threshold! <= low.threshold!)
        ctx.report([...path, "alerts", highKey, "threshold"], `expected above ${lowKey}.threshold (${low.threshold}), found ${high.threshold}`);
    }
  }
}

/** Request SLOs read Cloud Run's request metrics; a burn rate's short window is the shorter. */
function checkSlo(ctx: RuleContext, kind: WorkloadKind, slo: NonNullable<ServiceSpec["slo"]>, path: Path) {
  if (kind !== "cloudRun") ctx.report(path, `expected no slo for a ${kind} workload (request SLOs read Cloud Run's request metrics)`);
  for (const speed of ["fastBurn", "slowBurn"] as const) {
    const burn = slo[speed];
    for (const key of ["longWindow", "shortWindow"] as const) {
      const s = seconds(burn[key]);
      if (s % 60 !== 0 || s < 60 || s > MaxSeconds)
        ctx.report([...path, speed, key], `expected a whole number of minutes from 1m to 24h (GCP evaluates per minute), found ${burn[key]}`);
    }
    if (seconds(burn.shortWindow) >= seconds(burn.longWindow))
      ctx.report([...path, speed, "shortWindow"], `expected shorter than longWindow (${burn.longWindow}), found ${burn.shortWindow}`);
  }
}

/** Atlas alerts go to a product's Atlas project and page its PagerDuty service. */
function checkAtlas(ctx: RuleContext, settings: MonitoringSpec) {
  const projects = ctx.config["platform:atlas"] ? Object.keys(ctx.config["platform:atlas"].projects ?? {}) : undefined;
  for (const product of Object.keys(settings.atlas)) {
    const path = [Monitoring, "atlas", product];
    checkPaging(ctx, product, path);
    if (projects && !projects.includes(product)) missing(ctx, path, "a project declared under platform:atlas.projects", product, projects);
  }
}

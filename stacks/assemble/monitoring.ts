import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Alert, GcpSeverity, RunbookRef } from "../../components/monitoring/alert";
import { AtlasAlerts } from "../../components/monitoring/atlasAlerts";
import { NotificationChannels } from "../../components/monitoring/channels";
import * as conditions from "../../components/monitoring/conditions";
import { RequestSlos } from "../../components/monitoring/slo";
import { UptimeCheck } from "../../components/monitoring/uptimeCheck";
import { CloudRunService } from "../../components/cloudrun/service";
import { ManagedSecret } from "../../components/secrets/managedSecret";
import { Severity } from "../schema/monitoring";
import { MonitoringSpec, seconds } from "../validate/rules/monitoring";
import { Assembly } from "./context";
import { readSecret } from "./secretReads";
import { ProductOnCall } from "./oncall";
import { VercelProjectOutputs } from "./vercel";

export interface MonitoringDeps {
  onCall: Map<string, ProductOnCall>;
  secrets: Map<string, ManagedSecret>;
  cloudRun: Map<string, CloudRunService>;
  vercelProjects: Map<string, VercelProjectOutputs>;
  /** Atlas project id per product (mixillo, fixzit, rez), from the Atlas area; absent: no Atlas alerts. */
  atlasProjects: Map<string, pulumi.Input<string>>;
  /** The Atlas area's explicit provider. @default the default mongodbatlas provider */
  atlasProvider?: pulumi.ProviderResource;
}

/** P0/SEV-1 critical, P1/SEV-2 error (both page at high urgency), the rest warning (low urgency). */
export function gcpSeverity(severity: Severity): GcpSeverity {
  if (severity === "P0" || severity === "SEV-1") return "CRITICAL";
  if (severity === "P1" || severity === "SEV-2") return "ERROR";
  return "WARNING";
}

const Runbooks = {
  "000": "000_ef96a37cfe77e2a5.txt",
  "001": "001_42e8d7fc13534b4b.txt",
  "002": "002_101045f5a0f5861a.txt",
  "003": "003_8a0638dc139ba9f2.txt",
  "004": "004_710b6e36b9295288.txt",
} as const;

interface Silenceable {
  severity: Severity;
  silence?: { until: string; reason: string };
}

/** What one product's alerts share: project, channels, labels, where the runbooks are. */
interface ProductContext {
  product: string;
  service: string;
  project: string;
  channels: pulumi.Input<string>[];
  labels: Record<string, string>;
}

/**
 * `platform:monitoring` → per product: notification channels (PagerDuty, optionally Slack) in the GCP
 * project that holds its metrics, uptime checks of the runbooks' health endpoints, alert policies with
 * the runbooks' thresholds, Mixillo's SLOs with burn-rate alerts, and Atlas alerts where the Atlas
 * area gives a project id.
 */
export function assembleMonitoring(a: Assembly, deps: MonitoringDeps): void {
  const settings = a.spec.monitoring;
  if (!settings) return;
  const now = Date.now();
  const slackToken = settings.slack ? readSecret(a, deps.secrets, settings.slack.tokenSecret).value : undefined;

  const context = (product: string, service: string, project: string): ProductContext => {
    const channels = new NotificationChannels(
      `${product}-${project}-channels`,
      {
        project,
        displayName: `${product} on-call`,
        pagerDutyKey: deps.onCall.get(product)!.integrationKey, // the spec checked the service exists
        slack: settings.slack && slackToken ? { channel: settings.slack.channel, token: slackToken } : undefined,
        labels: a.labels(product),
      },
      { provider: a.gcp },
    );
    return { product, service, project, channels: channels.channelNames, labels: { ...a.labels(product), service } };
  };

  const alert = (ctx: ProductContext, key: string, spec: Silenceable, runbook: [keyof typeof Runbooks, string], summary: string, conds: gcp.types.input.monitoring.AlertPolicyCondition[], opts: { combiner?: "AND"; dependsOn?: pulumi.Resource[] } = {}) => {
    const silence = spec.silence && Date.parse(spec.silence.until) > now ? spec.silence : undefined;
    if (spec.silence && !silence) {
      // An ended silence re-arms the alert; the stale key is only noise in the stack file.
      pulumi.log.warn(`${a.spec.file}: platform:monitoring.${ctx.product} ${key}: the silence ended at ${spec.silence.until}; the alert is enabled again, remove the silence`);
    }
    const ref: RunbookRef = { number: runbook[0], file: Runbooks[runbook[0]], procedure: runbook[1], url: settings.runbookBaseUrl };
    return new Alert(
      `${ctx.service}-${key}`,
      {
        project: ctx.project,
        displayName: `${ctx.service}: ${summary}`,
        conditions: conds,
        combiner: opts.combiner,
        severity: gcpSeverity(spec.severity),
        runbookSeverity: spec.severity,
        runbook: ref,
        summary,
        notificationChannels: ctx.channels,
        labels: ctx.labels,
        silence,
      },
      { provider: a.gcp, dependsOn: opts.dependsOn },
    );
  };

  const atlas = (product: string, thresholds: { connectionsPercent: number; replicationLagSeconds: number; diskPercent: number }) => {
    const projectId = deps.atlasProjects.get(product);
    if (projectId === undefined) return;
    new AtlasAlerts(`${product}-atlas-alerts`, { projectId, pagerDutyKey: deps.onCall.get(product)!.integrationKey, ...thresholds }, { provider: deps.atlasProvider });
  };

  if (settings.mixillo) mixillo(a, settings.mixillo, deps, context, alert, atlas);
  if (settings.fixzit) fixzit(a, settings.fixzit, deps, context, alert, atlas);
  if (settings.rez) rez(a, settings.rez, context, alert, atlas);
  if (settings.spilttea) spilttea(a, settings.spilttea, context, alert);
}

type Context = (product: string, service: string, project: string) => ProductContext;
type AlertFn = (ctx: ProductContext, key: string, spec: Silenceable, runbook: [keyof typeof Runbooks, string], summary: string, conds: gcp.types.input.monitoring.AlertPolicyCondition[], opts?: { combiner?: "AND"; dependsOn?: pulumi.Resource[] }) => Alert;
type AtlasFn = (product: string, thresholds: { connectionsPercent: number; replicationLagSeconds: number; diskPercent: number }) => void;

interface UptimeAlertSpec {
  failingRegions: number;
  failingFor: string;
}

/** "2+ of 6 checker regions failing for 1m": what an uptime alert's keys mean, in its summary. */
function failing(spec: UptimeAlertSpec, check: UptimeCheck): string {
  return `${spec.failingRegions}+ of ${check.checkerRegions} checker regions failing${seconds(spec.failingFor) ? ` for ${spec.failingFor}` : ""}`;
}

/** The condition of an uptime alert: failing checker regions of `check`, counted as Google does. */
function uptimeCondition(check: UptimeCheck, label: string, spec: UptimeAlertSpec) {
  return conditions.uptimeFailures(check.checkId, label, spec.failingRegions, check.checkerRegions, seconds(spec.failingFor));
}

/** Runbooks 000/001: Cloud Run request metrics, the /health check, SLOs and their burn rates. */
function mixillo(a: Assembly, m: NonNullable<MonitoringSpec["mixillo"]>, deps: MonitoringDeps, context: Context, alert: AlertFn, atlas: AtlasFn) {
  const service = m.cloudRunService;
  const ctx = context("mixillo", service, a.spec.gcp.project);
  const { alerts } = m;
  const check = new UptimeCheck(
    `${service}-health`,
    {
      project: ctx.project,
      displayName: `${service} ${m.healthPath} (MongoDB connected)`,
      host: deps.cloudRun.get(service)!.url.apply((url) => new URL(url).host), // the spec checked the service
      path: m.healthPath,
      contentRegex: m.healthContent,
      selectedRegions: m.checkerRegions,
      labels: ctx.labels,
    },
    { provider: a.gcp },
  );
  const s = (d: string) => seconds(d);
  alert(ctx, "latency-p95", alerts.latencyP95, ["000", "Monitoring & Alerting: 1. Response Time; 001 P1: Slow Response Times"], `p95 latency > ${alerts.latencyP95.threshold} ms for ${alerts.latencyP95.duration}`, [
    conditions.cloudRunLatency(service, 95, alerts.latencyP95.threshold, s(alerts.latencyP95.duration)),
  ]);
  alert(ctx, "error-rate", alerts.errorRate, ["000", "Monitoring & Alerting: 2. Error Rate"], `error rate > ${alerts.errorRate.threshold} % for ${alerts.errorRate.duration}`, [
    conditions.cloudRunErrorRatio(service, alerts.errorRate.threshold / 100, s(alerts.errorRate.duration)),
  ]);
  alert(ctx, "error-rate-high", alerts.errorRateHigh, ["001", "P1 Incidents: High Error Rate (> 10%)"], `error rate > ${alerts.errorRateHigh.threshold} % for ${alerts.errorRateHigh.duration}`, [
    conditions.cloudRunErrorRatio(service, alerts.errorRateHigh.threshold / 100, s(alerts.errorRateHigh.duration)),
  ]);
  alert(ctx, "request-rate", alerts.requestRate, ["000", "Monitoring & Alerting: 4. Request Rate (possible DDoS)"], `request rate > ${alerts.requestRate.threshold}/s for ${alerts.requestRate.duration}`, [
    conditions.cloudRunRequestRate(service, alerts.requestRate.threshold, s(alerts.requestRate.duration)),
  ]);
  const down = alerts.mongodbDisconnected;
  alert(ctx, "mongodb-disconnected", down, ["001", "P0 Incidents: MongoDB Connection Lost"], `${m.healthPath} not connected to MongoDB (${failing(down, check)})`, [
    uptimeCondition(check, `${service} ${m.healthPath}`, down),
  ]);

  const slo = m.slo;
  const requests = `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${service}" AND metric.type = "run.googleapis.com/request_count"`;
  const slos = new RequestSlos(
    `${service}-slo`,
    {
      project: ctx.project,
      serviceId: service,
      displayName: service,
      requestCountFilter: requests,
      latencyFilter: `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${service}" AND metric.type = "run.googleapis.com/request_latencies"`,
      availabilityGoal: slo.availabilityGoal,
      latencyGoal: slo.latencyGoal,
      latencyThresholdMs: slo.latencyThresholdMs,
      rollingDays: slo.rollingDays,
      labels: ctx.labels,
    },
    { provider: a.gcp },
  );
  for (const [sloKey, sloName] of [["availability", slos.availabilitySlo], ["latency", slos.latencySlo]] as const) {
    for (const [speed, burn] of [["fast", slo.fastBurn], ["slow", slo.slowBurn]] as const) {
      // Multi-window: the long window proves the burn is real, the short one that it is still going.
      alert(ctx, `slo-${sloKey}-${speed}-burn`, burn, ["000", "Monitoring & Alerting (targets: p95 < 300ms, error rate < 1%)"], `${sloKey} SLO burning ${burn.rate}x its budget (${burn.longWindow} and ${burn.shortWindow})`, [
        conditions.sloBurnRate(sloName, `${burn.longWindow} window`, burn.rate, s(burn.longWindow)),
        conditions.sloBurnRate(sloName, `${burn.shortWindow} window`, burn.rate, s(burn.shortWindow)),
      ], { combiner: "AND", dependsOn: [slos] });
    }
  }
  atlas("mixillo", m.atlas);
}

/** Runbook 002: only the health endpoints reach Cloud Monitoring (README says why). */
function fixzit(a: Assembly, f: NonNullable<MonitoringSpec["fixzit"]>, deps: MonitoringDeps, context: Context, alert: AlertFn, atlas: AtlasFn) {
  const ctx = context("fixzit", f.vercelProject, a.spec.gcp.project);
  const urls = deps.vercelProjects.get(f.vercelProject)!.healthChecks; // the spec checked both keys
  const probe = (key: string, checkName: string, contentRegex?: string) => {
    const url = new URL(urls[checkName]);
    return new UptimeCheck(`${f.vercelProject}-${key}`, { project: ctx.project, displayName: `${f.vercelProject} ${url.pathname}`, host: url.host, path: url.pathname, contentRegex, selectedRegions: f.checkerRegions, labels: ctx.labels }, { provider: a.gcp });
  };
  const ready = probe("ready", f.readyCheck);
  const db = probe("db", f.dbCheck, f.dbContent);
  const { availability, mongodbConnection } = f.alerts;
  alert(ctx, "availability", availability, ["002", "Monitoring & Alerts: Alert Thresholds (Availability); Incident Response"], `${new URL(urls[f.readyCheck]).pathname} failing (${failing(availability, ready)})`, [
    uptimeCondition(ready, `${f.vercelProject} ready`, availability),
  ]);
  alert(ctx, "mongodb-connection", mongodbConnection, ["002", "Alert Response Matrix: Database Down"], `MongoDB connection failures (${new URL(urls[f.dbCheck]).pathname} ${failing(mongodbConnection, db)})`, [
    uptimeCondition(db, `${f.vercelProject} db`, mongodbConnection),
  ]);
  atlas("fixzit", f.atlas);
}

/** Runbook 003: GKE container metrics in the cluster's project and the public /health. */
function rez(a: Assembly, r: NonNullable<MonitoringSpec["rez"]>, context: Context, alert: AlertFn, atlas: AtlasFn) {
  const k8s = a.spec.kubernetes!; // the spec checked that the app is declared
  const app = k8s.apps[r.kubernetesApp];
  const cluster = k8s.clusters[app.cluster].gke;
  const ctx = context("rez", r.kubernetesApp, cluster.project);
  // The probe calls what serves the host: a declared TLS terminator on 443, else the LoadBalancer
  // Service itself, over HTTP on its port (the spec checked it is one). A GKE LoadBalancer Service is
  // a pass-through load balancer (cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer)
  // and the app serves plain HTTP: an HTTPS :443 probe of it (before issue #16) could never pass.
  const probe = r.tlsTerminator ? { port: 443, useSsl: true } : { port: app.service!.port, useSsl: false };
  const url = `${probe.useSsl ? "https" : "http"}://${r.host}:${probe.port}${r.healthPath}`;
  const check = new UptimeCheck(
    `${r.kubernetesApp}-health`,
    { project: ctx.project, displayName: url, host: r.host, path: r.healthPath, ...probe, selectedRegions: r.checkerRegions, labels: ctx.labels },
    { provider: a.gcp },
  );
  const workload = { cluster: cluster.name, namespace: app.namespace, container: app.container, deployment: r.kubernetesApp };
  const { alerts } = r;
  alert(ctx, "availability", alerts.availability, ["003", "Incident Response: SEV-1 (complete service outage)"], `${url} failing (${failing(alerts.availability, check)})`, [
    uptimeCondition(check, `${r.host}${r.healthPath}`, alerts.availability),
  ]);
  const utilization = [
    ["cpu-warning", alerts.cpuWarning, "cpu", "4. CPU Usage (warning)"],
    ["cpu-critical", alerts.cpuCritical, "cpu", "4. CPU Usage (critical)"],
    ["memory-warning", alerts.memoryWarning, "memory", "5. Memory Usage (warning); Issue: Out of Memory"],
    ["memory-critical", alerts.memoryCritical, "memory", "5. Memory Usage (critical); Issue: Out of Memory"],
  ] as const;
  for (const [key, spec, kind, section] of utilization) {
    alert(ctx, key, spec, ["003", `Monitoring & Alerts: ${section}`], `${kind} > ${spec.threshold} % of limit in any pod for ${spec.duration}`, [
      conditions.kubernetesLimitUtilization(kind, workload, spec.threshold / 100, seconds(spec.duration)),
    ]);
  }
  atlas("rez", r.atlas);
}

/** Runbook 004: the Docker host is outside GCP; the uptime check is what Cloud Monitoring sees. */
function spilttea(a: Assembly, t: NonNullable<MonitoringSpec["spilttea"]>, context: Context, alert: AlertFn) {
  const service = "spilttea-backend";
  const ctx = context("spilttea", service, a.spec.gcp.project);
  const check = new UptimeCheck(
    `${service}-health`,
    { project: ctx.project, displayName: `${t.host}:${t.port}${t.healthPath}`, host: t.host, port: t.port, useSsl: t.useSsl, path: t.healthPath, contentRegex: t.healthContent, selectedRegions: t.checkerRegions, labels: ctx.labels },
    { provider: a.gcp },
  );
  const { availability, responseTime } = t.alerts;
  alert(ctx, "availability", availability, ["004", "Monitoring and Alerts: Backend Health Endpoint"], `:${t.port}${t.healthPath} failing (${failing(availability, check)})`, [
    uptimeCondition(check, `${service} health`, availability),
  ]);
  alert(ctx, "response-time", responseTime, ["004", "Key Metrics to Monitor: API Response Time"], `health probe response > ${responseTime.threshold} ms for ${responseTime.duration}`, [
    conditions.uptimeLatency(check.checkId, `${service} health`, responseTime.threshold, seconds(responseTime.duration)),
  ]);
}


import * as gcp from "../../../components/providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Alert, GcpSeverity } from "../../../components/monitoring/alert";
import * as conditions from "../../../components/monitoring/conditions";
import { UptimeCheck } from "../../../components/monitoring/uptimeCheck";
import { Severity } from "../../schema/monitoring";
import { AlertSpec, seconds } from "../../validate/rules/monitoring";
import { runbookRef, ServiceContext } from "./context";
import { summaryOf } from "./summary";

/** P0/SEV-1 critical, P1/SEV-2 error (both page at high urgency), the rest warning (low urgency). */
export function gcpSeverity(severity: Severity): GcpSeverity {
  if (severity === "P0" || severity === "SEV-1") return "CRITICAL";
  if (severity === "P1" || severity === "SEV-2") return "ERROR";
  return "WARNING";
}

type Condition = gcp.types.input.monitoring.AlertPolicyCondition;

/** An uptime check and where it goes, per probe key. */
export interface ProbeCheck {
  check: UptimeCheck;
  label: string;
  conditionLabel: string;
}

/** One uptime check per probe of the service, named `<service>-<probe>`. */
export function probeChecks(ctx: ServiceContext): Map<string, ProbeCheck> {
  const checks = new Map<string, ProbeCheck>();
  for (const [key, probe] of Object.entries(ctx.spec.probes)) {
    const target = ctx.workload.probe(key, probe);
    const check = new UptimeCheck(
      `${ctx.name}-${key}`,
      {
        project: ctx.workload.project,
        displayName: probe.displayName ?? target.displayName,
        host: target.host,
        path: target.path,
        ...(target.port !== undefined ? { port: target.port, useSsl: target.useSsl } : {}),
        contentRegex: probe.content,
        selectedRegions: probe.checkerRegions,
        labels: ctx.labels,
      },
      { provider: ctx.a.gcp },
    );
    checks.set(key, { check, label: target.label, conditionLabel: target.conditionLabel });
  }
  return checks;
}

/** "2+ of 6 checker regions failing for 1m": what an uptime alert's keys mean, in its summary. */
function failing(alert: AlertSpec, check: UptimeCheck): string {
  return `${alert.failingRegions}+ of ${check.checkerRegions} checker regions failing${seconds(alert.failingFor!) ? ` for ${alert.failingFor}` : ""}`;
}

/** A Cloud Monitoring alert policy for one alert of the stack file (a workload metric or a probe's). */
export function cloudMonitoringAlert(ctx: ServiceContext, key: string, alert: AlertSpec, checks: Map<string, ProbeCheck>): Alert {
  const threshold = alert.thresholdOverride ?? alert.threshold;
  const probe = alert.probe !== undefined ? checks.get(alert.probe)! : undefined; // the spec checked the probe
  let condition: Condition;
  let summary: string;
  if (alert.metric === "uptime.failing") {
    const text = failing(alert, probe!.check);
    condition = conditions.uptimeFailures(
      probe!.check.checkId,
      probe!.conditionLabel,
      alert.failingRegions!,
      probe!.check.checkerRegions,
      seconds(alert.failingFor!),
    );
    summary = summaryOf(alert, { probe: probe!.label, failing: text });
  } else if (alert.metric === "uptime.latency") {
    condition = conditions.uptimeLatency(probe!.check.checkId, probe!.conditionLabel, threshold!, seconds(alert.duration!));
    summary = summaryOf(alert, { probe: probe!.label, threshold });
  } else {
    condition = ctx.workload.condition(alert.metric, threshold!, seconds(alert.duration!));
    summary = summaryOf(alert, { threshold });
  }
  return policy(ctx, key, alert, ["alerts", key], alert.runbook, summary, [condition]);
}

interface Paging {
  severity: Severity;
  silence?: { until: string; reason: string };
}

/** The alert policy itself: enabled unless a silence is still running, documented with its runbook. */
export function policy(
  ctx: ServiceContext,
  key: string,
  paging: Paging,
  keyPath: string[],
  runbook: { file?: string; section: string },
  summary: string,
  conds: Condition[],
  opts: { combiner?: "AND"; dependsOn?: pulumi.Resource[] } = {},
): Alert {
  const silence = paging.silence && Date.parse(paging.silence.until) > ctx.now ? paging.silence : undefined;
  if (paging.silence && !silence) {
    // An ended silence re-arms the alert; the stale key is only noise in the stack file.
    pulumi.log.warn(
      `${ctx.a.spec.file}: platform:monitoring.services.${ctx.name}.${keyPath.join(".")}: the silence ended at ${paging.silence.until}; the alert is enabled again, remove the silence`,
    );
  }
  return new Alert(
    `${ctx.name}-${key}`,
    {
      project: ctx.workload.project,
      displayName: `${ctx.name}: ${summary}`,
      conditions: conds,
      combiner: opts.combiner,
      severity: gcpSeverity(paging.severity),
      runbookSeverity: paging.severity,
      runbook: runbookRef(ctx, runbook),
      summary,
      notificationChannels: ctx.channels,
      labels: ctx.labels,
      silence,
    },
    { provider: ctx.a.gcp, dependsOn: opts.dependsOn },
  );
}

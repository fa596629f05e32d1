import * as gcp from "../providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

/**
 * Alert conditions over metrics that exist in this estate, without knowledge of any product. Each
 * returns one `conditions[]` entry of an alert policy; thresholds are in the metric's own unit.
 */
type Condition = gcp.types.input.monitoring.AlertPolicyCondition;

const cloudRun = (service: string) => `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${service}"`;
const seconds = (s: number) => `${s}s`;

/** Cloud Run request latency percentile (run.googleapis.com/request_latencies, in ms) over all revisions. */
export function cloudRunLatency(service: string, percentile: 50 | 95 | 99, thresholdMs: number, durationSeconds: number): Condition {
  return {
    displayName: `${service} p${percentile} latency > ${thresholdMs} ms for ${durationSeconds}s`,
    conditionThreshold: {
      filter: `${cloudRun(service)} AND metric.type = "run.googleapis.com/request_latencies"`,
      aggregations: [
        {
          alignmentPeriod: "60s",
          perSeriesAligner: "ALIGN_DELTA",
          crossSeriesReducer: `REDUCE_PERCENTILE_${percentile}`,
          groupByFields: ["resource.labels.service_name"],
        },
      ],
      comparison: "COMPARISON_GT",
      thresholdValue: thresholdMs,
      duration: seconds(durationSeconds),
      trigger: { count: 1 },
    },
  };
}

/** Share of Cloud Run requests answered 5xx (request_count by response_code_class), as a fraction. */
export function cloudRunErrorRatio(service: string, fraction: number, durationSeconds: number): Condition {
  const sum = { alignmentPeriod: "60s", perSeriesAligner: "ALIGN_RATE", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.labels.service_name"] };
  return {
    displayName: `${service} 5xx ratio > ${fraction * 100} % for ${durationSeconds}s`,
    conditionThreshold: {
      filter: `${cloudRun(service)} AND metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code_class = "5xx"`,
      denominatorFilter: `${cloudRun(service)} AND metric.type = "run.googleapis.com/request_count"`,
      aggregations: [sum],
      denominatorAggregations: [sum],
      comparison: "COMPARISON_GT",
      thresholdValue: fraction,
      duration: seconds(durationSeconds),
      trigger: { count: 1 },
    },
  };
}

/** Requests per second to a Cloud Run service, summed over revisions. */
export function cloudRunRequestRate(service: string, perSecond: number, durationSeconds: number): Condition {
  return {
    displayName: `${service} request rate > ${perSecond}/s for ${durationSeconds}s`,
    conditionThreshold: {
      filter: `${cloudRun(service)} AND metric.type = "run.googleapis.com/request_count"`,
      aggregations: [
        { alignmentPeriod: "60s", perSeriesAligner: "ALIGN_RATE", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.labels.service_name"] },
      ],
      comparison: "COMPARISON_GT",
      thresholdValue: perSecond,
      duration: seconds(durationSeconds),
      trigger: { count: 1 },
    },
  };
}

const uptime = (metric: string, checkId: pulumi.Input<string>) =>
  pulumi.interpolate`resource.type = "uptime_url" AND metric.type = "monitoring.googleapis.com/uptime_check/${metric}" AND metric.labels.check_id = "${checkId}"`;

/**
 * The endpoint is failing: at least `failingRegions` of the check's `checkerRegions` checker regions
 * report its latest probe failed, continuously for `durationSeconds`. One region's failed probe is a
 * network blip between Google and the host, not an outage; summing probes over regions (as this did
 * before issue #16) paged SEV-1 for one. This is Google's own uptime alert: each checker location's
 * latest check_passed (ALIGN_NEXT_OLDER over 1200s), REDUCE_COUNT_FALSE across them (the number of
 * False-valued series), COMPARISON_GT 1 for 60s: the defaults of Google's module
 * terraform-google-modules/terraform-google-cloud-operations, modules/simple-uptime-check (its
 * condition "Failure of uptime check_id ..."). Each of the six regions the checks use has one checker
 * (cloud.google.com/monitoring/uptime-checks/introduction), so regions and counted series are the same.
 */
export function uptimeFailures(
  checkId: pulumi.Input<string>,
  label: string,
  failingRegions: number,
  checkerRegions: number,
  durationSeconds: number,
): Condition {
  // Guard: counting more failing regions than probe the check (or none) makes an alert that never fires, or always.
  if (!(Number.isInteger(failingRegions) && failingRegions >= 1 && failingRegions <= checkerRegions)) {
    argumentCheck("uptimeFailures", label)("failingRegions", failingRegions, `a whole number from 1 to the check's ${checkerRegions} checker regions`);
  }
  return {
    displayName: `${label}: ${failingRegions}+ of ${checkerRegions} checker regions failing${durationSeconds ? ` for ${durationSeconds}s` : ""}`,
    conditionThreshold: {
      filter: uptime("check_passed", checkId),
      aggregations: [
        {
          alignmentPeriod: "1200s",
          perSeriesAligner: "ALIGN_NEXT_OLDER",
          crossSeriesReducer: "REDUCE_COUNT_FALSE",
          groupByFields: ["metric.labels.check_id", "resource.labels.host"],
        },
      ],
      // Regions failing is a whole count: "more than n - 1" is "at least n" (Google's "> 1" is 2+).
      comparison: "COMPARISON_GT",
      thresholdValue: failingRegions - 1,
      duration: seconds(durationSeconds),
      trigger: { count: 1 },
    },
  };
}

/** The probe's response time (uptime_check/request_latency, ms), the worst checker region. */
export function uptimeLatency(checkId: pulumi.Input<string>, label: string, thresholdMs: number, durationSeconds: number): Condition {
  return {
    displayName: `${label}: response > ${thresholdMs} ms for ${durationSeconds}s`,
    conditionThreshold: {
      filter: uptime("request_latency", checkId),
      aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN", crossSeriesReducer: "REDUCE_MAX", groupByFields: ["metric.labels.check_id"] }],
      comparison: "COMPARISON_GT",
      thresholdValue: thresholdMs,
      duration: seconds(durationSeconds),
      trigger: { count: 1 },
    },
  };
}

export interface KubernetesWorkload {
  cluster: string;
  namespace: string;
  container: string;
  /** Pods of a Deployment are named <deployment>-<hash>-<id>. */
  deployment: string;
}

/**
 * CPU or memory use of a Deployment's container as a fraction of its limit (GKE system metrics,
 * kubernetes.io/container/{cpu,memory}/limit_utilization, one series per pod), in its busiest pod:
 * REDUCE_MAX across the pods ("the maximum value across time series for each alignment period",
 * Aggregation.Reducer, Cloud Monitoring API v3). The runbook's "CPU > 90 %" is any pod's: the mean
 * over pods (REDUCE_MEAN, before issue #16) let one pod at 100 % among three at 40 % read 60 % and
 * never fire. One series per Deployment, so all pods hot open one incident, not one each.
 */
export function kubernetesLimitUtilization(kind: "cpu" | "memory", w: KubernetesWorkload, fraction: number, durationSeconds: number): Condition {
  const memory = kind === "memory" ? ` AND metric.labels.memory_type = "non-evictable"` : "";
  return {
    displayName: `${w.deployment} ${kind} > ${Math.round(fraction * 100)} % of limit in any pod for ${durationSeconds}s`,
    conditionThreshold: {
      filter:
        `resource.type = "k8s_container" AND resource.labels.cluster_name = "${w.cluster}" AND resource.labels.namespace_name = "${w.namespace}"` +
        ` AND resource.labels.container_name = "${w.container}" AND resource.labels.pod_name = starts_with("${w.deployment}-")` +
        ` AND metric.type = "kubernetes.io/container/${kind}/limit_utilization"${memory}`,
      aggregations: [
        {
          alignmentPeriod: "60s",
          perSeriesAligner: "ALIGN_MEAN",
          crossSeriesReducer: "REDUCE_MAX",
          groupByFields: ["resource.labels.namespace_name", "resource.labels.container_name"],
        },
      ],
      comparison: "COMPARISON_GT",
      thresholdValue: fraction,
      duration: seconds(durationSeconds),
      trigger: { count: 1 },
    },
  };
}

/** An SLO's error-budget burn rate over a lookback window (select_slo_burn_rate). */
export function sloBurnRate(sloName: pulumi.Input<string>, label: string, rate: number, lookbackSeconds: number): Condition {
  return {
    displayName: `${label}: burn rate > ${rate} over ${lookbackSeconds}s`,
    conditionThreshold: {
      filter: pulumi.interpolate`select_slo_burn_rate("${sloName}", "${seconds(lookbackSeconds)}")`,
      comparison: "COMPARISON_GT",
      thresholdValue: rate,
      duration: "0s",
    },
  };
}

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

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
      aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: `REDUCE_PERCENTILE_${percentile}`, groupByFields: ["resource.labels.service_name"] }],
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
      aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_RATE", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.labels.service_name"] }],
      comparison: "COMPARISON_GT",
      thresholdValue: perSecond,
      duration: seconds(durationSeconds),
      trigger: { count: 1 },
    },
  };
}

const uptime = (metric: string, checkId: pulumi.Input<string>) =>
  pulumi.interpolate`resource.type = "uptime_url" AND metric.type = "monitoring.googleapis.com/uptime_check/${metric}" AND metric.labels.check_id = "${checkId}"`;

/** At least `failures` failed probes, summed over the checker regions, within `windowSeconds`. */
export function uptimeFailures(checkId: pulumi.Input<string>, label: string, failures: number, windowSeconds: number): Condition {
  return {
    displayName: `${label}: ${failures}+ failed probes within ${windowSeconds}s`,
    conditionThreshold: {
      filter: uptime("check_passed", checkId),
      aggregations: [{ alignmentPeriod: seconds(windowSeconds), perSeriesAligner: "ALIGN_COUNT_FALSE", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["metric.labels.check_id"] }],
      // "more than failures - 1" is "at least failures" for these whole counts.
      comparison: "COMPARISON_GT",
      thresholdValue: failures - 1,
      duration: "0s",
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

/** Mean CPU or memory use of a Deployment's containers as a fraction of their limit (GKE system metrics). */
export function kubernetesLimitUtilization(kind: "cpu" | "memory", w: KubernetesWorkload, fraction: number, durationSeconds: number): Condition {
  const memory = kind === "memory" ? ` AND metric.labels.memory_type = "non-evictable"` : "";
  return {
    displayName: `${w.deployment} ${kind} > ${Math.round(fraction * 100)} % of limit for ${durationSeconds}s`,
    conditionThreshold: {
      filter:
        `resource.type = "k8s_container" AND resource.labels.cluster_name = "${w.cluster}" AND resource.labels.namespace_name = "${w.namespace}"` +
        ` AND resource.labels.container_name = "${w.container}" AND resource.labels.pod_name = starts_with("${w.deployment}-")` +
        ` AND metric.type = "kubernetes.io/container/${kind}/limit_utilization"${memory}`,
      aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN", crossSeriesReducer: "REDUCE_MEAN", groupByFields: ["resource.labels.namespace_name", "resource.labels.container_name"] }],
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

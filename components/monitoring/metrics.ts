/**
 * The catalogue of what an alert can watch: per metric source (Cloud Monitoring, uptime checks,
 * Sentry) and per workload kind, each metric's unit and the range its threshold may take. The stack
 * file names a metric by its id (`cloudRun.latencyP95`); the rules check the workload has it and the
 * threshold is in range; the assembly turns it into a condition or a Sentry aggregate. Nothing here
 * knows a product: a new service picks from this list in its stack file.
 */

export const WorkloadKinds = ["cloudRun", "kubernetes", "vercel", "host"] as const;
export type WorkloadKind = (typeof WorkloadKinds)[number];

export type MetricSource = "cloudMonitoring" | "uptime" | "sentry";
export type Comparison = "above" | "below";

/** A threshold's unit: how a summary writes it and the values it may take. */
export interface Unit {
  /** After the number in a summary: " ms", " %", "/s". */
  suffix: string;
  /** Exclusive lower and inclusive upper bound of a threshold. */
  above: number;
  atMost: number;
  /** The phrase an error uses: "a percentage above 0 and at most 100". */
  expected: string;
}

const Percent: Unit = { suffix: " %", above: 0, atMost: 100, expected: "a percentage above 0 and at most 100" };
const PercentOfLimit: Unit = { ...Percent, suffix: " % of limit in any pod" };
const RequestMs: Unit = { suffix: " ms", above: 0, atMost: 300000, expected: "milliseconds above 0 and at most 300000 (Cloud Run's longest request)" };
const TransactionMs: Unit = { suffix: " ms", above: 0, atMost: 300000, expected: "milliseconds above 0 and at most 300000" };
/** An uptime check times out after 10 s by default and 60 s at most (UptimeCheckConfig.timeout). */
const ProbeMs: Unit = { suffix: " ms", above: 0, atMost: 60000, expected: "milliseconds above 0 and at most 60000 (an uptime check has timed out by then)" };
const PerSecond: Unit = { suffix: "/s", above: 0, atMost: 1000000, expected: "requests per second above 0 and at most 1000000" };
const PerWindow: Unit = {
  suffix: " transactions",
  above: 0,
  atMost: 1000000000,
  expected: "a number of transactions per window above 0 and at most 1000000000",
};

/**
 * How Sentry computes a metric alert's value (docs.sentry.io/api/alerts/create-a-metric-alert-rule-
 * for-an-organization, "Metric Alert Rule Types", and getsentry/sentry
 * src/sentry/incidents/endpoints/organization_alert_rule_index.py): Failure Rate is `failure_rate()`
 * on `transactions`, Transaction Duration `p95(transaction.duration)` on `generic_metrics` (a custom
 * percentile would need `transactions`), Throughput `count()` on `transactions`.
 */
export interface SentryAggregate {
  aggregate: string;
  dataset: string;
  /**
   * The stack file's threshold → Sentry's. failure_rate() is a fraction of transactions (getsentry/
   * sentry's FailureRate: failed count / count; the API's own example alerts at 0.05 for 5 %).
   */
  toSentry: (threshold: number) => number;
}

export interface Metric {
  source: MetricSource;
  /** The workload kinds that have it. @default every kind (probes and Sentry watch any workload) */
  workloads?: readonly WorkloadKind[];
  /** What a summary calls it: "p95 latency". */
  label: string;
  /** Its threshold's unit. @default none: the metric counts failing checker regions instead */
  unit?: Unit;
  /** @default ["above"] */
  comparisons?: readonly Comparison[];
  sentry?: SentryAggregate;
}

const same = (t: number) => t;

export const Metrics = {
  /** run.googleapis.com/request_latencies, p95 over the service's revisions. */
  "cloudRun.latencyP95": { source: "cloudMonitoring", workloads: ["cloudRun"], label: "p95 latency", unit: RequestMs },
  "cloudRun.latencyP99": { source: "cloudMonitoring", workloads: ["cloudRun"], label: "p99 latency", unit: RequestMs },
  /** The 5xx share of run.googleapis.com/request_count. */
  "cloudRun.errorRate": { source: "cloudMonitoring", workloads: ["cloudRun"], label: "error rate", unit: Percent },
  "cloudRun.requestRate": { source: "cloudMonitoring", workloads: ["cloudRun"], label: "request rate", unit: PerSecond },
  /** kubernetes.io/container/cpu/limit_utilization of the app's container, its busiest pod. */
  "kubernetes.cpuLimitUtilization": { source: "cloudMonitoring", workloads: ["kubernetes"], label: "cpu", unit: PercentOfLimit },
  "kubernetes.memoryLimitUtilization": { source: "cloudMonitoring", workloads: ["kubernetes"], label: "memory", unit: PercentOfLimit },
  /** Checker regions whose latest probe failed (uptime_check/check_passed); no threshold of its own. */
  "uptime.failing": { source: "uptime", label: "failing" },
  /** The probe's own response time (uptime_check/request_latency), its slowest region. */
  "uptime.latency": { source: "uptime", label: "probe response", unit: ProbeMs },
  "sentry.failureRate": {
    source: "sentry",
    label: "error rate",
    unit: Percent,
    sentry: { aggregate: "failure_rate()", dataset: "transactions", toSentry: (t: number) => t / 100 },
  },
  "sentry.latencyP95": {
    source: "sentry",
    label: "p95 latency",
    unit: TransactionMs,
    sentry: { aggregate: "p95(transaction.duration)", dataset: "generic_metrics", toSentry: same },
  },
  "sentry.latencyP99": {
    source: "sentry",
    label: "p99 latency",
    unit: TransactionMs,
    sentry: { aggregate: "p99(transaction.duration)", dataset: "generic_metrics", toSentry: same },
  },
  /** Transactions per window; "below" alerts on a drop under a floor. */
  "sentry.throughput": {
    source: "sentry",
    label: "throughput",
    unit: PerWindow,
    comparisons: ["above", "below"],
    sentry: { aggregate: "count()", dataset: "transactions", toSentry: same },
  },
} as const satisfies Record<string, Metric>;

export type MetricId = keyof typeof Metrics;
export const MetricIds = Object.keys(Metrics) as MetricId[];

export const metricOf = (id: MetricId): Metric => Metrics[id];

/** True when the workload kind has the metric (Cloud Run's request metrics only on Cloud Run). */
export const workloadHas = (kind: WorkloadKind, id: MetricId): boolean => metricOf(id).workloads?.includes(kind) ?? true;

/** The metrics a workload kind offers, for messages. */
export const metricsOf = (kind: WorkloadKind): MetricId[] => MetricIds.filter((id) => workloadHas(kind, id));

export const hasThreshold = (id: MetricId): boolean => metricOf(id).unit !== undefined;

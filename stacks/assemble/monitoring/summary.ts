import { metricOf } from "../../../components/monitoring/metrics";
import { AlertSpec } from "../../validate/rules/monitoring";

/** What a summary's `{...}` tokens stand for in one alert. */
export interface SummaryValues {
  probe?: string;
  failing?: string;
  threshold?: number;
}

/**
 * An alert's summary, which its display name and documentation repeat: the stack file's, its tokens
 * filled in, or the metric's label with the threshold and duration (`p95 latency > 1000 ms for 5m`).
 */
export function summaryOf(alert: AlertSpec, values: SummaryValues): string {
  const metric = metricOf(alert.metric);
  const unit = metric.unit?.suffix ?? "";
  const cmp = (alert.comparison ?? "above") === "above" ? ">" : "<";
  const threshold = values.threshold === undefined ? "" : `${values.threshold}${unit}`;
  const fill: Record<string, string> = { probe: values.probe ?? "", failing: values.failing ?? "", threshold, duration: alert.duration ?? "" };
  if (alert.summary) return alert.summary.replace(/\{(probe|failing|threshold|duration)\}/g, (_, token: string) => fill[token]);
  if (alert.metric === "uptime.failing") return `${values.probe} failing (${values.failing})`;
  const label = alert.metric === "uptime.latency" ? `${alert.probe} ${metric.label}` : metric.label;
  if (metric.source === "sentry") {
    const warning = alert.warning ? ` (warning ${cmp} ${alert.warning.threshold}${unit})` : "";
    return `${label} ${cmp} ${threshold} over ${alert.duration}${warning}`;
  }
  return `${label} ${cmp} ${threshold} for ${alert.duration}`;
}

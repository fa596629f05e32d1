import { ForceNewTable } from "./types";

/**
 * @pulumiverse/sentry 0.0.9 (pulumiverse/pulumi-sentry tag v0.0.9, provider/go.mod) builds
 * jianyuan/terraform-provider-sentry v0.11.2; these lists are read at that tag.
 */
export const Sentry: ForceNewTable = new Map([
  // jianyuan/terraform-provider-sentry v0.11.2 sentry/resource_sentry_metric_alert.go (no ForceNew input:
  // a new organization or project is an update of the rule, by the id it has)
  ["sentry:index/sentryMetricAlert:SentryMetricAlert", []],
]);

import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import { Comparison } from "./metrics";
import { argumentCheck } from "../argumentCheck";

/**
 * Where a Sentry alert pages: the organization's PagerDuty integration and the id of the service entry
 * it holds (Settings › Integrations › PagerDuty: a service name and that service's integration key).
 * Sentry looks the entry up by `targetIdentifier` in the integration's `service_table` and sends the
 * event with that key (getsentry/sentry src/sentry/integrations/pagerduty/utils.py,
 * send_incident_alert_notification).
 */
export interface PagerDutyRoute {
  integrationId: number;
  serviceId: number;
}

export interface SentryMetricAlertArgs {
  /** Organization and project slugs; both exist in Sentry (the apps report there), none is created here. */
  organization: string;
  project: string;
  /** @default every environment */
  environment?: string;
  /** Shown in Sentry and as the PagerDuty incident's summary. */
  alertName: string;
  aggregate: string;
  dataset: string;
  /** Minutes of data each evaluation aggregates; Sentry evaluates every minute. */
  timeWindowMinutes: number;
  /** @default "above" */
  comparison?: Comparison;
  /** Sentry's value (a failure rate as a fraction), at which the alert is critical. */
  critical: number;
  /** A lower level first. @default none */
  warning?: number;
  pagerDuty: PagerDutyRoute;
}

/** Sentry's thresholdType: 0 above, 1 below (organization_alert_rule_index.py, `thresholdType`). */
const ThresholdType: Record<Comparison, number> = { above: 0, below: 1 };

/**
 * A Sentry metric alert whose every trigger pages PagerDuty. Sentry takes a `critical` trigger first and
 * an optional `warning` one, each with an action, the critical one beyond the warning, a time window of
 * 1 to 1440 minutes and a name of at most 256 characters (getsentry/sentry
 * src/sentry/incidents/serializers/alert_rule.py, AlertRuleSerializer.validate). PagerDuty gets
 * severity "critical" or "warning" from the trigger that fired (pagerduty/utils.py,
 * build_incident_attachment): with severity-based urgency, critical pages high and warning low.
 */
export class SentryMetricAlert extends pulumi.ComponentResource {
  readonly alertId: pulumi.Output<string>;

  constructor(name: string, args: SentryMetricAlertArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:monitoring:SentryMetricAlert", name, {}, opts);
    const fail = argumentCheck("SentryMetricAlert", name);
    const comparison = args.comparison ?? "above";
    const window = args.timeWindowMinutes;
    // Guard: Sentry refuses a window outside 1-1440 minutes and a name outside 1-256 characters.
    if (!(Number.isInteger(window) && window >= 1 && window <= 1440)) fail("timeWindowMinutes", window, "whole minutes from 1 to 1440");
    if (!args.alertName || args.alertName.length > 256) fail("alertName", args.alertName, "1 to 256 characters");
    // Guard: Sentry refuses a critical trigger short of the warning one (AlertRuleSerializer.validate).
    if (args.warning !== undefined) {
      const beyond = comparison === "above" ? args.critical > args.warning : args.critical < args.warning;
      if (!beyond) fail("critical", args.critical, `${comparison === "above" ? "above" : "below"} the warning threshold (${args.warning})`);
    }
    // Guard: an action without real ids pages no one.
    for (const field of ["integrationId", "serviceId"] as const) {
      const id = args.pagerDuty[field];
      if (!(Number.isInteger(id) && id > 0)) fail(`pagerDuty.${field}`, id, "a positive whole number (a Sentry id)");
    }

    const thresholdType = ThresholdType[comparison];
    // PagerDuty's targetIdentifier is the service entry's id, "an integer for PagerDuty" (the API docs).
    const actions = [
      { type: "pagerduty", targetType: "specific", targetIdentifier: String(args.pagerDuty.serviceId), integrationId: args.pagerDuty.integrationId },
    ];
    const trigger = (label: "critical" | "warning", alertThreshold: number) => ({ label, alertThreshold, thresholdType, actions });
    const alert = new sentry.SentryMetricAlert(
      name,
      {
        organization: args.organization,
        project: args.project,
        name: args.alertName,
        environment: args.environment,
        dataset: args.dataset,
        query: "",
        aggregate: args.aggregate,
        timeWindow: window,
        thresholdType,
        triggers: [trigger("critical", args.critical), ...(args.warning !== undefined ? [trigger("warning", args.warning)] : [])],
      },
      { parent: this },
    );
    this.alertId = alert.internalId;
    this.registerOutputs({ alertId: this.alertId });
  }
}

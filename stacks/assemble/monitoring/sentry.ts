import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import { metricOf } from "../../../components/monitoring/metrics";
import { SentryMetricAlert } from "../../../components/monitoring/sentryMetricAlert";
import { AlertSpec, seconds } from "../../validate/rules/monitoring";
import { runbookRef, ServiceContext } from "./context";
import { summaryOf } from "./summary";

/** Sentry keeps a metric alert's name to 256 characters (incidents/serializers/alert_rule.py). */
const MaxName = 256;

/**
 * The one Sentry provider, its token from SENTRY_AUTH_TOKEN in the environment of `pulumi up` (the
 * name terraform-provider-sentry reads first), never from a file. A preview without it (the offline
 * plan, tests) still records every alert: the provider calls Sentry only to read or change one.
 */
export function sentryProvider(): sentry.Provider {
  const token = process.env.SENTRY_AUTH_TOKEN;
  if (!token && !pulumi.runtime.isDryRun()) throw new Error("SENTRY_AUTH_TOKEN is not set: `pulumi up` needs a Sentry auth token in the environment");
  return new sentry.Provider("sentry", { token: pulumi.secret(token ?? "") });
}

/**
 * A Sentry metric alert on the service's Sentry project, paging the product's PagerDuty service through
 * its organization's PagerDuty integration. The name carries the severity and the runbook section:
 * this provider's metric alerts have no description, and PagerDuty shows the name.
 */
export function sentryAlert(ctx: ServiceContext, key: string, alert: AlertSpec, provider: sentry.Provider): SentryMetricAlert {
  const project = ctx.spec.sentry!; // the spec checked the project and the organization's routing
  const org = ctx.settings.sentryOrganizations[project.organization];
  const metric = metricOf(alert.metric).sentry!;
  const threshold = alert.thresholdOverride ?? alert.threshold!;
  const summary = summaryOf(alert, { threshold });
  const severities = alert.warning ? `${alert.severity}/${alert.warning.severity}` : alert.severity;
  const ref = runbookRef(ctx, alert.runbook);
  const head = `[${severities}] ${ctx.name}: ${summary}; runbook ${ref.number} (${ref.file}) § `;
  const alertName = head + ref.procedure.slice(0, Math.max(0, MaxName - head.length));
  return new SentryMetricAlert(
    `${ctx.name}-${key}`,
    {
      organization: project.organization,
      project: project.project,
      environment: project.environment,
      alertName,
      aggregate: metric.aggregate,
      dataset: metric.dataset,
      timeWindowMinutes: seconds(alert.duration!) / 60,
      comparison: alert.comparison,
      critical: metric.toSentry(threshold),
      warning: alert.warning ? metric.toSentry(alert.warning.threshold) : undefined,
      pagerDuty: { integrationId: org.pagerDutyIntegrationId, serviceId: org.pagerDutyServices[ctx.spec.product] },
    },
    { provider },
  );
}

import { AlertPolicy, UptimeCheckConfig } from "@pulumi/gcp/monitoring";
import { AlertConfiguration } from "@pulumi/mongodbatlas";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ofType, resourceRule, RuleInfo, settings, stackRule } from "../lib/policy";
import { asArray, knownStrings, mentions, peek, Unknown } from "../lib/values";
import { SentryMetricAlertType } from "./sentry";

const alertInfo: RuleInfo = {
  name: "monitoring-alert-enabled-notified",
  description: "Every alert policy is enabled (or silenced with an end time) and notifies at least one notification channel.",
  severity: "high",
  remediation:
    "Remove `enabled: false` (a planned silence is `silence: {until, reason}` in the stack file, which sets the `silenced-until` label) and give the alert policy a notification channel (PagerDuty for paging alerts, e-mail or Slack for the rest).",
};

export const monitoringAlertEnabledNotified = resourceRule(
  alertInfo,
  validateResourceOfType(AlertPolicy, (p, args, report) => {
    const name = p.displayName ?? args.name;
    // A silence with an end is reviewed in the stack file and shows as the `silenced-until` label.
    const until = peek(() => p.userLabels?.["silenced-until"]);
    const silenced = until === Unknown || (typeof until === "string" && !Number.isNaN(silenceEnd(until)));
    if (p.enabled === false && !silenced) report(`Alert policy "${name}" is disabled without a \`silenced-until\` end time.`);
    const channels = peek(() => p.notificationChannels);
    // Unknown channels are ids of channels this stack creates: present.
    if (channels !== Unknown && asArray(channels).length === 0) report(`Alert policy "${name}" has no notification channel, so it pages no one.`);
  }),
);

// A monitoring-area rule named for the objects it checks, the Atlas provider's alert configurations
// (as pagerduty-* and sentry-* are), not for the atlas area.
const atlasAlertInfo: RuleInfo = {
  name: "atlas-alert-enabled-notified",
  description:
    'Every Atlas alert configuration is enabled and notifies someone (at least one notification), as monitoring-alert-enabled-notified requires of Cloud Monitoring alerts: a disabled or silent Atlas alert is the runbooks\' "no one was paged" (Atlas alert configuration docs: enabled, notifications).',
  severity: "high",
  remediation: "Remove `enabled: false` and keep the PagerDuty notification the AtlasAlerts component adds; change a threshold rather than disable the alert.",
};

export const atlasAlertEnabledNotified = resourceRule(
  atlasAlertInfo,
  validateResourceOfType(AlertConfiguration, (a, args, report) => {
    const what = `Atlas alert "${args.name}" (${a.eventType})`;
    // The provider's default is enabled: only an explicit false turns it off.
    if (a.enabled === false) report(`${what} is disabled.`);
    const notifications = peek(() => a.notifications);
    if (notifications !== Unknown && asArray(notifications).length === 0) report(`${what} has no notification, so it pages no one.`);
  }),
);

/** The `silenced-until` label (2025-12-01t06-00-00z, a label keeps no ':') as a time, or NaN. */
export function silenceEnd(label: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})t(\d{2})-(\d{2})-(\d{2})z$/.exec(label);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`) : NaN;
}

/** Resource types that serve traffic and so need alerts and an uptime check. */
const DefaultServiceTypes = ["gcp:cloudrunv2/service:Service", "kubernetes:apps/v1:Deployment", "vercel:index/project:Project"];

const coverageInfo: RuleInfo = {
  name: "monitoring-service-coverage",
  description: "Every service has at least one alert (a Cloud Monitoring alert policy or a Sentry metric alert) and an uptime check that name it.",
  severity: "high",
  remediation:
    "Add the service under `platform:monitoring.services.<service>` in Pulumi.<stack>.yaml, with its workload, a probe (an uptime check) and an alert; they cover a service when their user label `service` is its name (or their filter, host or a Sentry alert's name names it).",
  config: {
    serviceTypes: { type: "array", items: { type: "string" }, default: DefaultServiceTypes, description: "Resource types that count as services." },
  },
};

/** The name a service answers to: its physical name, else its logical one. */
function serviceName(r: PolicyResource): string {
  const physical = peek(() => r.props.metadata?.name ?? r.props.name);
  return typeof physical === "string" && physical ? physical : r.name;
}

function covers(check: PolicyResource, service: string): boolean {
  const label = peek(() => check.props.userLabels?.service);
  if (label === service) return true;
  return knownStrings(check.props).some((text) => mentions(text, service));
}

export const monitoringServiceCoverage: StackValidationPolicy = stackRule(coverageInfo, (args, report) => {
  const { serviceTypes } = settings<{ serviceTypes: string[] }>(coverageInfo, args);
  const alerts = [...ofType(args.resources, AlertPolicy), ...args.resources.filter((r) => r.type === SentryMetricAlertType)];
  const uptime = ofType(args.resources, UptimeCheckConfig);
  for (const service of args.resources.filter((r) => serviceTypes.includes(r.type))) {
    const name = serviceName(service);
    const missing = [...(alerts.some((a) => covers(a, name)) ? [] : ["an alert policy"]), ...(uptime.some((u) => covers(u, name)) ? [] : ["an uptime check"])];
    if (missing.length) report(`Service "${name}" (${service.type}) lacks ${missing.join(" and ")}.`, service.urn);
  }
});

export const monitoringPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  monitoringAlertEnabledNotified,
  atlasAlertEnabledNotified,
  monitoringServiceCoverage,
];

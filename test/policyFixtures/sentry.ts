import { monitoringServiceCoverage } from "../../policies/rules/monitoring";
import { SentryMetricAlertType, sentryAlertPagesPagerDuty } from "../../policies/rules/sentry";
import { props, resource, RuleSuite, unknown } from "../policyHarness";

/**
 * A Sentry metric alert as the SentryMetricAlert component makes it: a critical trigger and a warning
 * one, each paging PagerDuty through the organization's integration (`integrationId`) and the id of its
 * service entry (`targetIdentifier`, "an integer for PagerDuty": docs.sentry.io, Create a Metric Alert
 * Rule for an Organization; getsentry/sentry integrations/pagerduty/utils.py looks it up by that id).
 */
export function sentryAlert(name = "merchant-backend-error-rate", service = "merchant-backend") {
  const actions = [{ type: "pagerduty", targetType: "specific", targetIdentifier: "200002", integrationId: 100002 }];
  return resource(SentryMetricAlertType, name, {
    organization: "rez",
    project: service,
    name: `[SEV-2/SEV-3] ${service}: error rate > 5 % over 5m (warning > 1 %); runbook 003 (003_8a0638dc139ba9f2.txt) § Monitoring & Alerts: 1. Error Rate`,
    aggregate: "failure_rate()",
    dataset: "transactions",
    query: "",
    timeWindow: 5,
    thresholdType: 0,
    triggers: [
      { label: "critical", alertThreshold: 0.05, thresholdType: 0, actions },
      { label: "warning", alertThreshold: 0.01, thresholdType: 0, actions },
    ],
  });
}

const deployment = (name: string) => resource("kubernetes:apps/v1:Deployment", name, { metadata: { name, namespace: "production" } });
const uptimeCheck = (service: string) =>
  resource("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", `${service}-health`, {
    displayName: `${service} health`,
    userLabels: { service },
    httpCheck: { path: "/health" },
  });

export const sentrySuites: RuleSuite[] = [
  {
    policy: sentryAlertPagesPagerDuty,
    good: () => [sentryAlert()],
    violations: [
      [
        "a warning trigger that only e-mails",
        (rs) => void (props(rs).triggers[1].actions = [{ type: "email", targetType: "team", targetIdentifier: "42" }]),
        /"\[SEV-2\/SEV-3\] merchant-backend: .*" trigger 2 \(warning\) has no PagerDuty action/,
      ],
      ["a critical trigger with no action", (rs) => void (props(rs).triggers[0].actions = []), /trigger 1 \(critical\) has no PagerDuty action/],
      [
        "a PagerDuty action without the integration",
        (rs) => void delete props(rs).triggers[0].actions[0].integrationId,
        /trigger 1 \(critical\) pages PagerDuty through no integration \(integrationId\)/,
      ],
      [
        "a PagerDuty action naming the service, not its entry's id",
        (rs) => void (props(rs).triggers[0].actions[0].targetIdentifier = "rez (prod)"),
        /trigger 1 \(critical\) names no PagerDuty service entry \(targetIdentifier, an integer id\)/,
      ],
      ["no trigger at all", (rs) => void (props(rs).triggers = []), /has no trigger/],
    ],
    passes: [
      [
        "ids a preview cannot know yet",
        (rs) => void ((props(rs).triggers[0].actions[0].integrationId = unknown()), (props(rs).triggers[0].actions[0].targetIdentifier = unknown())),
      ],
      ["an e-mail beside the PagerDuty action", (rs) => void props(rs).triggers[0].actions.push({ type: "email", targetType: "team", targetIdentifier: "42" })],
      ["another resource type", (rs) => void (rs[0] = deployment("api"))],
    ],
  },
  {
    // Coverage counts a Sentry alert that names the service as that service's alert (issue 21).
    policy: monitoringServiceCoverage,
    good: () => [deployment("merchant-backend"), sentryAlert(), uptimeCheck("merchant-backend")],
    violations: [
      [
        "a Sentry alert of another service",
        (rs) => void (rs[1] = sentryAlert("fixzit-error-rate", "fixzit")),
        /Service "merchant-backend" \(kubernetes:apps\/v1:Deployment\) lacks an alert policy\./,
      ],
      [
        "a Sentry alert but no uptime check",
        (rs) => void rs.splice(2, 1),
        /Service "merchant-backend" \(kubernetes:apps\/v1:Deployment\) lacks an uptime check\./,
      ],
    ],
  },
];

import { ResourceValidationPolicy } from "@pulumi/policy";
import { resourceRule, RuleInfo } from "../lib/policy";
import { asArray, peek, Unknown } from "../lib/values";

/** The type token of @pulumiverse/sentry's metric alert (read by name: the pack needs no Sentry SDK). */
export const SentryMetricAlertType = "sentry:index/sentryMetricAlert:SentryMetricAlert";

interface Action {
  type?: string;
  integrationId?: number;
  targetIdentifier?: string;
}

const pagerDutyInfo: RuleInfo = {
  name: "sentry-alert-pages-pagerduty",
  description:
    "Every trigger of every Sentry metric alert pages PagerDuty: an action of type `pagerduty` with the organization's PagerDuty integration (`integrationId`) and the id of its service entry (`targetIdentifier`, an integer: docs.sentry.io, Create a Metric Alert Rule). A trigger that only e-mails is the runbooks' \"no one was paged\".",
  severity: "high",
  remediation:
    "Declare the alert under `platform:monitoring.services.<service>.alerts` (the SentryMetricAlert component gives every trigger the PagerDuty action), and give its organization `sentryOrganizations.<org>.pagerDutyIntegrationId` and `pagerDutyServices.<product>`.",
};

/** A value a preview knows to be set, or cannot know yet (an id of a resource this stack creates). */
function present(read: () => unknown): boolean {
  const v = peek(read);
  return v === Unknown || (v !== undefined && v !== null && v !== "" && v !== 0);
}

/** What is wrong with a trigger's actions, or undefined when one pages PagerDuty. */
function pagerDutyProblem(actions: Action[]): string | undefined {
  const pagerDuty = actions.filter((a) => a.type === "pagerduty");
  if (!pagerDuty.length) return "has no PagerDuty action";
  if (!pagerDuty.some((a) => present(() => a.integrationId))) return "pages PagerDuty through no integration (integrationId)";
  const entry = (a: Action) => peek(() => a.targetIdentifier) === Unknown || /^[0-9]+$/.test(String(a.targetIdentifier ?? ""));
  if (!pagerDuty.some(entry)) return "names no PagerDuty service entry (targetIdentifier, an integer id)";
  return undefined;
}

export const sentryAlertPagesPagerDuty = resourceRule(pagerDutyInfo, (args, report) => {
  if (args.type !== SentryMetricAlertType) return;
  const name = typeof args.props.name === "string" ? args.props.name : args.name;
  const triggers = asArray<{ label?: string; actions?: Action[] }>(args.props.triggers);
  if (!triggers.length) report(`Sentry metric alert "${name}" has no trigger.`);
  triggers.forEach((trigger, i) => {
    const problem = pagerDutyProblem(asArray(trigger.actions));
    if (problem) report(`Sentry metric alert "${name}" trigger ${i + 1} (${trigger.label ?? "unlabelled"}) ${problem}.`);
  });
});

export const sentryPolicies: ResourceValidationPolicy[] = [sentryAlertPagesPagerDuty];

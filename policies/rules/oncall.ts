import { EscalationPolicy, Service } from "@pulumi/pagerduty";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { asArray, peek, Unknown } from "../lib/values";

// The on-call area's policies (platform:oncall). Their ids name the PagerDuty objects they check, as
// sentry-alert-pages-pagerduty names Sentry's: the provider, not the area.

const rulesInfo: RuleInfo = {
  name: "pagerduty-escalation-rules",
  description: "Every escalation policy has rules that each page someone, and loops so an unacknowledged incident is not dropped.",
  severity: "high",
  remediation: "Give the escalation policy at least one rule with a target (a schedule or user) and `numLoops` of at least the minimum.",
  config: { minLoops: { type: "integer", minimum: 0, default: 1, description: "Fewest times the policy repeats when no one acknowledges." } },
};

export const pagerdutyEscalationRules = resourceRule(
  rulesInfo,
  validateResourceOfType(EscalationPolicy, (p, args, report) => {
    const { minLoops } = settings<{ minLoops: number }>(rulesInfo, args);
    const name = p.name ?? args.name;
    const rules = asArray(p.rules);
    if (!rules.length) report(`Escalation policy "${name}" has no rules.`);
    rules.forEach((rule, i) => {
      if (!asArray(rule.targets).length) report(`Escalation policy "${name}" rule ${i + 1} pages no one (no targets).`);
    });
    if ((p.numLoops ?? 0) < minLoops) report(`Escalation policy "${name}" loops ${p.numLoops ?? 0} time(s); the minimum is ${minLoops}.`);
  }),
);

const serviceInfo: RuleInfo = {
  name: "pagerduty-service-escalation",
  description: "Every PagerDuty service has an escalation policy.",
  severity: "high",
  remediation: "Set the service's escalation policy (the platform's escalation policy for the product).",
};

export const pagerdutyServiceEscalation = resourceRule(
  serviceInfo,
  validateResourceOfType(Service, (s, args, report) => {
    // Unknown is the id of an escalation policy this stack creates: present.
    const policy = peek(() => s.escalationPolicy);
    if (policy !== Unknown && !policy) report(`PagerDuty service "${s.name ?? args.name}" has no escalation policy.`);
  }),
);

export const oncallPolicies: ResourceValidationPolicy[] = [pagerdutyEscalationRules, pagerdutyServiceEscalation];

import { ForceNewTable } from "./types";

/**
 * @pulumi/pagerduty 3.4.0 (pulumi-pagerduty tag v3.4.0, "Upgrade terraform-provider-pagerduty to
 * v2.4.0") builds PagerDuty/terraform-provider-pagerduty v2.4.0 through pulumi's fork (go.mod replace,
 * v1.9.6-0.20220406164655-6a97d42457b2, not stored); these lists are read at the upstream v2.4.0 tag.
 */
export const PagerDuty: ForceNewTable = new Map([
  // PagerDuty/terraform-provider-pagerduty v2.4.0 pagerduty/resource_pagerduty_escalation_policy.go (no ForceNew input)
  ["pagerduty:index/escalationPolicy:EscalationPolicy", []],
  // PagerDuty/terraform-provider-pagerduty v2.4.0 pagerduty/resource_pagerduty_service.go (no ForceNew input)
  ["pagerduty:index/service:Service", []],
  // PagerDuty/terraform-provider-pagerduty v2.4.0 pagerduty/resource_pagerduty_service_integration.go (email_filter: its count only)
  ["pagerduty:index/serviceIntegration:ServiceIntegration", ["service", "type", "vendor", "emailFilters.#"]],
]);

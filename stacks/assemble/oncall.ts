import * as pagerduty from "@pulumi/pagerduty";
import * as pulumi from "@pulumi/pulumi";
import { OncallEscalationPolicy } from "../../components/oncall/escalationPolicy";
import { OncallService } from "../../components/oncall/service";
import { Assembly } from "./context";

/** What monitoring needs of a product's on-call: where its alerts go. */
export interface ProductOncall {
  serviceId: pulumi.Output<string>;
  /** Events API v2 key: a Pulumi secret. */
  integrationKey: pulumi.Output<string>;
}

/**
 * `platform:oncall` → escalation policies and one PagerDuty service per product, with an explicit
 * PagerDuty provider whose token comes from PAGERDUTY_TOKEN in the environment, never from a file.
 */
export function assembleOncall(a: Assembly): Map<string, ProductOncall> {
  const products = new Map<string, ProductOncall>();
  const settings = a.spec.oncall;
  if (!settings) return products;
  const token = process.env.PAGERDUTY_TOKEN;
  if (!token && !pulumi.runtime.isDryRun()) throw new Error("PAGERDUTY_TOKEN is not set: `pulumi up` needs a PagerDuty API token in the environment");
  // A preview without the token (the offline plan, tests) still records every PagerDuty resource.
  const provider = new pagerduty.Provider("pagerduty", { token: pulumi.secret(token ?? ""), skipCredentialsValidation: !token });
  const env = a.spec.environment;

  const policies = new Map<string, OncallEscalationPolicy>();
  for (const [key, policy] of Object.entries(settings.escalationPolicies)) {
    policies.set(
      key,
      new OncallEscalationPolicy(
        key,
        {
          policyName: `${key} (${env})`,
          numLoops: policy.numLoops,
          levels: policy.levels.map((level) => ({
            name: level.name,
            escalateAfterMinutes: level.escalateAfterMinutes,
            // The spec checked that each target is exactly one of the two.
            targets: level.targets.map((t) => (t.schedule ? { type: "schedule" as const, id: t.schedule } : { type: "user" as const, id: t.user! })),
          })),
        },
        { provider },
      ),
    );
  }
  for (const [product, service] of Object.entries(settings.services)) {
    const component = new OncallService(
      `${product}-oncall`,
      {
        serviceName: `${product} (${env})`,
        description: `Alerts of ${product} in ${env}, from Cloud Monitoring and MongoDB Atlas. Declared in Pulumi.${a.spec.stack}.yaml.`,
        escalationPolicyId: policies.get(service.escalationPolicy)!.policyId, // checked by the spec
        autoResolveTimeoutSeconds: service.autoResolveTimeoutMinutes * 60,
        acknowledgementTimeoutSeconds: service.acknowledgementTimeoutMinutes * 60,
      },
      { provider },
    );
    products.set(product, { serviceId: component.serviceId, integrationKey: component.integrationKey });
  }
  return products;
}

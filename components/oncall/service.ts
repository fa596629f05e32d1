import * as pagerduty from "@pulumi/pagerduty";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

export interface OncallServiceArgs {
  serviceName: string;
  description?: string;
  escalationPolicyId: pulumi.Input<string>;
  /** An open incident resolves by itself after this. @default 14400 (4 h) */
  autoResolveTimeoutSeconds?: number;
  /** An acknowledged, unresolved incident pages again after this. @default 1800 (30 min) */
  acknowledgementTimeoutSeconds?: number;
}

/**
 * A PagerDuty service with one Events API v2 integration. Urgency follows each event's severity
 * (critical/error page at high urgency, warning/info at low), so one service serves every alert of
 * a product. The integration key is only ever handed out as a Pulumi secret.
 */
export class OncallService extends pulumi.ComponentResource {
  readonly serviceId: pulumi.Output<string>;
  /** The Events API v2 routing key: a secret. */
  readonly integrationKey: pulumi.Output<string>;

  constructor(name: string, args: OncallServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:oncall:Service", name, {}, opts);
    const autoResolve = args.autoResolveTimeoutSeconds ?? 14400;
    const acknowledgement = args.acknowledgementTimeoutSeconds ?? 1800;
    const fail = argumentCheck("OncallService", name);
    // Guard: a timeout under a minute resolves or re-pages an incident before anyone can act on it.
    for (const [field, value] of [
      ["autoResolveTimeoutSeconds", autoResolve],
      ["acknowledgementTimeoutSeconds", acknowledgement],
    ] as const) {
      if (!Number.isInteger(value) || value < 60) fail(field, value, "whole seconds of at least 60");
    }

    const service = new pagerduty.Service(
      name,
      {
        name: args.serviceName,
        description: args.description,
        escalationPolicy: args.escalationPolicyId,
        // Events API v2 integrations need alerts grouped into incidents.
        alertCreation: "create_alerts_and_incidents",
        incidentUrgencyRule: { type: "constant", urgency: "severity_based" },
        autoResolveTimeout: String(autoResolve),
        acknowledgementTimeout: String(acknowledgement),
      },
      { parent: this },
    );
    const integration = new pagerduty.ServiceIntegration(
      `${name}-events-v2`,
      { name: "Events API v2", service: service.id, type: "events_api_v2_inbound_integration" },
      { parent: this, additionalSecretOutputs: ["integrationKey"] },
    );
    this.serviceId = service.id;
    this.integrationKey = pulumi.secret(integration.integrationKey);
    this.registerOutputs({ serviceId: this.serviceId, integrationKey: this.integrationKey });
  }
}

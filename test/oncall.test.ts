import { ProgramRun } from "../tools/plan/record";
import { Secret } from "../tools/plan/values";
import { Area, ofType, resource, runStack, stackConfig } from "./harness";

const T = {
  policy: "pagerduty:index/escalationPolicy:EscalationPolicy",
  service: "pagerduty:index/service:Service",
  integration: "pagerduty:index/serviceIntegration:ServiceIntegration",
  provider: "pulumi:providers:pagerduty",
  channel: "gcp:monitoring/notificationChannel:NotificationChannel",
} as const;

// A value the integration would return after `pulumi up`; the test follows where it goes.
const IntegrationKey = "R0UT1NGKEY0000000000000000000000";
const withKey = (type: string) => (type === T.integration ? { integrationKey: IntegrationKey } : undefined);

/**
 * On-call and every area its integration keys reach: monitoring's GCP channels and Atlas alerts, with
 * the areas monitoring watches (Mixillo's Cloud Run service, Fixzit's Vercel project, which needs Cloud
 * Run, and REZ's Kubernetes app). Only Docker and the secrets no area names are left out.
 */
const Areas: readonly Area[] = ["oncall", "monitoring", "cloudRun", "vercel", "kubernetes", "atlas"];

describe("PagerDuty on-call in prod (runbook 000's escalation tree)", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runStack("prod", stackConfig("prod", Areas), { mockOutputs: withKey });
    expect(run.errors).toEqual([]);
  });

  test("GIVEN the tree WHEN planned THEN on-call → senior → manager → CTO escalate after 30, 30, 60 min (paged at 0, 30 min, 1 h, 2 h) and loop twice", () => {
    const policy = resource(run, T.policy, "engineering").inputs;
    expect(policy.name).toBe("engineering (prod)");
    expect(policy.numLoops).toBe(2);
    expect(policy.rules).toEqual([
      { escalationDelayInMinutes: 30, targets: [{ type: "schedule_reference", id: "PONCALL" }] },
      { escalationDelayInMinutes: 30, targets: [{ type: "schedule_reference", id: "PSENIOR" }] },
      { escalationDelayInMinutes: 60, targets: [{ type: "user_reference", id: "PENGMGR" }] },
      { escalationDelayInMinutes: 60, targets: [{ type: "user_reference", id: "PCTO001" }] },
    ]);
    expect(policy.description).toBe(
      "1. on-call engineer (30 min) → 2. senior engineer / team lead (30 min) → 3. engineering manager (60 min) → 4. CTO (60 min)",
    );
  });

  test("GIVEN four products WHEN planned THEN each has a service paging by severity, with timeouts, on the policy", () => {
    const services = ofType(run, T.service);
    expect([...services.keys()].sort()).toEqual(["fixzit-oncall", "mixillo-oncall", "rez-oncall", "spilttea-oncall"]);
    const policyUrn = resource(run, T.policy, "engineering").urn;
    for (const s of services.values()) {
      expect(s.inputs).toMatchObject({
        alertCreation: "create_alerts_and_incidents",
        incidentUrgencyRule: { type: "constant", urgency: "severity_based" },
        autoResolveTimeout: "14400",
        acknowledgementTimeout: "1800",
      });
      expect(s.propertyDependencies.escalationPolicy).toEqual([policyUrn]);
      expect(s.provider).toBe("urn:pulumi:prod::platform::pulumi:providers:pagerduty::pagerduty");
    }
    expect(resource(run, T.service, "mixillo-oncall").inputs.name).toBe("mixillo (prod)");
  });

  test("GIVEN each service WHEN planned THEN it has one Events API v2 integration", () => {
    for (const product of ["mixillo", "fixzit", "rez", "spilttea"]) {
      const integration = resource(run, T.integration, `${product}-oncall-events-v2`);
      expect(integration.inputs.type).toBe("events_api_v2_inbound_integration");
      expect(integration.propertyDependencies.service).toEqual([resource(run, T.service, `${product}-oncall`).urn]);
    }
  });

  test("GIVEN an integration key WHEN planned THEN it reaches the GCP channel only as a secret and appears in no recorded input", () => {
    const channel = resource(run, T.channel, "mixillo-mixillo-channels-pagerduty");
    expect(channel.inputs.sensitiveLabels.serviceKey).toBe(Secret);
    expect(channel.propertyDependencies.sensitiveLabels).toEqual([resource(run, T.integration, "mixillo-oncall-events-v2").urn]);
    expect(JSON.stringify(run.resources)).not.toContain(IntegrationKey);
  });

  test("GIVEN the PagerDuty provider WHEN planned THEN its token is a secret (from PAGERDUTY_TOKEN, never a file)", () => {
    const provider = resource(run, T.provider, "pagerduty");
    expect(provider.inputs.token).toBe(Secret);
  });
});

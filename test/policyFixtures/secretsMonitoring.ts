import { atlasAlertEnabledNotified, monitoringAlertEnabledNotified, monitoringServiceCoverage } from "../../policies/rules/monitoring";
import { secretsGeneratedRotation, secretsNoPublicAccess } from "../../policies/rules/secrets";
import { props, resource, RuleSuite, unknown } from "../policyHarness";
import { cloudRunService } from "./cloudRun";

const Reader = "serviceAccount:mixillo-backend-run@mixillo.iam.gserviceaccount.com";

/** JWT_SECRET as ManagedSecret generates it: secret, random value with a rotation keeper, version. */
function generatedSecret() {
  const secret = resource("gcp:secretmanager/secret:Secret", "JWT_SECRET", { secretId: "JWT_SECRET", replication: { auto: {} } });
  const value = resource("random:index/randomPassword:RandomPassword", "JWT_SECRET-value", { length: 64, special: false, keepers: { rotation: "2025-11-07" } });
  const version = resource(
    "gcp:secretmanager/secretVersion:SecretVersion",
    "JWT_SECRET-version",
    { secret: unknown(), secretData: "[secret]", deletionPolicy: "DISABLE" },
    { propertyDependencies: { secret: [secret.urn], secretData: [value.urn] }, dependencies: [secret.urn, value.urn] },
  );
  return [secret, value, version];
}

const alertPolicy = (service: string) =>
  resource("gcp:monitoring/alertPolicy:AlertPolicy", `${service}-5xx`, {
    displayName: `${service} 5xx rate`,
    combiner: "OR",
    enabled: true,
    notificationChannels: ["projects/mixillo/notificationChannels/123"],
    userLabels: { service },
    conditions: [{ displayName: "5xx", conditionThreshold: { filter: 'metric.type="run.googleapis.com/request_count"', comparison: "COMPARISON_GT" } }],
  });

const uptimeCheck = (service: string) =>
  resource("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", `${service}-uptime`, {
    displayName: `${service} health`,
    timeout: "10s",
    userLabels: { service },
    httpCheck: { path: "/health", useSsl: true },
  });

export const secretsMonitoringSuites: RuleSuite[] = [
  {
    policy: secretsNoPublicAccess,
    good: () => [
      resource("gcp:secretmanager/secretIamMember:SecretIamMember", "reads-JWT_SECRET", {
        secretId: "JWT_SECRET",
        role: "roles/secretmanager.secretAccessor",
        member: Reader,
      }),
      resource("gcp:secretmanager/secretIamBinding:SecretIamBinding", "readers-JWT_SECRET", {
        secretId: "JWT_SECRET",
        role: "roles/secretmanager.secretAccessor",
        members: [Reader],
      }),
      resource("gcp:secretmanager/secretIamPolicy:SecretIamPolicy", "policy-JWT_SECRET", {
        secretId: "JWT_SECRET",
        policyData: `{"bindings":[{"members":["${Reader}"]}]}`,
      }),
    ],
    violations: [
      ["an allUsers member", (rs) => void (props(rs, 0).member = "allUsers"), /Secret "JWT_SECRET" grants access to allUsers/],
      ["an allAuthenticatedUsers binding", (rs) => void props(rs, 1).members.push("allAuthenticatedUsers"), /grants access to allAuthenticatedUsers/],
      ["an IAM policy with allUsers", (rs) => void (props(rs, 2).policyData = '{"bindings":[{"members":["allUsers"]}]}'), /grants access to allUsers/],
    ],
  },
  {
    policy: secretsGeneratedRotation,
    good: generatedSecret,
    violations: [
      [
        "a generated value without a rotation keeper",
        (rs) => void delete props(rs, 1).keepers,
        /takes its value from JWT_SECRET-value, which has no `rotation` keeper/,
      ],
    ],
    passes: [
      ["an external secret (no generator)", (rs) => void ((rs[2].propertyDependencies.secretData = []), delete props(rs, 1).keepers)],
      ["a Secret Manager rotation period instead", (rs) => void ((props(rs, 0).rotation = { rotationPeriod: "2592000s" }), delete props(rs, 1).keepers)],
    ],
  },
  {
    policy: monitoringAlertEnabledNotified,
    good: () => [alertPolicy("mixillo-backend")],
    violations: [
      ["a disabled alert policy", (rs) => void (props(rs).enabled = false), /"mixillo-backend 5xx rate" is disabled without a `silenced-until` end time/],
      [
        "a silence whose end is not a time",
        (rs) => void ((props(rs).enabled = false), (props(rs).userLabels["silenced-until"] = "next-week")),
        /is disabled without a `silenced-until` end time/,
      ],
      ["no notification channel", (rs) => void (props(rs).notificationChannels = []), /has no notification channel/],
    ],
    passes: [
      ["channels this stack creates (unknown during preview)", (rs) => void (props(rs).notificationChannels = [unknown()])],
      ["a silence with an end time", (rs) => void ((props(rs).enabled = false), (props(rs).userLabels["silenced-until"] = "2025-12-01t06-00-00z"))],
    ],
  },
  {
    policy: atlasAlertEnabledNotified,
    good: () => [
      resource("mongodbatlas:index/alertConfiguration:AlertConfiguration", "rez-atlas-alerts-no-primary", {
        projectId: "5f0000000000000000000003",
        eventType: "NO_PRIMARY",
        enabled: true,
        notifications: [{ typeName: "PAGER_DUTY", serviceKey: "[secret]", delayMin: 0 }],
      }),
    ],
    violations: [
      ["a disabled Atlas alert", (rs) => void (props(rs).enabled = false), /Atlas alert "rez-atlas-alerts-no-primary" \(NO_PRIMARY\) is disabled/],
      ["an Atlas alert with no notification", (rs) => void (props(rs).notifications = []), /\(NO_PRIMARY\) has no notification, so it pages no one/],
    ],
    passes: [
      ["enabled left to the provider default (true)", (rs) => void delete props(rs).enabled],
      ["notifications this stack computes (unknown during preview)", (rs) => void (props(rs).notifications = unknown())],
    ],
  },
  {
    policy: monitoringServiceCoverage,
    good: () => [cloudRunService(), alertPolicy("mixillo-backend"), uptimeCheck("mixillo-backend")],
    violations: [
      ["a service without alert policies", (rs) => void rs.splice(1, 1), /Service "mixillo-backend" \(gcp:cloudrunv2\/service:Service\) lacks an alert policy/],
      ["a service without an uptime check", (rs) => void rs.splice(2, 1), /lacks an uptime check/],
      [
        "checks that name another service",
        (rs) => void rs.splice(1, 2, alertPolicy("fixzit"), uptimeCheck("fixzit")),
        /lacks an alert policy and an uptime check/,
      ],
    ],
    passes: [
      [
        "an alert whose filter names the service",
        (rs) =>
          void (delete props(rs, 1).userLabels, (props(rs, 1).conditions[0].conditionThreshold.filter = 'resource.labels.service_name="mixillo-backend"')),
      ],
    ],
  },
];

import * as pulumi from "@pulumi/pulumi";
import { Alert } from "../components/monitoring/alert";
import { AtlasAlerts } from "../components/monitoring/atlasAlerts";
import { UptimeCheck } from "../components/monitoring/uptimeCheck";
import { OnCallEscalationPolicy } from "../components/oncall/escalationPolicy";
import { OnCallService } from "../components/oncall/service";
import { uptimeFailures } from "../components/monitoring/conditions";
import { parseStackSpec } from "../stacks/spec";
import { runProgram } from "../tools/plan/record";
import { Config, editedConfig, specErrors, StackFile } from "./harness";

const Mon = "platform:monitoring";
const Pol = "platform:oncall.escalationPolicies.engineering";


const edited = (...edits: [string, unknown][]): Config => editedConfig("prod", ...edits);

const rejects = (edits: [string, unknown][], line: string) => expect(specErrors(edited(...edits))).toContain(`${StackFile.prod}: ${line}`);

describe("monitoring stack keys: bad input is rejected with file, key path, expectation and finding", () => {
  test.each([
    ["an error rate above 100 %", `${Mon}.mixillo.alerts.errorRate.threshold`, 120, `${Mon}.mixillo.alerts.errorRate.threshold: expected a percentage above 0 and at most 100, found 120 (a number)`],
    ["a CPU threshold of 0 %", `${Mon}.rez.alerts.cpuWarning.threshold`, 0, `${Mon}.rez.alerts.cpuWarning.threshold: expected a percentage above 0 and at most 100, found 0 (a number)`],
    ["a negative latency", `${Mon}.mixillo.alerts.latencyP95.threshold`, -5, `${Mon}.mixillo.alerts.latencyP95.threshold: expected milliseconds above 0 and at most 300000`],
    ["a duration without a unit", `${Mon}.mixillo.alerts.latencyP95.duration`, "5", `${Mon}.mixillo.alerts.latencyP95.duration: expected a duration such as 60s, 5m or 1h, found "5"`],
    ["an unknown severity", `${Mon}.mixillo.alerts.latencyP95.severity`, "P5", `${Mon}.mixillo.alerts.latencyP95.severity: expected one of P0, P1, P2, P3, SEV-1, SEV-2, SEV-3, SEV-4, found "P5"`],
    ["zero failing regions", `${Mon}.fixzit.alerts.availability.failingRegions`, 0, `${Mon}.fixzit.alerts.availability.failingRegions: expected a number of checker regions from 1 to 6 that must see the probe fail at once, found 0`],
    ["more failing regions than exist", `${Mon}.rez.alerts.availability.failingRegions`, 7, `${Mon}.rez.alerts.availability.failingRegions: expected a number of checker regions from 1 to 6 that must see the probe fail at once, found 7`],
    ["the old count of failed probes (issue #16)", `${Mon}.fixzit.alerts.availability.failures`, 2, `${Mon}.fixzit.alerts.availability.failures: unknown key (expected one of: failingRegions, failingFor, severity, silence)`],
    ["two checker regions (Google probes from at least 3)", `${Mon}.rez.checkerRegions`, ["EUROPE", "ASIA_PACIFIC"], `${Mon}.rez.checkerRegions: expected a list of at least 3 distinct checker regions of USA_OREGON, USA_IOWA, USA_VIRGINIA, EUROPE, SOUTH_AMERICA, ASIA_PACIFIC (Google probes from at least 3)`],
    ["USA, three checkers in one region", `${Mon}.rez.checkerRegions`, ["USA", "EUROPE", "ASIA_PACIFIC"], `${Mon}.rez.checkerRegions[0]: expected one of USA_OREGON, USA_IOWA, USA_VIRGINIA, EUROPE, SOUTH_AMERICA, ASIA_PACIFIC, found "USA"`],
    ["an unknown alert", `${Mon}.mixillo.alerts.latencyP99`, {}, `${Mon}.mixillo.alerts.latencyP99: unknown key; did you mean "latencyP95"?`],
    ["a silence without a time zone", `${Mon}.mixillo.alerts.requestRate.silence`, { until: "2025-12-01 06:00", reason: "x" }, `${Mon}.mixillo.alerts.requestRate.silence.until: expected an ISO 8601 time with its zone`],
  ])("GIVEN %s WHEN parsed THEN the key and the expectation are named", (_what, key, value, line) => rejects([[key, value]], line));

  test("GIVEN a silence without an end WHEN parsed THEN `until` is named as missing", () =>
    rejects([[`${Mon}.rez.alerts.cpuWarning.silence`, { reason: "maintenance" }]], `${Mon}.rez.alerts.cpuWarning.silence.until: missing; expected an ISO 8601 time with its zone`));

  test.each([
    ["90 seconds (not whole minutes)", `${Mon}.mixillo.alerts.errorRate.duration`, "90s", `${Mon}.mixillo.alerts.errorRate.duration: expected a whole number of minutes from 0s to 24h (GCP evaluates per minute), found 90s`],
    ["more than a day", `${Mon}.mixillo.alerts.errorRate.duration`, "25h", `${Mon}.mixillo.alerts.errorRate.duration: expected a whole number of minutes from 0s to 24h (GCP evaluates per minute), found 25h`],
    ["failing for 90 seconds", `${Mon}.fixzit.alerts.availability.failingFor`, "90s", `${Mon}.fixzit.alerts.availability.failingFor: expected a whole number of minutes from 0s to 24h (GCP evaluates per minute), found 90s`],
  ])("GIVEN a duration GCP does not accept, %s, WHEN parsed THEN it is rejected", (_what, key, value, line) => rejects([[key, value]], line));

  test("GIVEN a burn rate's short window not shorter than its long one WHEN parsed THEN shortWindow is named", () =>
    rejects([[`${Mon}.mixillo.slo.fastBurn.shortWindow`, "2h"]], `${Mon}.mixillo.slo.fastBurn.shortWindow: expected shorter than longWindow (1h), found 2h`));

  test.each([
    ["mixillo", "errorRateHigh", "errorRate", 4, 5],
    ["rez", "cpuCritical", "cpuWarning", 75, 80],
    ["rez", "memoryCritical", "memoryWarning", 85, 85],
  ])("GIVEN %s %s not above %s WHEN parsed THEN the escalated threshold is named", (product, high, low, value, lowValue) =>
    rejects([[`${Mon}.${product}.alerts.${high}.threshold`, value]], `${Mon}.${product}.alerts.${high}.threshold: expected above ${low}.threshold (${lowValue}), found ${value}`));

  test.each([
    ["an undeclared Cloud Run service", `${Mon}.mixillo.cloudRunService`, "mixillo-api", `${Mon}.mixillo.cloudRunService: expected a service declared under platform:cloudRun, found "mixillo-api"`],
    ["an undeclared Vercel project", `${Mon}.fixzit.vercelProject`, "fixzt", `${Mon}.fixzit.vercelProject: expected a project declared under platform:vercel.projects, found "fixzt"; did you mean "fixzit"?`],
    ["a health check the project lacks", `${Mon}.fixzit.readyCheck`, "readiness", `${Mon}.fixzit.readyCheck: expected a health check of platform:vercel.projects.fixzit.healthChecks, found "readiness"`],
    ["an undeclared Kubernetes app", `${Mon}.rez.kubernetesApp`, "merchant-api", `${Mon}.rez.kubernetesApp: expected an app declared under platform:kubernetes.apps, found "merchant-api"`],
    ["a Slack token that is not a declared secret", `${Mon}.slack`, { tokenSecret: "SLACK_TOKEN" }, `${Mon}.slack.tokenSecret: expected a secret declared under platform:secrets, found "SLACK_TOKEN"`],
  ])("GIVEN %s WHEN parsed THEN the reference is named", (_what, key, value, line) => rejects([[key, value]], line));

  test("GIVEN more failing regions than the check's checkerRegions WHEN parsed THEN failingRegions is named with the regions it counts out of (an alert that can never fire)", () =>
    rejects(
      [[`${Mon}.fixzit.checkerRegions`, ["USA_OREGON", "EUROPE", "ASIA_PACIFIC"]], [`${Mon}.fixzit.alerts.mongodbConnection.failingRegions`, 4]],
      `${Mon}.fixzit.alerts.mongodbConnection.failingRegions: expected at most the 3 regions of ${Mon}.fixzit.checkerRegions that probe the check, found 4`,
    ));

  test("GIVEN as many failing regions as checkerRegions WHEN parsed THEN it is accepted", () => {
    const config = edited([`${Mon}.fixzit.checkerRegions`, ["USA_OREGON", "EUROPE", "ASIA_PACIFIC"]], [`${Mon}.fixzit.alerts.availability.failingRegions`, 3]);
    expect(parseStackSpec(config, { stack: "prod", file: StackFile.prod }).monitoring?.fixzit?.alerts.availability.failingRegions).toBe(3);
  });

  // A GKE LoadBalancer Service is a pass-through load balancer (cloud.google.com/kubernetes-engine/docs/
  // concepts/service-load-balancer); a ClusterIP one answers inside the cluster only.
  test.each([
    ["a ClusterIP Service", [["platform:kubernetes.apps.merchant-backend.service.type", "ClusterIP"]], "platform:kubernetes.apps.merchant-backend.service.type is ClusterIP, reachable only inside the cluster"],
    ["no Service", [["platform:kubernetes.apps.merchant-backend.service", undefined]], "platform:kubernetes.apps.merchant-backend.service is not declared"],
  ] as [string, [string, unknown][], string][])("GIVEN REZ behind %s and no TLS terminator WHEN parsed THEN the probe that cannot reach it is rejected at rez.tlsTerminator", (_what, edits, found) =>
    rejects(
      edits,
      `${Mon}.rez.tlsTerminator: expected what terminates TLS for https://api.rezapp.com in front of merchant-backend, or platform:kubernetes.apps.merchant-backend.service.type LoadBalancer for the uptime check to probe http://api.rezapp.com:80/health itself, found neither (${found})`,
    ));

  test("GIVEN REZ behind a ClusterIP Service and a declared TLS terminator WHEN parsed THEN it is accepted: the probe goes to the terminator", () => {
    const config = edited(["platform:kubernetes.apps.merchant-backend.service.type", "ClusterIP"], [`${Mon}.rez.tlsTerminator`, "GKE Ingress with a Google-managed certificate"]);
    expect(parseStackSpec(config, { stack: "prod", file: StackFile.prod }).monitoring?.rez?.tlsTerminator).toBe("GKE Ingress with a Google-managed certificate");
  });

  test("GIVEN a monitored product without a PagerDuty service WHEN parsed THEN the product is named: its alerts would page no one", () =>
    rejects([["platform:oncall.services.rez", undefined]], `${Mon}.rez: expected a PagerDuty service for rez under platform:oncall.services (its alerts must page someone), found none`));
});

describe("on-call stack keys: bad input is rejected", () => {
  test("GIVEN an escalation level with no target WHEN parsed THEN its targets are named", () =>
    rejects([[`${Pol}.levels[2].targets`, []]], `${Pol}.levels[2].targets: expected at least one target: a schedule or user id, found a list`));

  test("GIVEN a target with neither a schedule nor a user WHEN parsed THEN it is named", () =>
    rejects([[`${Pol}.levels[0].targets[0]`, {}]], `${Pol}.levels[0].targets[0]: expected exactly one of schedule or user (a PagerDuty id), found neither`));

  test("GIVEN a target with both WHEN parsed THEN it is named", () =>
    rejects([[`${Pol}.levels[0].targets[0]`, { schedule: "PONCALL", user: "PENGMGR" }]], `${Pol}.levels[0].targets[0]: expected exactly one of schedule or user (a PagerDuty id), found both`));

  test("GIVEN a person's e-mail instead of an id WHEN parsed THEN the id format is expected", () =>
    rejects([[`${Pol}.levels[3].targets[0].user`, "cto@mixillo.com"]], `${Pol}.levels[3].targets[0].user: expected a PagerDuty id such as PABC123`));

  test("GIVEN an escalation delay of 0 WHEN parsed THEN the level's delay is named", () =>
    rejects([[`${Pol}.levels[0].escalateAfterMinutes`, 0]], `${Pol}.levels[0].escalateAfterMinutes: expected minutes from 1 to 1440 before the next level is paged, found 0`));

  test("GIVEN no levels WHEN parsed THEN levels is named", () => rejects([[`${Pol}.levels`, []]], `${Pol}.levels: expected a list of 1 to 20 escalation levels`));

  test("GIVEN a service on an undeclared policy WHEN parsed THEN the policy name is named with a suggestion", () =>
    rejects([["platform:oncall.services.rez.escalationPolicy", "enginering"]], `platform:oncall.services.rez.escalationPolicy: expected an escalation policy declared under platform:oncall.escalationPolicies, found "enginering"; did you mean "engineering"?`));
});

describe("component argument checks: a bad value throws before any child exists", () => {
  async function thrown(create: () => void): Promise<string> {
    const run = await runProgram(create, { project: "platform", stack: "test", config: {} });
    return run.errors.map((e) => e.message).join("\n");
  }
  const channels = ["projects/p/notificationChannels/1"];
  const condition = { displayName: "c", conditionThreshold: { comparison: "COMPARISON_GT", duration: "60s" } };
  const runbook = { number: "000", file: "000.txt", procedure: "p" };
  const base = { project: "p", displayName: "a", severity: "ERROR" as const, runbookSeverity: "P1", runbook, summary: "s", labels: {} };

  test.each([
    ["an alert without channels", () => new Alert("a", { ...base, conditions: [condition], notificationChannels: [] }), /Alert a: notificationChannels must be at least one channel/],
    ["an alert without conditions", () => new Alert("a", { ...base, conditions: [], notificationChannels: channels }), /Alert a: conditions must be at least one condition/],
    ["a silence that is not a time", () => new Alert("a", { ...base, conditions: [condition], notificationChannels: channels, silence: { until: "soon", reason: "r" } }), /Alert a: silence.until must be an ISO 8601 time, got "soon"/],
    ["a relative uptime path", () => new UptimeCheck("u", { project: "p", displayName: "u", host: "h.com", path: "health", labels: {} }), /UptimeCheck u: path must be an absolute path/],
    ["an uptime check from two regions", () => new UptimeCheck("u", { project: "p", displayName: "u", host: "h.com", path: "/health", selectedRegions: ["EUROPE", "ASIA_PACIFIC"], labels: {} }), /UptimeCheck u: selectedRegions must be at least 3 distinct regions of USA_OREGON, .*, got \["EUROPE","ASIA_PACIFIC"\]/],
    ["an uptime alert on more regions than probe", () => uptimeFailures("check", "h.com/health", 4, 3, 60), /uptimeFailures h.com\/health: failingRegions must be a whole number from 1 to the check's 3 checker regions, got 4/],
    ["an escalation level without targets", () => new OnCallEscalationPolicy("e", { policyName: "e", levels: [{ name: "l", escalateAfterMinutes: 30, targets: [] }] }), /OnCallEscalationPolicy e: levels\[0\].targets must be at least one schedule or user/],
    ["a service timeout under a minute", () => new OnCallService("s", { serviceName: "s", escalationPolicyId: "P1", acknowledgementTimeoutSeconds: 5 }), /OnCallService s: acknowledgementTimeoutSeconds must be whole seconds of at least 60, got 5/],
    ["an Atlas disk threshold above 100 %", () => new AtlasAlerts("x", { projectId: "1", pagerDutyKey: pulumi.secret("k"), diskPercent: 120 }), /AtlasAlerts x: diskPercent must be a percentage above 0 and at most 100, got 120/],
  ])("GIVEN %s WHEN constructed THEN it throws naming the component and field", async (_what, create, message) => {
    expect(await thrown(create)).toMatch(message);
  });
});

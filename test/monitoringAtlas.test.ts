import * as pulumi from "@pulumi/pulumi";
import { assembleCloudRun } from "../stacks/assemble/cloudRun";
import { createAssembly } from "../stacks/assemble/context";
import { assembleMonitoring } from "../stacks/assemble/monitoring";
import { assembleOnCall } from "../stacks/assemble/oncall";
import { assembleSecrets } from "../stacks/assemble/secrets";
import { assembleVercel } from "../stacks/assemble/vercel";
import { runtimeStackSpec } from "../stacks/runtimeConfig";
import { ProgramRun, runProgram } from "../tools/plan/record";
import { engineConfig } from "../tools/plan/stackConfig";
import { Secret } from "../tools/plan/values";
import { ofType, resource, setPath, stackConfig } from "./harness";

const Atlas = "mongodbatlas:index/alertConfiguration:AlertConfiguration";

/**
 * The Atlas area is not there yet, so the test does what stacks/assemble/index.ts will do once it is:
 * hand assembleMonitoring the Atlas project id of each product.
 */
async function planWithAtlas(projects: Record<string, string>, ...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = stackConfig("prod");
  for (const [key, value] of edits) setPath(config, key, value);
  const run = await runProgram(
    () => {
      const a = createAssembly(runtimeStackSpec());
      const secrets = assembleSecrets(a);
      const cloudRun = assembleCloudRun(a, secrets);
      const vercelProjects = assembleVercel(a, secrets, cloudRun);
      const atlasProjects = new Map<string, pulumi.Input<string>>(Object.entries(projects));
      assembleMonitoring(a, { onCall: assembleOnCall(a), secrets, cloudRun, vercelProjects, atlasProjects });
    },
    { project: "platform", stack: "prod", config: engineConfig(config) },
  );
  expect(run.errors).toEqual([]);
  return run;
}

describe("MongoDB Atlas alerts to the product's PagerDuty service", () => {
  test("GIVEN Atlas project ids for mixillo and rez WHEN planned THEN each project pages its product for failures, connections, lag and disk", async () => {
    const run = await planWithAtlas({ mixillo: "5f0000000000000000000001", rez: "5f0000000000000000000003" });
    const alerts = ofType(run, Atlas);
    expect([...alerts.keys()].filter((n) => n.startsWith("mixillo")).sort()).toEqual([
      "mixillo-atlas-alerts-connections",
      "mixillo-atlas-alerts-disk",
      "mixillo-atlas-alerts-host-down",
      "mixillo-atlas-alerts-no-primary",
      "mixillo-atlas-alerts-replication-lag",
    ]);
    expect(resource(run, Atlas, "rez-atlas-alerts-disk").inputs.projectId).toBe("5f0000000000000000000003");
    const metric = (name: string) => resource(run, Atlas, name).inputs.metricThresholdConfig;
    expect(metric("mixillo-atlas-alerts-connections")).toEqual({ metricName: "CONNECTIONS_PERCENT", operator: "GREATER_THAN", threshold: 80, units: "RAW", mode: "AVERAGE" });
    expect(metric("mixillo-atlas-alerts-replication-lag")).toMatchObject({ metricName: "OPLOG_SLAVE_LAG_MASTER_TIME", threshold: 60, units: "SECONDS" });
    expect(metric("mixillo-atlas-alerts-disk")).toMatchObject({ metricName: "DISK_PARTITION_SPACE_USED_DATA", threshold: 90 });
    expect(resource(run, Atlas, "mixillo-atlas-alerts-no-primary").inputs.eventType).toBe("NO_PRIMARY");
    for (const alert of alerts.values()) {
      expect(alert.inputs.enabled).toBe(true);
      expect(alert.inputs.notifications).toEqual([{ typeName: "PAGER_DUTY", serviceKey: Secret, delayMin: 0 }]);
    }
    // Mixillo's alerts page Mixillo's service.
    expect(resource(run, Atlas, "mixillo-atlas-alerts-disk").propertyDependencies.notifications).toEqual([resource(run, "pagerduty:index/serviceIntegration:ServiceIntegration", "mixillo-oncall-events-v2").urn]);
  });

  test("GIVEN a raised connections threshold WHEN planned THEN the Atlas alert uses it", async () => {
    const run = await planWithAtlas({ fixzit: "5f0000000000000000000002" }, ["platform:monitoring.fixzit.atlas.connectionsPercent", 90]);
    expect(resource(run, Atlas, "fixzit-atlas-alerts-connections").inputs.metricThresholdConfig.threshold).toBe(90);
  });

  test("GIVEN no Atlas project ids (the committed wiring until the Atlas area lands) WHEN planned THEN no Atlas alert exists", async () => {
    const run = await planWithAtlas({});
    expect(ofType(run, Atlas).size).toBe(0);
  });
});

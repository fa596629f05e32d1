import { ProgramRun } from "../tools/plan/record";
import { Secret } from "../tools/plan/values";
import { Area, Focused, ofType, resource, runStack, stackConfig, withEdits } from "./harness";

const Atlas = "mongodbatlas:index/alertConfiguration:AlertConfiguration";

/** Monitoring with the PagerDuty services it pages, the areas it watches, and Atlas. */
const Areas: readonly Area[] = [...Focused.monitoring, "atlas"];

/** Prod with edits: the Atlas area hands monitoring each product's project id (platform:atlas.projects). */
async function planProd(...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = withEdits(stackConfig("prod", Areas), ...edits);
  const run = await runStack("prod", config);
  expect(run.errors).toEqual([]);
  return run;
}

describe("MongoDB Atlas alerts to the product's PagerDuty service", () => {
  test("GIVEN prod's Atlas projects WHEN planned THEN each project pages its product for failures, connections, lag and disk", async () => {
    const run = await planProd();
    const alerts = ofType(run, Atlas);
    expect([...alerts.keys()].filter((n) => n.startsWith("mixillo")).sort()).toEqual([
      "mixillo-atlas-alerts-connections",
      "mixillo-atlas-alerts-disk",
      "mixillo-atlas-alerts-host-down",
      "mixillo-atlas-alerts-no-primary",
      "mixillo-atlas-alerts-replication-lag",
    ]);
    expect(resource(run, Atlas, "rez-atlas-alerts-disk").inputs.projectId).toBe("5f0000000000000000000003");
    expect(resource(run, Atlas, "fixzit-atlas-alerts-no-primary").inputs.projectId).toBe("5f0000000000000000000002");
    // The alerts are made by the Atlas area's explicit provider.
    expect(new Set([...alerts.values()].map((a) => a.provider))).toEqual(new Set([resource(run, "pulumi:providers:mongodbatlas", "atlas").urn]));
    const metric = (name: string) => resource(run, Atlas, name).inputs.metricThresholdConfig;
    expect(metric("mixillo-atlas-alerts-connections")).toEqual({
      metricName: "CONNECTIONS_PERCENT",
      operator: "GREATER_THAN",
      threshold: 80,
      units: "RAW",
      mode: "AVERAGE",
    });
    expect(metric("mixillo-atlas-alerts-replication-lag")).toMatchObject({ metricName: "OPLOG_SLAVE_LAG_MASTER_TIME", threshold: 60, units: "SECONDS" });
    expect(metric("mixillo-atlas-alerts-disk")).toMatchObject({ metricName: "DISK_PARTITION_SPACE_USED_DATA", threshold: 90 });
    expect(resource(run, Atlas, "mixillo-atlas-alerts-no-primary").inputs.eventType).toBe("NO_PRIMARY");
    for (const alert of alerts.values()) {
      expect(alert.inputs.enabled).toBe(true);
      expect(alert.inputs.notifications).toEqual([{ typeName: "PAGER_DUTY", serviceKey: Secret, delayMin: 0 }]);
    }
    // Mixillo's alerts page Mixillo's service.
    expect(resource(run, Atlas, "mixillo-atlas-alerts-disk").propertyDependencies.notifications).toEqual([
      resource(run, "pagerduty:index/serviceIntegration:ServiceIntegration", "mixillo-oncall-events-v2").urn,
    ]);
  });

  test("GIVEN a raised connections threshold WHEN planned THEN the Atlas alert uses it", async () => {
    const run = await planProd(["platform:monitoring.atlas.fixzit.connectionsPercent", 90]);
    expect(resource(run, Atlas, "fixzit-atlas-alerts-connections").inputs.metricThresholdConfig.threshold).toBe(90);
  });

  test("GIVEN a stack without platform:atlas WHEN planned THEN no Atlas alert exists", async () => {
    const run = await planProd(["platform:atlas", undefined]);
    expect(ofType(run, Atlas).size).toBe(0);
  });
});

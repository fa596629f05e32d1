import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

export interface AtlasAlertsArgs {
  /** The Atlas project (group) id; the Atlas area owns the projects. */
  projectId: pulumi.Input<string>;
  /** The product's PagerDuty Events API key; kept a secret whatever the caller passes. */
  pagerDutyKey: pulumi.Input<string>;
  /** Connections as a percentage of the cluster's limit. @default 80 */
  connectionsPercent?: number;
  /** Seconds a secondary may lag the primary. @default 60 */
  replicationLagSeconds?: number;
  /** Used share of the data disk, in percent. @default 90 (runbook 002: disk > 90 %) */
  diskPercent?: number;
}

/**
 * Atlas alert configurations that page the product's PagerDuty service: a replica set without a
 * primary or a host down (connection failures), connections near the limit, replication lag, disk.
 */
export class AtlasAlerts extends pulumi.ComponentResource {
  constructor(name: string, args: AtlasAlertsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:monitoring:AtlasAlerts", name, {}, opts);
    const connections = args.connectionsPercent ?? 80;
    const lag = args.replicationLagSeconds ?? 60;
    const disk = args.diskPercent ?? 90;
    const fail = argumentCheck("AtlasAlerts", name);
    // Guard: a percentage outside (0, 100] or a lag of none fires never, or always.
    for (const [field, value] of [
      ["connectionsPercent", connections],
      ["diskPercent", disk],
    ] as const) {
      if (!(value > 0 && value <= 100)) fail(field, value, "a percentage above 0 and at most 100");
    }
    if (!(lag > 0)) fail("replicationLagSeconds", lag, "a number of seconds above 0");

    const notifications = [{ typeName: "PAGER_DUTY", serviceKey: pulumi.secret(args.pagerDutyKey), delayMin: 0 }];
    const alert = (suffix: string, config: Omit<mongodbatlas.AlertConfigurationArgs, "projectId" | "notifications" | "enabled">) =>
      new mongodbatlas.AlertConfiguration(`${name}-${suffix}`, { projectId: args.projectId, enabled: true, notifications, ...config }, { parent: this });
    const metric = (metricName: string, threshold: number, units: string) => ({
      eventType: "OUTSIDE_METRIC_THRESHOLD",
      metricThresholdConfig: { metricName, operator: "GREATER_THAN", threshold, units, mode: "AVERAGE" },
    });

    alert("no-primary", { eventType: "NO_PRIMARY" });
    alert("host-down", { eventType: "HOST_DOWN" });
    alert("connections", metric("CONNECTIONS_PERCENT", connections, "RAW"));
    alert("replication-lag", metric("OPLOG_SLAVE_LAG_MASTER_TIME", lag, "SECONDS"));
    alert("disk", metric("DISK_PARTITION_SPACE_USED_DATA", disk, "RAW"));
    this.registerOutputs({});
  }
}

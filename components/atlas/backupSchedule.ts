import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

export interface OnDemandSnapshot {
  description: string;
  retentionDays: number;
}

export interface BackupPolicyArgs {
  /** Continuous cloud backup (point-in-time restore). */
  pointInTimeRestore: boolean;
  /** How far back a point-in-time restore reaches; at most the hourly snapshots' retention. */
  restoreWindowDays: number;
  /** UTC hour of the daily snapshot. */
  referenceHourOfDay: number;
  hourly: { everyHours: number; retentionDays: number };
  daily: { retentionDays: number };
  weekly: { retentionWeeks: number };
  monthly: { retentionMonths: number };
  /** On-demand snapshots by name (the runbook's "Pre-deployment backup"). */
  snapshots: Record<string, OnDemandSnapshot>;
}

export interface BackupScheduleArgs {
  projectId: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  policy: BackupPolicyArgs;
  /** Refuse deletion and keep the snapshots if the schedule is removed. @default true */
  protect?: boolean;
}

/**
 * Throws on a policy Atlas would refuse, through the caller's `fail`, naming the policy as its `field`:
 * AtlasCluster calls it too (`backup`), before it creates the cluster.
 */
export function checkBackupPolicy(fail: ReturnType<typeof argumentCheck>, field: string, policy: BackupPolicyArgs): void {
  // Guard: Atlas refuses a point-in-time window longer than the hourly snapshots it restores from.
  if (policy.pointInTimeRestore && policy.restoreWindowDays > policy.hourly.retentionDays) {
    fail(
      `${field}.restoreWindowDays`,
      policy.restoreWindowDays,
      `at most the hourly snapshots' retention (${field}.hourly.retentionDays: ${policy.hourly.retentionDays})`,
    );
  }
}

/**
 * The cluster's snapshot policy: hourly, daily, weekly and monthly snapshots, each kept for its
 * retention, and the on-demand snapshots the stack file names.
 */
export class BackupSchedule extends pulumi.ComponentResource {
  readonly schedule: mongodbatlas.CloudBackupSchedule;

  constructor(name: string, args: BackupScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:atlas:BackupSchedule", name, {}, opts);
    const { policy } = args;
    const protect = args.protect ?? true;
    checkBackupPolicy(argumentCheck("BackupSchedule", name), "policy", policy);

    this.schedule = new mongodbatlas.CloudBackupSchedule(
      `${name}-backup`,
      {
        projectId: args.projectId,
        clusterName: args.clusterName,
        referenceHourOfDay: policy.referenceHourOfDay,
        referenceMinuteOfHour: 0,
        restoreWindowDays: policy.restoreWindowDays,
        // A changed retention applies to the snapshots already taken, not only to new ones.
        updateSnapshots: true,
        policyItemHourly: { frequencyInterval: policy.hourly.everyHours, retentionUnit: "days", retentionValue: policy.hourly.retentionDays },
        policyItemDaily: { frequencyInterval: 1, retentionUnit: "days", retentionValue: policy.daily.retentionDays },
        // Sunday's and the first of the month's snapshots.
        policyItemWeeklies: [{ frequencyInterval: 7, retentionUnit: "weeks", retentionValue: policy.weekly.retentionWeeks }],
        policyItemMonthlies: [{ frequencyInterval: 1, retentionUnit: "months", retentionValue: policy.monthly.retentionMonths }],
      },
      // Removing the schedule from the program must not reset the cluster's retention to Atlas's defaults.
      { parent: this, protect, retainOnDelete: protect },
    );

    for (const [snapshotName, snapshot] of Object.entries(policy.snapshots).sort(([x], [y]) => x.localeCompare(y))) {
      new mongodbatlas.CloudBackupSnapshot(
        `${name}-${snapshotName}`,
        { projectId: args.projectId, clusterName: args.clusterName, description: snapshot.description, retentionInDays: snapshot.retentionDays },
        // Taken once; it expires by itself after its retention, so deleting the entry keeps it.
        { parent: this, retainOnDelete: true, dependsOn: [this.schedule] },
      );
    }
    this.registerOutputs({});
  }
}

import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";

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
 * The cluster's snapshot policy: hourly, daily, weekly and monthly snapshots, each kept for its
 * retention, and the on-demand snapshots the stack file names.
 */
export class BackupSchedule extends pulumi.ComponentResource {
  readonly schedule: mongodbatlas.CloudBackupSchedule;

  constructor(name: string, args: BackupScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:atlas:BackupSchedule", name, {}, opts);
    const { policy } = args;
    const protect = args.protect ?? true;
    if (policy.pointInTimeRestore && policy.restoreWindowDays > policy.hourly.retentionDays) {
      throw new Error(
        `BackupSchedule ${name}: restoreWindowDays (${policy.restoreWindowDays}) must not exceed the hourly retention (${policy.hourly.retentionDays} days)`,
      );
    }

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

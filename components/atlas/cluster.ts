import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";
import { BackupPolicyArgs, BackupSchedule, checkBackupPolicy } from "./backupSchedule";

export interface ComputeAutoScaling {
  /** The floor and the ceiling of the tier Atlas may pick, e.g. M30 and M50. */
  min: string;
  max: string;
  /** Let Atlas scale back down to the floor when load drops. */
  scaleDown: boolean;
}

export interface AtlasClusterArgs {
  projectId: pulumi.Input<string>;
  /** Atlas cluster name: the runbooks' snapshot URLs use it (…/clusters/mixillo/backup/snapshots). */
  clusterName: string;
  providerName: "GCP" | "AWS" | "AZURE";
  /** Atlas's region name, e.g. WESTERN_EUROPE. */
  regionName: string;
  /**
   * The tier (M10, M30, …) to create the cluster with, and the one a resize moves it to. With compute or
   * disk auto-scaling on, Atlas ignores a change of it unless `pauseAutoScalingForResize` is set.
   */
  instanceSize: string;
  /** Electable nodes of the replica set. @default 3 */
  nodeCount?: number;
  mongoDbMajorVersion: string;
  /** Compute auto-scaling between a floor and a ceiling; undefined: fixed size. */
  computeAutoScaling?: ComputeAutoScaling;
  /** Grow the disk before it fills. @default true */
  diskAutoScaling?: boolean;
  /**
   * Step 1 of a resize: compute and disk auto-scaling off for this update, so Atlas moves the cluster to
   * `instanceSize`; step 2 is the next update without it, which turns auto-scaling back on from there.
   * With neither on it changes nothing (a stack file's leftover `pausedForResize` is the spec's error).
   * @default false: auto-scaling as `computeAutoScaling` and `diskAutoScaling` say.
   */
  pauseAutoScalingForResize?: boolean;
  backup: BackupPolicyArgs;
  /** Atlas tags (the estate's labels). */
  tags: Record<string, string>;
  /**
   * Refuse deletion in Pulumi (`protect`) and in Atlas (termination protection), and keep the backup
   * schedule's snapshots if the schedule is ever removed. @default true
   */
  protect?: boolean;
}

/**
 * A replica set on AdvancedCluster (not the legacy Cluster: pulumi-mongodbatlas#991) with cloud backup,
 * its backup schedule and on-demand snapshots. Writes need a majority and server-side JavaScript is off.
 */
export class AtlasCluster extends pulumi.ComponentResource {
  readonly cluster: mongodbatlas.AdvancedCluster;
  readonly backupSchedule: BackupSchedule;
  /** mongodb+srv://host — without credentials; the database user adds them. */
  readonly srvAddress: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;

  constructor(name: string, args: AtlasClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:atlas:Cluster", name, {}, opts);
    const protect = args.protect ?? true;
    const compute = args.computeAutoScaling;
    const disk = args.diskAutoScaling ?? true;
    const paused = args.pauseAutoScalingForResize ?? false;
    const fail = argumentCheck("AtlasCluster", name);
    checkTiers(fail, args.instanceSize, compute);
    checkBackupPolicy(fail, "backup", args.backup);

    this.cluster = new mongodbatlas.AdvancedCluster(
      name,
      {
        projectId: args.projectId,
        name: args.clusterName,
        clusterType: "REPLICASET",
        mongoDbMajorVersion: args.mongoDbMajorVersion,
        backupEnabled: true,
        pitEnabled: args.backup.pointInTimeRestore,
        terminationProtectionEnabled: protect,
        // The configured tier stays as written while Atlas auto-scales (effective_* fields carry the
        // live size), so an auto-scaled cluster is not reverted to its floor by the next `pulumi up`.
        // The price: while compute or disk auto-scaling is on, Atlas ignores a new instanceSize (it
        // "echoes these values back in state while continuing to use auto-scaled values"), and a range
        // that leaves out the tier it runs fails the update; a resize turns both off for one update
        // (`pauseAutoScalingForResize`), then back on (terraform-provider-mongodbatlas
        // docs/resources/advanced_cluster.md, "Manually Updating Specs with use_effective_fields" and
        // "Adjusting the Auto-Scaling Range with use_effective_fields", v2.16.0; the same text in
        // @pulumi/mongodbatlas 4.16.0 advancedCluster.d.ts; internal/service/advancedcluster/
        // plan_modifier.go determineKeepUnknownsAutoScaling, v2.16.0: "When either compute or disk
        // auto-scaling is enabled, all three fields may be adjusted by Atlas").
        useEffectiveFields: true,
        replicationSpecs: [
          {
            regionConfigs: [
              {
                providerName: args.providerName,
                regionName: args.regionName,
                priority: 7,
                electableSpecs: { instanceSize: args.instanceSize, nodeCount: args.nodeCount ?? 3 },
                // Paused: both off, as the docs' step 1. The range is not sent, so the provider keeps
                // the one Atlas has (plan_modifier.go handleModifyPlan copies unset values from state,
                // v2.16.0) and no bound moves before Atlas runs the new tier; the update after the
                // pause sends the new range.
                autoScaling: paused
                  ? { computeEnabled: false, diskGbEnabled: false }
                  : {
                      computeEnabled: compute !== undefined,
                      ...(compute
                        ? { computeMinInstanceSize: compute.min, computeMaxInstanceSize: compute.max, computeScaleDownEnabled: compute.scaleDown }
                        : {}),
                      diskGbEnabled: disk,
                    },
              },
            ],
          },
        ],
        advancedConfiguration: {
          defaultWriteConcern: "majority",
          javascriptEnabled: false,
          minimumEnabledTlsProtocol: "TLS1_2",
        },
        tags: args.tags,
      },
      { parent: this, protect },
    );
    this.clusterName = this.cluster.name;
    // Under mocks, and before the first apply, there is no address yet.
    this.srvAddress = this.cluster.connectionStrings.apply((strings) => strings?.standardSrv ?? "");

    this.backupSchedule = new BackupSchedule(
      name,
      { projectId: args.projectId, clusterName: this.cluster.name, policy: args.backup, protect },
      { parent: this },
    );

    this.registerOutputs({ clusterName: this.clusterName, srvAddress: this.srvAddress });
  }
}

/** `M30` → 30: Atlas's general tiers (M10 … M700) are ordered by their number. */
const tierNumber = (size: string): number => Number(/^M([0-9]+)$/.exec(size)?.[1] ?? NaN);

/**
 * Atlas checks an auto-scaling range against the tier the cluster runs, which after a resize is
 * `instanceSize`: a range that leaves it out fails the update (advanced_cluster.md, "Adjusting the
 * Auto-Scaling Range with use_effective_fields", v2.16.0).
 */
function checkTiers(fail: ReturnType<typeof argumentCheck>, size: string, compute: ComputeAutoScaling | undefined) {
  const [s, min, max] = [size, compute?.min, compute?.max].map((t) => (t === undefined ? undefined : tierNumber(t)));
  // Guard: tiers Atlas knows, a range right side up, and the size inside it: Atlas refuses anything else.
  if (Number.isNaN(s)) fail("instanceSize", size, "an Atlas tier such as M30");
  if (!compute) return;
  if (Number.isNaN(min)) fail("computeAutoScaling.min", compute.min, "an Atlas tier such as M30");
  if (Number.isNaN(max)) fail("computeAutoScaling.max", compute.max, "an Atlas tier such as M50");
  if (min! > max!) fail("computeAutoScaling.min", compute.min, `a tier at most computeAutoScaling.max (${compute.max})`);
  if (s! < min! || s! > max!) {
    fail("instanceSize", size, `a tier inside computeAutoScaling ${compute.min}-${compute.max} (Atlas refuses a range that leaves out the tier it runs)`);
  }
}

import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicyArgs, BackupSchedule } from "./backupSchedule";

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
  /** The tier to create the cluster with (M10, M30, …). */
  instanceSize: string;
  /** Electable nodes of the replica set. @default 3 */
  nodeCount?: number;
  mongoDbMajorVersion: string;
  /** Compute auto-scaling between a floor and a ceiling; undefined: fixed size. */
  computeAutoScaling?: ComputeAutoScaling;
  /** Grow the disk before it fills. @default true */
  diskAutoScaling?: boolean;
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
        useEffectiveFields: true,
        replicationSpecs: [
          {
            regionConfigs: [
              {
                providerName: args.providerName,
                regionName: args.regionName,
                priority: 7,
                electableSpecs: { instanceSize: args.instanceSize, nodeCount: args.nodeCount ?? 3 },
                autoScaling: {
                  computeEnabled: compute !== undefined,
                  ...(compute
                    ? { computeMinInstanceSize: compute.min, computeMaxInstanceSize: compute.max, computeScaleDownEnabled: compute.scaleDown }
                    : {}),
                  diskGbEnabled: args.diskAutoScaling ?? true,
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

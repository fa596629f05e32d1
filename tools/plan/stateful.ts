/**
 * Resource types whose deletion or replacement loses data (or an identity that cannot be recreated
 * as it was). The plan fails on such a change unless that one resource is explicitly allowed.
 * Types not listed are recreated without loss: say why when adding or leaving one out.
 */
export const StatefulTypes: ReadonlyMap<string, string> = new Map([
  // The secret's versions (every value ever stored) go with it; external values cannot be regenerated.
  ["gcp:secretmanager/secret:Secret", "Secret Manager secret (all its versions)"],
  // Not listed: gcp:secretmanager/secretVersion:SecretVersion is rotated by replacement on purpose.
  ["mongodbatlas:index/advancedCluster:AdvancedCluster", "Atlas cluster (the database)"],
  ["mongodbatlas:index/cluster:Cluster", "Atlas cluster (the database)"],
  // The schedule's retention policy governs which snapshots are kept; recreating it can drop them.
  ["mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule", "Atlas backup schedule (snapshot retention)"],
  // Not listed: mongodbatlas DatabaseUser is recreated from its secret without data loss.
  ["kubernetes:core/v1:PersistentVolumeClaim", "Kubernetes PersistentVolumeClaim (its volume's data)"],
  ["kubernetes:core/v1:PersistentVolume", "Kubernetes PersistentVolume (the disk)"],
  // Not listed: kubernetes core/v1 Secret is regenerated from Secret Manager at every deploy.
  ["docker:index/volume:Volume", "Docker volume (Postgres and Redis data)"],
  ["gcp:storage/bucket:Bucket", "Cloud Storage bucket (its objects)"],
  ["gcp:sql/databaseInstance:DatabaseInstance", "Cloud SQL instance (the database)"],
]);

export const isStateful = (type: string): boolean => StatefulTypes.has(type);

/** True when an allow-list entry (a URN or `type::name`) names this resource. */
export function allows(entries: readonly string[], resource: { urn: string; type: string; name: string }): string | undefined {
  return entries.find((e) => e === resource.urn || e === `${resource.type}::${resource.name}`);
}

import { pathWithin } from "./paths";

/**
 * Inputs whose change makes the provider replace the resource (Terraform's ForceNew /
 * RequiresReplace, pulumi-kubernetes' forceNew list). The plan has no provider schema, so this is the
 * reviewed part of it that matters most: the stateful types (a replacement loses data, and the
 * guard must see it) and the values the platform rotates by replacement. A type not listed here
 * changes by update unless the program says `replaceOnChanges`; add an entry when a provider's
 * documentation or source says an input forces a new resource.
 */
const ByType: ReadonlyMap<string, readonly string[]> = new Map([
  // terraform-provider-google: secret_id, project and replication are ForceNew.
  ["gcp:secretmanager/secret:Secret", ["secretId", "project", "replication"]],
  ["gcp:secretmanager/secretVersion:SecretVersion", ["secret", "secretData"]],
  // terraform-provider-mongodbatlas: a cluster's project and name cannot change in place.
  ["mongodbatlas:index/advancedCluster:AdvancedCluster", ["projectId", "name"]],
  ["mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule", ["projectId", "clusterName"]],
  ["mongodbatlas:index/databaseUser:DatabaseUser", ["projectId", "username", "authDatabaseName"]],
  ["mongodbatlas:index/cloudBackupSnapshot:CloudBackupSnapshot", ["projectId", "clusterName", "description", "retentionInDays"]],
  ["mongodbatlas:index/projectIpAccessList:ProjectIpAccessList", ["projectId", "cidrBlock", "ipAddress", "awsSecurityGroup"]],
  // pulumi-kubernetes provider/pkg/provider/diff.go: any change of a claim's spec replaces it.
  ["kubernetes:core/v1:PersistentVolumeClaim", ["spec"]],
  ["kubernetes:core/v1:Secret", ["type", "data", "stringData"]],
  // terraform-provider-docker: a volume has no update; every input is ForceNew.
  ["docker:index/volume:Volume", ["name", "driver", "driverOpts", "labels"]],
  // terraform-provider-random: every input, keepers included, makes a new value.
  ["random:index/randomPassword:RandomPassword", ["*"]],
]);

/** Every Kubernetes object is replaced when its name or namespace changes. */
const KubernetesIdentity = ["metadata.name", "metadata.namespace"];

export function forceNewPaths(type: string): readonly string[] {
  const paths = ByType.get(type) ?? [];
  return type.startsWith("kubernetes:") ? [...KubernetesIdentity, ...paths] : paths;
}

/** True when the provider replaces a resource of this type for a change at this input path. */
export function forcesReplacement(type: string, path: string): boolean {
  return forceNewPaths(type).some((entry) => pathWithin(path, entry));
}

import { ForceNewTable } from "./types";

/**
 * @pulumi/mongodbatlas 4.16.0 was built from a mongodb/terraform-provider-mongodbatlas release later
 * than any stored here: its SDK has inputs v2.16.0 lacks (cloudBackupSchedule copyPolicyItemsEnabled,
 * deleteCopySnapshots, updateCopySnapshots; maintenanceWindow waveAssignment). These lists are read at
 * v2.16.0 (upstream of pulumi-mongodbatlas v4.14.0, the newest stored), which has every input this
 * project sets; re-read them at the release behind the pin when its source can be had.
 */
export const MongoDbAtlas: ForceNewTable = new Map([
  // mongodb/terraform-provider-mongodbatlas v2.16.0 internal/service/advancedcluster/schema.go (RequiresReplace; tier, specs, tags update)
  ["mongodbatlas:index/advancedCluster:AdvancedCluster", ["projectId", "name"]],
  // mongodb/terraform-provider-mongodbatlas v2.16.0 internal/service/cloudbackupschedule/resource_cloud_backup_schedule.go (clusterName is not ForceNew)
  ["mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule", ["projectId"]],
  // mongodb/terraform-provider-mongodbatlas v2.16.0 internal/service/maintenancewindow/resource_maintenance_window.go (no ForceNew input)
  ["mongodbatlas:index/maintenanceWindow:MaintenanceWindow", []],
  // mongodb/terraform-provider-mongodbatlas v2.16.0 internal/service/projectipaccesslist/resource_schema.go (RequiresReplace on every attribute)
  ["mongodbatlas:index/projectIpAccessList:ProjectIpAccessList", ["projectId", "cidrBlock", "ipAddress", "awsSecurityGroup", "comment"]],
  // mongodb/terraform-provider-mongodbatlas v2.16.0 internal/service/databaseuser/resource_database_user.go (authDatabaseName has no RequiresReplace)
  ["mongodbatlas:index/databaseUser:DatabaseUser", ["projectId", "username"]],
  // mongodb/terraform-provider-mongodbatlas v2.16.0 internal/service/alertconfiguration/resource.go (RequiresReplace)
  ["mongodbatlas:index/alertConfiguration:AlertConfiguration", ["projectId"]],
  // mongodb/terraform-provider-mongodbatlas v2.16.0 internal/service/cloudbackupsnapshot/resource.go (no update: every input is ForceNew)
  ["mongodbatlas:index/cloudBackupSnapshot:CloudBackupSnapshot", ["projectId", "clusterName", "description", "retentionInDays", "deleteOnCreateTimeout"]],
]);

import { ForceNewTable } from "./types";

/**
 * @pulumi/gcp 9.37.0 is built from hashicorp/terraform-provider-google-beta. The newest release whose
 * source is stored is pulumi-gcp v9.35.0, on google-beta v7.45.0 (its `upstream` submodule); 9.37.0 is
 * two minor releases later. These lists are read at v7.45.0, whose schemas have every input the pinned
 * SDK has for these types. Paths below google-beta/ are mmv1-generated (IAM members: tpgiamresource).
 */
export const Gcp: ForceNewTable = new Map([
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/cloudrunv2/resource_cloud_run_v2_service.go (template, traffic, scaling... update)
  ["gcp:cloudrunv2/service:Service", ["name", "location", "project", "tags"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/tpgiamresource/resource_iam_member.go + services/cloudrunv2/iam_cloud_run_v2_service.go (no update)
  ["gcp:cloudrunv2/serviceIamMember:ServiceIamMember", ["*"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/secretmanager/resource_secret_manager_secret.go (+ its CustomizeDiff, which forces new on any change of replication.auto)
  [
    "gcp:secretmanager/secret:Secret",
    [
      "secretId",
      "project",
      "tags",
      "replication.#",
      "replication.auto",
      "replication.userManaged.#",
      "replication.userManaged.replicas.#",
      "replication.userManaged.replicas[*].location",
    ],
  ],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/secretmanager/resource_secret_manager_secret_version.go (enabled, deletionPolicy update)
  ["gcp:secretmanager/secretVersion:SecretVersion", ["secret", "secretData", "secretDataWoVersion", "isSecretDataBase64", "project"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/tpgiamresource/resource_iam_member.go + services/secretmanager/iam_secret_manager_secret.go (no update)
  ["gcp:secretmanager/secretIamMember:SecretIamMember", ["*"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/resourcemanager/resource_google_service_account.go
  ["gcp:serviceaccount/account:Account", ["accountId", "project"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/monitoring/resource_monitoring_alert_policy.go
  ["gcp:monitoring/alertPolicy:AlertPolicy", ["project"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/monitoring/resource_monitoring_notification_channel.go (type updates too)
  ["gcp:monitoring/notificationChannel:NotificationChannel", ["project"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/monitoring/resource_monitoring_service.go (its ForceNew basic_service is not in the SDK)
  ["gcp:monitoring/customService:CustomService", ["serviceId", "project"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/monitoring/resource_monitoring_slo.go
  ["gcp:monitoring/slo:Slo", ["service", "sloId", "project"]],
  // hashicorp/terraform-provider-google-beta v7.45.0 google-beta/services/monitoring/resource_monitoring_uptime_check_config.go
  [
    "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig",
    ["project", "checkerType", "monitoredResource", "resourceGroup", "syntheticMonitor", "httpCheck.requestMethod", "httpCheck.authInfo.passwordWoVersion"],
  ],
]);

/** Resource types in a reviewer's words ("Cloud Run service"), for headlines, lists and the graph. */
const Kinds: Record<string, string> = {
  "gcp:cloudrunv2/service:Service": "Cloud Run service",
  "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": "Cloud Run invoker",
  "gcp:serviceaccount/account:Account": "service account",
  "gcp:secretmanager/secret:Secret": "Secret Manager secret",
  "gcp:secretmanager/secretVersion:SecretVersion": "secret version",
  "gcp:secretmanager/secretIamMember:SecretIamMember": "secret access",
  "gcp:monitoring/alertPolicy:AlertPolicy": "alert policy",
  "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": "uptime check",
  "gcp:monitoring/notificationChannel:NotificationChannel": "notification channel",
  "gcp:monitoring/slo:Slo": "SLO",
  "gcp:monitoring/customService:CustomService": "monitored service",
  "random:index/randomPassword:RandomPassword": "generated value",
  "kubernetes:apps/v1:Deployment": "Kubernetes Deployment",
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": "Kubernetes HPA",
  "kubernetes:core/v1:Secret": "Kubernetes Secret",
  "kubernetes:core/v1:Service": "Kubernetes Service",
  "kubernetes:core/v1:PersistentVolumeClaim": "Kubernetes volume claim",
  "kubernetes:core/v1:Namespace": "Kubernetes namespace",
  "kubernetes:policy/v1:PodDisruptionBudget": "Kubernetes PDB",
  "docker:index/container:Container": "Docker container",
  "docker:index/volume:Volume": "Docker volume",
  "docker:index/network:Network": "Docker network",
  "docker:index/remoteImage:RemoteImage": "Docker image",
  "vercel:index/project:Project": "Vercel project",
  "vercel:index/deployment:Deployment": "Vercel deployment",
  "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable": "Vercel env var",
  "vercel:index/projectDomain:ProjectDomain": "Vercel domain",
  "mongodbatlas:index/advancedCluster:AdvancedCluster": "Atlas cluster",
  "mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule": "Atlas backup schedule",
  "mongodbatlas:index/databaseUser:DatabaseUser": "Atlas database user",
  "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList": "Atlas access entry",
  "mongodbatlas:index/maintenanceWindow:MaintenanceWindow": "Atlas maintenance window",
  "mongodbatlas:index/alertConfiguration:AlertConfiguration": "Atlas alert",
  "pagerduty:index/service:Service": "PagerDuty service",
  "pagerduty:index/escalationPolicy:EscalationPolicy": "PagerDuty escalation policy",
  "pagerduty:index/serviceIntegration:ServiceIntegration": "PagerDuty integration",
};

/** `gcp:cloudrunv2/service:Service` → "Cloud Run service"; an unlisted type by its last part. */
export function kindOf(type: string): string {
  if (Kinds[type]) return Kinds[type];
  if (type.startsWith("pulumi:providers:")) return `${type.slice("pulumi:providers:".length)} provider`;
  return type.split(":").pop() ?? type;
}

type Inputs = Record<string, unknown>;

/**
 * What a resource is called where people look for it: its physical name (`mixillo-backend`), a
 * secret's id, an env var's key; else the component it belongs to (a secret's generated value is
 * `JWT_SECRET`), else its logical name.
 */
export function subjectOf(resource: { name: string; parent?: string; inputs: Inputs; custom: boolean }): string {
  const i = resource.inputs;
  const metadata = i.metadata as Inputs | undefined;
  // A Docker image's `name` is the reference it pulls: a version, not the thing.
  if (resource.custom && "name" in i && /[/:]/.test(String(i.name))) return resource.name;
  for (const v of [i.secretId, i.key, metadata?.name, i.name, i.displayName, i.username, i.cidrBlock, i.ipAddress]) {
    if (typeof v === "string" && v !== "" && !v.startsWith("[")) return v;
  }
  const parent = resource.parent?.split("::").pop();
  if (resource.custom && parent && !resource.parent!.includes("pulumi:pulumi:Stack")) return parent;
  return resource.name;
}

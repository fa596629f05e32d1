import { program } from "../stacks/program";
import { diffStates } from "../tools/plan/diff";
import { ExitCode } from "../tools/plan/exitCodes";
import { forceNewPaths, forcesReplacement, hasForceNewList } from "../tools/plan/forceNew";
import { makePlan } from "../tools/plan/plan";
import { RecordedResource } from "../tools/plan/record";
import { renderTree } from "../tools/plan/render/tree";
import { fixtureProject, recordedResource, runStack, stackConfig, withEdits } from "./harness";

/**
 * tools/plan/forceNew/: which input changes the providers replace on, as read from their sources. Each
 * case names the list it checks (repository, version, file); the versions are those behind the pinned
 * SDKs, or the newest stored where the pin is newer (the lists' files say which).
 */

/** Each path: does a change there replace a resource of this type? */
const verdicts = (type: string, paths: string[]): [string, boolean][] => paths.map((p) => [p, forcesReplacement(type, p)]);
const replaces = (type: string, paths: string[]) => expect(verdicts(type, paths)).toEqual(paths.map((p) => [p, true]));
const updates = (type: string, paths: string[]) => expect(verdicts(type, paths)).toEqual(paths.map((p) => [p, false]));

describe("Kubernetes (pulumi/pulumi-kubernetes provider/pkg/provider/diff.go, v4.32.0..master; pin v4.34.2)", () => {
  const T = {
    deployment: "kubernetes:apps/v1:Deployment",
    service: "kubernetes:core/v1:Service",
    pvc: "kubernetes:core/v1:PersistentVolumeClaim",
    secret: "kubernetes:core/v1:Secret",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    namespace: "kubernetes:core/v1:Namespace",
  };

  test("GIVEN a Deployment WHEN its spec.selector changes (a match label, the selector added or removed) THEN it is replaced (diff.go `deployment`)", () => {
    replaces(T.deployment, ["spec.selector.matchLabels.app", "spec.selector.matchExpressions[0].key", "spec.selector", "spec"]);
  });

  test("GIVEN a Deployment WHEN its pod template, replicas or strategy change THEN it is an update (only the selector is in diff.go `deployment`)", () => {
    updates(T.deployment, [
      "spec.template.spec.containers[0].image",
      'spec.template.metadata.annotations["platform.ops/restart-token"]',
      "spec.replicas",
      "spec.strategy.rollingUpdate.maxSurge",
      "metadata.labels.app",
    ]);
  });

  test("GIVEN a Service WHEN spec.clusterIP changes THEN it is replaced; its ports, selector and type are updates (diff.go core `Service`)", () => {
    replaces(T.service, ["spec.clusterIP"]);
    updates(T.service, ["spec.ports[0].port", "spec.selector.app", "spec.type", "spec.clusterIPs[0]"]);
  });

  test("GIVEN a PersistentVolumeClaim WHEN its access modes, selector, storage class or volume name change THEN it is replaced; a resize is an update (diff.go core `PersistentVolumeClaim`)", () => {
    replaces(T.pvc, ["spec.accessModes[0]", "spec.storageClassName", "spec.selector.matchLabels.tier", "spec.volumeName"]);
    updates(T.pvc, ["spec.resources.requests.storage", "metadata.labels.app"]);
  });

  test("GIVEN a Secret WHEN its data, stringData or type change THEN it is replaced (diff.go IsSecret, enableSecretMutable off)", () => {
    replaces(T.secret, ["stringData", "data.MONGODB_URI", "type"]);
    updates(T.secret, ["metadata.labels.app"]);
  });

  test("GIVEN an HPA, a policy/v1 PDB or a Namespace WHEN anything but the name or namespace changes THEN it is an update (diff.go has no autoscaling group, PDB only for policy/v1beta1, no Namespace)", () => {
    updates(T.hpa, ["spec.maxReplicas", "spec.minReplicas", "spec.metrics[0].resource.target.averageUtilization", "spec.scaleTargetRef.name"]);
    updates(T.pdb, ["spec.minAvailable", "spec.selector.matchLabels.app", "spec.unhealthyPodEvictionPolicy"]);
    updates(T.namespace, ['metadata.labels["pod-security.kubernetes.io/enforce"]']);
  });

  test("GIVEN any Kubernetes object, listed or not WHEN its metadata.name or metadata.namespace changes THEN it is replaced (diff.go metadataForceNewProperties)", () => {
    for (const type of [...Object.values(T), "kubernetes:core/v1:ConfigMap"]) replaces(type, ["metadata.name", "metadata.namespace"]);
    expect(forceNewPaths(T.hpa)).toEqual(["metadata.name", "metadata.namespace"]);
  });
});

describe("Docker (kreuzwerker/terraform-provider-docker v4.5.0 internal/provider; pin @pulumi/docker 5.2.0)", () => {
  const Container = "docker:index/container:Container";

  test("GIVEN a container WHEN its env, image or labels change THEN it is replaced (resource_docker_container.go: env, image, labels are ForceNew)", () => {
    replaces(Container, ["envs", "envs[3]", "image", "labels[4].value", "labels[7]"]);
  });

  test("GIVEN a container WHEN any other input this project sets that is ForceNew changes THEN it is replaced (resource_docker_container.go)", () => {
    replaces(Container, [
      "cpus",
      "entrypoints[0]",
      "logDriver",
      'logOpts["max-size"]',
      "mounts[0].source",
      "mounts[1]",
      "name",
      "networkMode",
      "networksAdvanced[0].aliases[0]",
      "ports[0].external",
      "privileged",
      "securityOpts[0]",
      "stopTimeout",
      "uploads[0].content",
    ]);
  });

  test("GIVEN a container WHEN its memory, restart policy, healthcheck, init, tmpfs or wait settings change THEN it is an update (resource_docker_container.go: not ForceNew)", () => {
    updates(Container, [
      "memory",
      "memorySwap",
      "restart",
      "healthcheck.interval",
      "healthcheck.tests[2]",
      "init",
      'tmpfs["/tmp"]',
      "destroyGraceSeconds",
      "mustRun",
      "wait",
      "waitTimeout",
    ]);
  });

  test("GIVEN a network WHEN any input changes THEN it is replaced (resource_docker_network.go has no update)", () => {
    replaces("docker:index/network:Network", ["name", "driver", "labels[0].value", "ipamConfigs[0].subnet"]);
  });

  test("GIVEN a volume WHEN any input but cluster.availability changes THEN it is replaced (resource_docker_volume.go)", () => {
    replaces("docker:index/volume:Volume", ["name", "driver", "driverOpts.type", "labels[2].value", "cluster.scope", "cluster"]);
    updates("docker:index/volume:Volume", ["cluster.availability"]);
  });

  test("GIVEN a remote image WHEN its name changes THEN it is replaced; keepLocally is an update (resource_docker_image.go)", () => {
    replaces("docker:index/remoteImage:RemoteImage", ["name", "platform", "triggers.commit", "build.context"]);
    updates("docker:index/remoteImage:RemoteImage", ["keepLocally", "forceRemove"]);
  });
});

describe("Google Cloud (hashicorp/terraform-provider-google-beta v7.45.0, behind pulumi-gcp v9.35.0; pin @pulumi/gcp 9.37.0)", () => {
  test("GIVEN a Cloud Run service WHEN its name, location or project change THEN it is replaced (services/cloudrunv2/resource_cloud_run_v2_service.go)", () => {
    replaces("gcp:cloudrunv2/service:Service", ["name", "location", "project", "tags.env"]);
  });

  test("GIVEN a Cloud Run service WHEN its template, scaling, traffic, ingress or labels change THEN it is an update (resource_cloud_run_v2_service.go)", () => {
    updates("gcp:cloudrunv2/service:Service", [
      "template.containers[0].image",
      "template.scaling.maxInstanceCount",
      "template.containers[0].envs[1].valueSource.secretKeyRef.version",
      "traffics[0].type",
      "ingress",
      "labels.owner",
      "deletionProtection",
    ]);
  });

  test("GIVEN an IAM member on a service or a secret WHEN any input changes THEN it is replaced (tpgiamresource/resource_iam_member.go has no update)", () => {
    replaces("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", ["member", "role", "name", "location"]);
    replaces("gcp:secretmanager/secretIamMember:SecretIamMember", ["member", "secretId", "condition.title"]);
  });

  test("GIVEN a secret WHEN its id, project or replication kind change THEN it is replaced; labels, annotations and a replica's key update (services/secretmanager/resource_secret_manager_secret.go)", () => {
    const Secret = "gcp:secretmanager/secret:Secret";
    replaces(Secret, [
      "secretId",
      "project",
      "replication.auto",
      "replication.userManaged",
      "replication.userManaged.replicas[1]",
      "replication.userManaged.replicas[0].location",
    ]);
    // The CustomizeDiff forces new on any change under replication.auto, its key included.
    replaces(Secret, ["replication.auto.customerManagedEncryption.kmsKeyName"]);
    updates(Secret, [
      "replication.userManaged.replicas[0].customerManagedEncryption.kmsKeyName",
      "labels.owner",
      'annotations["platform.ops.rotation"]',
      "deletionProtection",
    ]);
  });

  test("GIVEN a secret version WHEN its data or secret change THEN it is replaced; enabled is an update (resource_secret_manager_secret_version.go)", () => {
    replaces("gcp:secretmanager/secretVersion:SecretVersion", ["secretData", "secret"]);
    updates("gcp:secretmanager/secretVersion:SecretVersion", ["enabled", "deletionPolicy"]);
  });

  test("GIVEN a service account WHEN its account id changes THEN it is replaced; its display name is an update (resourcemanager/resource_google_service_account.go)", () => {
    replaces("gcp:serviceaccount/account:Account", ["accountId", "project"]);
    updates("gcp:serviceaccount/account:Account", ["displayName", "description"]);
  });

  test("GIVEN monitoring resources WHEN their ids change THEN they are replaced; thresholds, names and labels update (services/monitoring/*.go)", () => {
    replaces("gcp:monitoring/slo:Slo", ["sloId", "service"]);
    updates("gcp:monitoring/slo:Slo", ["goal", "rollingPeriodDays", "displayName"]);
    replaces("gcp:monitoring/customService:CustomService", ["serviceId"]);
    updates("gcp:monitoring/customService:CustomService", ["displayName", "userLabels.service"]);
    replaces("gcp:monitoring/alertPolicy:AlertPolicy", ["project"]);
    updates("gcp:monitoring/alertPolicy:AlertPolicy", [
      "conditions[0].conditionThreshold.thresholdValue",
      "enabled",
      "notificationChannels[0]",
      "documentation.content",
    ]);
    updates("gcp:monitoring/notificationChannel:NotificationChannel", ["displayName", "type", "sensitiveLabels.serviceKey"]);
  });

  test("GIVEN an uptime check WHEN its request method or monitored resource change, or its HTTP check goes THEN it is replaced; its path and timeout update (resource_monitoring_uptime_check_config.go)", () => {
    const Uptime = "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig";
    replaces(Uptime, ["httpCheck.requestMethod", "monitoredResource.labels.host", "monitoredResource.type", "httpCheck"]);
    updates(Uptime, ["httpCheck.path", "httpCheck.port", "timeout", "period", "contentMatchers[0].content", "displayName"]);
  });
});

describe("MongoDB Atlas (mongodb/terraform-provider-mongodbatlas v2.16.0, behind pulumi-mongodbatlas v4.14.0; pin 4.16.0)", () => {
  test("GIVEN a cluster WHEN its project or name change THEN it is replaced; its tier, specs and tags update (internal/service/advancedcluster/schema.go)", () => {
    replaces("mongodbatlas:index/advancedCluster:AdvancedCluster", ["projectId", "name"]);
    updates("mongodbatlas:index/advancedCluster:AdvancedCluster", [
      "replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize",
      "replicationSpecs[0].regionConfigs[1]",
      "mongoDbMajorVersion",
      "tags.owner",
      "terminationProtectionEnabled",
    ]);
  });

  test("GIVEN a backup schedule WHEN its project changes THEN it is replaced; its cluster name and policies update (cloudbackupschedule/resource_cloud_backup_schedule.go: clusterName is not ForceNew)", () => {
    replaces("mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule", ["projectId"]);
    updates("mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule", ["clusterName", "policyItemDaily.retentionValue", "restoreWindowDays"]);
  });

  test("GIVEN a database user WHEN its username changes THEN it is replaced; its auth database and roles update (databaseuser/resource_database_user.go)", () => {
    replaces("mongodbatlas:index/databaseUser:DatabaseUser", ["username", "projectId"]);
    updates("mongodbatlas:index/databaseUser:DatabaseUser", ["authDatabaseName", "roles[0].databaseName", "description", "labels[4].value"]);
  });

  test("GIVEN an IP access list entry WHEN its address or comment change THEN it is replaced (projectipaccesslist/resource_schema.go: RequiresReplace on all)", () => {
    replaces("mongodbatlas:index/projectIpAccessList:ProjectIpAccessList", ["cidrBlock", "ipAddress", "comment", "projectId"]);
  });

  test("GIVEN a maintenance window or an alert configuration WHEN they change THEN they update, unless the alert's project changes (maintenancewindow, alertconfiguration)", () => {
    updates("mongodbatlas:index/maintenanceWindow:MaintenanceWindow", ["dayOfWeek", "hourOfDay", "autoDefer", "projectId"]);
    replaces("mongodbatlas:index/alertConfiguration:AlertConfiguration", ["projectId"]);
    updates("mongodbatlas:index/alertConfiguration:AlertConfiguration", [
      "eventType",
      "metricThresholdConfig.threshold",
      "notifications[0].delayMin",
      "enabled",
    ]);
  });

  test("GIVEN an on-demand snapshot WHEN any input changes THEN it is replaced (cloudbackupsnapshot/resource.go has no update)", () => {
    replaces("mongodbatlas:index/cloudBackupSnapshot:CloudBackupSnapshot", ["projectId", "clusterName", "description", "retentionInDays"]);
  });
});

describe("PagerDuty (PagerDuty/terraform-provider-pagerduty v2.4.0, behind @pulumi/pagerduty 3.4.0)", () => {
  test("GIVEN a service integration WHEN its service, type or vendor change, or an email filter is added THEN it is replaced; its name and a filter's fields update (resource_pagerduty_service_integration.go)", () => {
    replaces("pagerduty:index/serviceIntegration:ServiceIntegration", ["service", "type", "vendor", "emailFilters[1]", "emailFilters"]);
    updates("pagerduty:index/serviceIntegration:ServiceIntegration", ["name", "emailFilters[0].subjectRegex"]);
  });

  test("GIVEN a service or an escalation policy WHEN anything changes THEN it is an update (no ForceNew input in either file)", () => {
    updates("pagerduty:index/service:Service", ["name", "escalationPolicy", "incidentUrgencyRule.urgency", "autoResolveTimeout"]);
    updates("pagerduty:index/escalationPolicy:EscalationPolicy", ["name", "rules[0].escalationDelayInMinutes", "rules[3]", "numLoops"]);
  });
});

describe("random (hashicorp/terraform-provider-random v3.9.0, behind @pulumi/random 4.21.2)", () => {
  test("GIVEN a password WHEN any input, keepers included, changes THEN a new one is made (internal/provider/resource_password.go)", () => {
    replaces("random:index/randomPassword:RandomPassword", ["keepers.rotation", "length", "special", "overrideSpecial"]);
  });
});

describe("Vercel (vercel/terraform-provider-vercel v5.4.1, behind @pulumiverse/vercel 5.4.1)", () => {
  test("GIVEN a deployment WHEN its ref, meta or settings change THEN it is replaced; deleteOnDestroy is an update (vercel/resource_deployment.go)", () => {
    replaces("vercel:index/deployment:Deployment", [
      "ref",
      'meta["platform.ops/flags"]',
      "production",
      "projectSettings.buildCommand",
      "environment.NODE_ENV",
      "projectId",
    ]);
    updates("vercel:index/deployment:Deployment", ["deleteOnDestroy"]);
  });

  test("GIVEN a project WHEN its name or build settings change THEN it is an update; its team replaces it (vercel/resource_project.go)", () => {
    updates("vercel:index/project:Project", ["name", "buildCommand", "nodeVersion", "gitRepository.productionBranch", "vercelAuthentication.deploymentType"]);
    replaces("vercel:index/project:Project", ["teamId"]);
  });

  test("GIVEN a project domain or env var WHEN its domain, key or sensitivity change THEN it is replaced; a value, targets or comment update (resource_project_domain.go, resource_project_environment_variable.go)", () => {
    replaces("vercel:index/projectDomain:ProjectDomain", ["domain", "projectId"]);
    updates("vercel:index/projectDomain:ProjectDomain", ["redirect"]);
    replaces("vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", ["key", "sensitive", "projectId"]);
    updates("vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", ["value", "targets[1]", "comment"]);
  });
});

describe("every type the program creates has a list read from its provider", () => {
  test.each(["prod", "staging"])("GIVEN the %s baseline WHEN recorded THEN each custom resource type (providers aside) has a reviewed list", async (stack) => {
    const run = await runStack(stack, stackConfig(stack));
    expect(run.errors).toEqual([]);
    const types = [...new Set(run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).map((r) => r.type))].sort();
    expect(types.length).toBeGreaterThan(20);
    expect(types.filter((t) => !hasForceNewList(t))).toEqual([]);
  });
});

/** A recorded resource for diff tests: only what the diff reads. */
const res = (type: string, inputs: Record<string, unknown>): RecordedResource => recordedResource(`urn:pulumi:prod::p::${type}::r`, { inputs });

describe("the plan's diff uses the lists", () => {
  test("GIVEN a Deployment whose selector and image changed WHEN diffed THEN it is a replace by the provider at spec.selector.matchLabels.app only", () => {
    const spec = (app: string, image: string) => ({
      metadata: { name: "api" },
      spec: { selector: { matchLabels: { app } }, template: { spec: { containers: [{ image }] } } },
    });
    const [step] = diffStates([res("kubernetes:apps/v1:Deployment", spec("api", "a:1"))], [res("kubernetes:apps/v1:Deployment", spec("api-v2", "a:2"))]);
    expect(step.op).toBe("replace");
    expect(step.changes.map((c) => [c.path, c.replaceBy])).toEqual([
      ["spec.selector.matchLabels.app", "provider"],
      ["spec.template.spec.containers[0].image", undefined],
    ]);
  });

  test("GIVEN an HPA whose maxReplicas changed WHEN diffed THEN it is an update", () => {
    const [step] = diffStates(
      [res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", { spec: { maxReplicas: 10 } })],
      [res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", { spec: { maxReplicas: 12 } })],
    );
    expect([step.op, step.changes]).toEqual(["update", [{ path: "spec.maxReplicas", kind: "update", old: 10, new: 12, inputDiff: true }]]);
  });

  test("GIVEN spilttea-backend's FRONTEND_URL changed in the docker stack WHEN planned against the reviewed state THEN the container is a replacement by the provider, not an update, and nothing else changes", async () => {
    const config = withEdits(stackConfig("prod", ["docker"]), ["platform:docker.containers.spilttea-backend.env.FRONTEND_URL", "https://www.spilttea.app"]);
    const p = await makePlan({ projectDir: await fixtureProject("prod", ["docker"]), stack: "prod", program, config });
    expect(p.run.errors).toEqual([]);
    const changed = p.steps.filter((s) => s.op !== "same");
    expect(changed.map((s) => [s.op, s.type, s.name])).toEqual([["replace", "docker:index/container:Container", "spilttea-container-spilttea-backend"]]);
    // The env list is a secret as a whole; the label that mirrors the plain variables shows the change, and labels are ForceNew.
    const [label] = changed[0].changes;
    expect(label).toMatchObject({ path: expect.stringMatching(/^labels\[\d+\]\.value$/), replace: true, replaceBy: "provider" });
    expect(String(label.new)).toContain('"FRONTEND_URL":"https://www.spilttea.app"');
    expect(renderTree(p)).toContain("+- docker:index/container:Container spilttea-container-spilttea-backend (replace)");
    expect(p.exitCode).toBe(ExitCode.Clean);
  });
});

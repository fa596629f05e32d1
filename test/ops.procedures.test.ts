import { Area, Focused } from "./harness";
import { lineDiff, ops, projectCopy, read } from "./opsHarness";

/**
 * Each procedure on a copy of the baseline fixture's stack file: the lines it changes (and so that every other
 * line, comments included, is byte-for-byte the same), the runbook command it replaces, the plan diff
 * of that change only, and that running it again changes nothing. Each case plans a stack focused on the
 * areas its lines and plan diff are in (with the secrets they name), not the whole estate.
 */

interface Case {
  name: string;
  stack?: string;
  /** The areas of the stack the case plans (harness.fixtureText): those its edit and plan lines are in. */
  areas: readonly Area[];
  /** The stack file to start from, made from the baseline one (a rotation under way). */
  text?: (original: string) => string;
  argv: string[];
  removed: string[];
  added: string[];
  runbook: string;
  plan: string[];
}

const Digest = `europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend@sha256:${"a".repeat(64)}`;
const Sha = "0123456789abcdef0123456789abcdef01234567";

const cases: Case[] = [
  {
    name: "scale a Cloud Run service",
    areas: ["cloudRun"],
    argv: ["scale", "mixillo-backend", "--min", "5", "--max", "20"],
    removed: ["      minInstances: 0", "      maxInstances: 10"],
    added: ["      minInstances: 5", "      maxInstances: 20"],
    runbook:
      'replaces runbook 001 §"Common Fixes › Scale Service (and P1 › Slow Response Times, step 3)": gcloud run services update mixillo-backend --region=europe-west1 --min-instances=5 --max-instances=20',
    plan: [
      "~ gcp:cloudrunv2/service:Service mixillo-backend (update)",
      "~ template.scaling.minInstanceCount: 0 => 5",
      "~ template.scaling.maxInstanceCount: 10 => 20",
      "Resources: ~ 1 to update,",
    ],
  },
  {
    name: "scale the staging Cloud Run service",
    stack: "staging",
    areas: ["cloudRun"],
    argv: ["scale", "mixillo-backend", "--max", "5"],
    removed: ["      maxInstances: 3"],
    added: ["      maxInstances: 5"],
    runbook: "gcloud run services update mixillo-backend --region=europe-west1 --max-instances=5",
    plan: ["~ template.scaling.maxInstanceCount: 3 => 5"],
  },
  {
    name: "scale a Kubernetes app's HPA range",
    areas: ["kubernetes"],
    argv: ["scale", "merchant-backend", "--min", "5", "--max", "12"],
    removed: ["          minReplicas: 3", "          maxReplicas: 10"],
    added: ["          minReplicas: 5", "          maxReplicas: 12"],
    runbook:
      'replaces runbook 003 §"3. Scale Application › Manual scaling (under the HPA: its range)": kubectl scale deployment merchant-backend --replicas=5 -n production',
    plan: ["~ kubernetes:autoscaling/v2:HorizontalPodAutoscaler merchant-backend-hpa (update)", "~ spec.minReplicas: 3 => 5", "~ spec.maxReplicas: 10 => 12"],
  },
  {
    name: "turn a Kubernetes app's autoscaling off",
    areas: ["kubernetes"],
    argv: ["autoscaling", "merchant-backend", "off", "--replicas", "5"],
    removed: ["          enabled: true"],
    added: ["          enabled: false", "        replicas: 5"],
    runbook: "kubectl delete hpa merchant-backend-hpa -n production && kubectl scale deployment merchant-backend --replicas=5 -n production",
    plan: ["- kubernetes:autoscaling/v2:HorizontalPodAutoscaler merchant-backend-hpa (delete)", "+ spec.replicas: 5"],
  },
  {
    name: "deploy a Cloud Run image by digest",
    areas: ["cloudRun"],
    argv: ["deploy", "mixillo-backend", "--image", Digest],
    removed: [
      "      image: europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend@sha256:6f4d98325dada176fb299b00ba6d717f34848ef16606328969f279490293490e",
    ],
    added: [`      image: ${Digest}`],
    runbook: 'replaces runbook 000 §"Deployment Procedures › Deploy to Production"',
    plan: ["~ gcp:cloudrunv2/service:Service mixillo-backend (update)", "~ template.containers[0].image:"],
  },
  {
    name: "deploy a Kubernetes app's new tag",
    areas: ["kubernetes"],
    argv: ["deploy", "merchant-backend", "--tag", "v1.2.4"],
    removed: ["        image: rezapp/merchant-backend:v1.2.3"],
    added: ["        image: rezapp/merchant-backend:v1.2.4"],
    runbook: "kubectl set image deployment/merchant-backend api=rezapp/merchant-backend:v1.2.4 -n production",
    plan: ['~ spec.template.spec.containers[0].image: "rezapp/merchant-backend:v1.2.3" => "rezapp/merchant-backend:v1.2.4"'],
  },
  {
    name: "deploy a Docker container by its compose name",
    areas: ["docker"],
    argv: ["deploy", "backend", "--tag", "v1.4.3"],
    removed: ["        image: ghcr.io/spilttea/spilttea-backend:v1.4.2"],
    added: ["        image: ghcr.io/spilttea/spilttea-backend:v1.4.3"],
    runbook: 'replaces runbook 004 §"Docker Deployment › Backend Only Deployment": docker-compose up -d --build backend',
    // Image name and labels are ForceNew (kreuzwerker v4.5.0): a new image is pulled and the container recreated, as `up -d` does.
    plan: [
      "+- docker:index/remoteImage:RemoteImage spilttea-image-spilttea-backend (replace)",
      '+- name: "ghcr.io/spilttea/spilttea-backend:v1.4.2" => "ghcr.io/spilttea/spilttea-backend:v1.4.3" (the provider replaces on this)',
      "+- docker:index/container:Container spilttea-container-spilttea-backend (replace)",
    ],
  },
  {
    name: "roll a Cloud Run service back to a revision",
    areas: ["cloudRun"],
    argv: ["rollback", "mixillo-backend", "--to", "mixillo-backend-00075-82j"],
    removed: [],
    added: ["      traffic:", "        pinRevision: mixillo-backend-00075-82j"],
    runbook: "gcloud run services update-traffic mixillo-backend --region=europe-west1 --to-revisions=mixillo-backend-00075-82j=100",
    plan: [
      '+ traffics[0].revision: "mixillo-backend-00075-82j"',
      '~ traffics[0].type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" => "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION"',
    ],
  },
  {
    name: "roll a Kubernetes app back to the previous tag",
    areas: ["kubernetes"],
    argv: ["rollback", "merchant-backend", "--to", "v1.2.2"],
    removed: ["        image: rezapp/merchant-backend:v1.2.3"],
    added: ["        image: rezapp/merchant-backend:v1.2.2"],
    runbook: 'replaces runbook 003 §"Quick Reference Commands › Rollback": kubectl rollout undo deployment/merchant-backend -n production',
    plan: ['"rezapp/merchant-backend:v1.2.3" => "rezapp/merchant-backend:v1.2.2"'],
  },
  {
    name: "roll a Docker container back to the previous tag",
    areas: ["docker"],
    argv: ["rollback", "spilttea-frontend", "--to", "v1.4.1"],
    removed: ["        image: ghcr.io/spilttea/spilttea-frontend:v1.4.2"],
    added: ["        image: ghcr.io/spilttea/spilttea-frontend:v1.4.1"],
    runbook: 'replaces runbook 004 §"Rollback Procedures › Quick Rollback (Docker)"',
    plan: [
      '+- name: "ghcr.io/spilttea/spilttea-frontend:v1.4.2" => "ghcr.io/spilttea/spilttea-frontend:v1.4.1" (the provider replaces on this)',
      "+- docker:index/container:Container spilttea-container-spilttea-frontend (replace)",
    ],
  },
  {
    name: "roll a Vercel project back to a commit",
    areas: Focused.vercel,
    argv: ["rollback", "fixzit", "--to", Sha],
    removed: [],
    added: ["        production:", `          pinCommit: ${Sha}`],
    runbook: 'replaces runbook 002 §"Rollback Procedures › Vercel Rollback"',
    plan: ["+- vercel:index/deployment:Deployment fixzit-production (replace)", `+- ref: "main" => "${Sha}" (replaceOnChanges)`],
  },
  {
    name: "restart a Cloud Run service",
    areas: ["cloudRun"],
    argv: ["restart", "mixillo-backend"],
    removed: [],
    added: ['      restartToken: "2030-11-25T06-49"'],
    runbook: "gcloud run services update mixillo-backend --region=europe-west1 --update-env-vars=RESTART=$(date +%s)",
    plan: ['+ template.annotations["platform.ops/restart-token"]: "2030-11-25T06-49"'],
  },
  {
    name: "restart a Kubernetes app",
    areas: ["kubernetes"],
    argv: ["restart", "merchant-backend"],
    removed: [],
    added: ['        restartToken: "2030-11-25T06-49"'],
    runbook: "kubectl rollout restart deployment/merchant-backend -n production",
    plan: ['+ spec.template.metadata.annotations["platform.ops/restart-token"]: "2030-11-25T06-49"'],
  },
  {
    name: "restart a Docker container",
    areas: ["docker"],
    argv: ["restart", "backend"],
    removed: [],
    added: ['        restartToken: "2030-11-25T06-49"'],
    runbook: "docker-compose restart backend",
    // The token is a label, and labels are ForceNew: a restart is a recreation (docs/docker.md, "A restart is a recreation").
    plan: ["+- docker:index/container:Container spilttea-container-spilttea-backend (replace)", '"value":"2030-11-25T06-49"} (the provider replaces on this)'],
  },
  {
    name: "redeploy a Vercel project",
    areas: Focused.vercel,
    argv: ["restart", "fixzit"],
    removed: [],
    added: ["        production:", '          redeployToken: "2030-11-25T06-49"'],
    runbook: "vercel redeploy --force",
    plan: ['+- meta["platform.ops/redeploy-token"]: "2030-11-25T06-49" (replaceOnChanges)'],
  },
  {
    name: "turn maintenance mode on with a message",
    areas: Focused.vercel,
    argv: ["maintenance", "fixzit", "on", "--message", "Scheduled maintenance until 10:00 AM GMT"],
    removed: ["          enabled: false"],
    added: ["          enabled: true", "          message: Scheduled maintenance until 10:00 AM GMT"],
    runbook: 'vercel env add MAINTENANCE_MODE true && vercel env add MAINTENANCE_MESSAGE "Scheduled maintenance until 10:00 AM GMT" && vercel redeploy',
    plan: [
      "+ vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable fixzit-env-MAINTENANCE_MODE (create)",
      '+- meta["platform.ops/maintenance"]: "off" => "on" (replaceOnChanges)',
    ],
  },
  {
    name: "turn a feature flag off by the name the app's API uses",
    areas: Focused.vercel,
    argv: ["flag", "new_dashboard", "off"],
    removed: ["          FEATURE_NEW_DASHBOARD: enabled"],
    added: ["          FEATURE_NEW_DASHBOARD: disabled"],
    runbook: 'replaces runbook 002 §"Rollback Procedures › Feature Flag Rollback": vercel env add FEATURE_NEW_DASHBOARD disabled',
    plan: ['+- meta["platform.ops/flags"]: "FEATURE_NEW_DASHBOARD=enabled" => "FEATURE_NEW_DASHBOARD=disabled" (replaceOnChanges)'],
  },
  {
    name: "rotate two generated secrets",
    // The secrets come with the service that reads them: a focused stack keeps the secrets its areas name.
    areas: ["cloudRun"],
    argv: ["rotate", "JWT_SECRET", "JWT_REFRESH_SECRET"],
    removed: ['        rotation: "2025-11-07"', '        rotation: "2025-11-07"'],
    added: ['        rotation: "2030-11-25"', '        rotation: "2030-11-25"'],
    runbook: 'replaces runbook 000 §"Security Procedures › Rotating Secrets": openssl rand -base64 64 | gcloud secrets versions add JWT_REFRESH_SECRET',
    plan: [
      "+- random:index/randomPassword:RandomPassword JWT_SECRET-value (replace)",
      '+- keepers.rotation: "2025-11-07" => "2030-11-25" (the provider replaces on this)',
      "+- random:index/randomPassword:RandomPassword JWT_REFRESH_SECRET-value (replace)",
    ],
  },
  {
    name: "silence an alert by its policy name until a time",
    areas: Focused.monitoring,
    argv: ["silence", "mixillo-backend-latency-p95", "--until", "2031-12-01T06:00:00Z", "--reason", "Atlas M30 → M40 resize, OPS-142"],
    removed: [],
    added: ["            silence:", '              until: "2031-12-01T06:00:00Z"', "              reason: Atlas M30 → M40 resize, OPS-142"],
    runbook: "--no-enabled",
    plan: [
      "~ gcp:monitoring/alertPolicy:AlertPolicy mixillo-backend-latency-p95 (update)",
      "~ enabled: true => false",
      '+ userLabels.silenced-until: "2031-12-01t06-00-00z"',
    ],
  },
  {
    name: "silence an alert for two hours, by its id",
    areas: Focused.monitoring,
    argv: ["silence", "merchant-backend.cpu-warning", "--for", "2h", "--reason", "load test"],
    removed: [],
    added: ["            silence:", '              until: "2030-11-25T08:50:00Z"', "              reason: load test"],
    runbook:
      'replaces runbook 003 §"Monitoring & Alerts: 4. CPU Usage (warning)": gcloud alpha monitoring policies update <id of merchant-backend-cpu-warning> --no-enabled',
    plan: ["~ gcp:monitoring/alertPolicy:AlertPolicy merchant-backend-cpu-warning (update)", "~ enabled: true => false"],
  },
  {
    name: "raise an alert's threshold, by its id of before issue 21",
    areas: Focused.monitoring,
    argv: ["threshold", "mixillo.requestRate", "1500"],
    removed: [],
    added: ["            thresholdOverride: 1500"],
    runbook: "Cloud Monitoring console: edit mixillo-backend-request-rate's threshold to 1500 by hand",
    plan: ["~ conditions[0].conditionThreshold.thresholdValue: 500 => 1500"],
  },
  {
    name: "raise a Sentry alert's critical threshold",
    areas: Focused.monitoring,
    argv: ["threshold", "merchant-backend.latency-p95", "1200"],
    removed: [],
    added: ["            thresholdOverride: 1200"],
    runbook:
      'replaces runbook 003 §"Monitoring & Alerts: 2. Response Time; Issue: Slow Response Time": Sentry › Alerts: edit merchant-backend-latency-p95\'s threshold to 1200 by hand',
    plan: ["~ sentry:index/sentryMetricAlert:SentryMetricAlert merchant-backend-latency-p95 (update)", "~ triggers[0].alertThreshold: 1000 => 1200"],
  },
  // Atlas with useEffectiveFields ignores a new instanceSize while compute or disk auto-scaling is on,
  // and checks a new range against the tier it runs (terraform-provider-mongodbatlas v2.16.0
  // docs/resources/advanced_cluster.md and @pulumi/mongodbatlas 4.16.0 advancedCluster.d.ts, "Manually
  // Updating Specs" and "Adjusting the Auto-Scaling Range" with useEffectiveFields): a resize pauses
  // both for one `pulumi up`, and --finish resumes them.
  {
    name: "resize an auto-scaling Atlas cluster: auto-scaling paused for that pulumi up, or Atlas ignores the tier (advanced_cluster.md v2.16.0, @pulumi/mongodbatlas 4.16.0)",
    areas: ["atlas"],
    argv: ["db-scale", "fixzit", "--size", "M50"],
    removed: ["        instanceSize: M30"],
    added: ["        instanceSize: M50", "          pausedForResize: true"],
    runbook:
      'replaces runbook 002 §"Scaling Operations › Database Scaling": MongoDB Atlas: Cluster fixzit > Configuration > Scale to M50 (here: this `pulumi up` pauses compute and disk auto-scaling so that Atlas moves fixzit to M50; after it, `db-scale fixzit --finish` resumes compute auto-scaling within M30-M50 and disk auto-scaling from M50)',
    plan: [
      "~ mongodbatlas:index/advancedCluster:AdvancedCluster fixzit (update)",
      '~ replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize: "M30" => "M50"',
      "~ replicationSpecs[0].regionConfigs[0].autoScaling.computeEnabled: true => false",
      "~ replicationSpecs[0].regionConfigs[0].autoScaling.diskGbEnabled: true => false",
      "Resources: ~ 1 to update,",
    ],
  },
  {
    name: "finish an Atlas resize: auto-scaling resumes from the new tier (advanced_cluster.md v2.16.0, step 2)",
    areas: ["atlas"],
    text: (original) =>
      original.replace(
        /(fixzit:\n {8}project: fixzit\n {8}region: WESTERN_EUROPE\n {8})instanceSize: M30\n( {8}autoScaling:\n {10}compute:\n {12}min: M30\n {12}max: M50\n)/,
        "$1instanceSize: M50\n$2          pausedForResize: true\n",
      ),
    argv: ["db-scale", "fixzit", "--finish"],
    removed: ["          pausedForResize: true"],
    added: [],
    runbook:
      "MongoDB Atlas: Cluster fixzit > Configuration > Auto-scale on (here: Atlas auto-scales fixzit again (compute within M30-M50 and disk), from the tier the resize moved it to (M50))",
    plan: [
      "~ replicationSpecs[0].regionConfigs[0].autoScaling.computeEnabled: false => true",
      "~ replicationSpecs[0].regionConfigs[0].autoScaling.diskGbEnabled: false => true",
      '+ replicationSpecs[0].regionConfigs[0].autoScaling.computeMinInstanceSize: "M30"',
    ],
  },
  {
    name: "raise an Atlas cluster's floor with the tier to run: a resize, the new range applied by --finish (advanced_cluster.md v2.16.0, Adjusting the Auto-Scaling Range)",
    areas: ["atlas"],
    argv: ["db-scale", "rez", "--min", "M40", "--max", "M60", "--size", "M40"],
    removed: ["        instanceSize: M30", "            min: M30", "            max: M50"],
    added: ["        instanceSize: M40", "            min: M40", "            max: M60", "          pausedForResize: true"],
    runbook:
      "MongoDB Atlas: Cluster rez > Configuration > Scale to M40; Auto-scale M40-M60 (here: this `pulumi up` pauses compute and disk auto-scaling so that Atlas moves rez to M40; after it, `db-scale rez --finish` resumes compute auto-scaling within M40-M60 and disk auto-scaling from M40)",
    plan: [
      '~ replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize: "M30" => "M40"',
      "~ replicationSpecs[0].regionConfigs[0].autoScaling.computeEnabled: true => false",
    ],
  },
  {
    name: "widen an Atlas cluster's auto-scaling range: one pulumi up, no resize (the range still holds the tier Atlas runs)",
    areas: ["atlas"],
    argv: ["db-scale", "fixzit", "--max", "M60"],
    removed: ["            max: M50"],
    added: ["            max: M60"],
    runbook: "MongoDB Atlas: Cluster fixzit > Configuration > Auto-scale …-M60 (here: Atlas auto-scales fixzit within M30-M60, from the tier it runs now)",
    plan: ['~ replicationSpecs[0].regionConfigs[0].autoScaling.computeMaxInstanceSize: "M50" => "M60"', "Resources: ~ 1 to update,"],
  },
  {
    name: "resize a fixed-tier Atlas cluster: disk auto-scaling paused for that pulumi up (advanced_cluster.md v2.16.0: compute or disk auto-scaling on ignores instance_size)",
    stack: "staging",
    areas: ["atlas"],
    argv: ["db-scale", "rez", "--size", "M20"],
    removed: ["        instanceSize: M10"],
    added: ["        instanceSize: M20", "        autoScaling:", "          pausedForResize: true"],
    runbook:
      "MongoDB Atlas: Cluster rez > Configuration > Scale to M20 (here: this `pulumi up` pauses disk auto-scaling so that Atlas moves rez to M20; after it, `db-scale rez --finish` resumes disk auto-scaling from M20)",
    plan: [
      '~ replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize: "M10" => "M20"',
      "~ replicationSpecs[0].regionConfigs[0].autoScaling.diskGbEnabled: true => false",
    ],
  },
  {
    name: "turn an Atlas cluster's compute auto-scaling off",
    stack: "staging",
    areas: ["atlas"],
    argv: ["db-scale", "fixzit", "--fixed"],
    removed: ["        autoScaling:", "          compute:", "            min: M10", "            max: M30"],
    added: [],
    runbook:
      "Cluster fixzit > Configuration > Auto-scale off (here: Atlas stops auto-scaling fixzit's tier and keeps the one it runs now (instanceSize M10 applies only with --size))",
    plan: ["~ replicationSpecs[0].regionConfigs[0].autoScaling.computeEnabled: true => false"],
  },
  {
    name: "take a pre-maintenance Atlas snapshot",
    areas: ["atlas"],
    argv: ["snapshot", "mixillo"],
    removed: [],
    added: ["        backup:", "          snapshots:", "            pre-maintenance-2030-11-25:", "              description: Pre-deployment backup"],
    runbook: `clusters/mixillo/backup/snapshots" --data '{"description": "Pre-deployment backup", "retentionInDays": 7}'`,
    plan: ["+ mongodbatlas:index/cloudBackupSnapshot:CloudBackupSnapshot mixillo-pre-maintenance-2030-11-25 (create)", "Resources: + 1 to create,"],
  },
  {
    name: "add an address to an Atlas access list",
    areas: ["atlas"],
    argv: ["access", "rez", "add", "198.51.100.7", "--comment", "Office VPN for the on-call DBA"],
    removed: [],
    added: ["          198.51.100.7/32: Office VPN for the on-call DBA"],
    runbook: "MongoDB Atlas > rez > Network Access > Add IP Address 198.51.100.7/32",
    plan: ["+ mongodbatlas:index/projectIpAccessList:ProjectIpAccessList rez-atlas-198.51.100.7_32 (create)"],
  },
  {
    name: "remove an address from an Atlas access list",
    areas: ["atlas"],
    argv: ["access", "fixzit", "remove", "203.0.113.21"],
    removed: ["          203.0.113.21/32: Vercel Secure Compute egress of fixzit (2 of 2)"],
    added: [],
    runbook: "Network Access > Delete 203.0.113.21/32",
    plan: ["- mongodbatlas:index/projectIpAccessList:ProjectIpAccessList fixzit-atlas-203.0.113.21_32 (delete)"],
  },
  {
    name: "rotate an Atlas database user: a new user beside the old one",
    // Atlas writes the connection string; the Kubernetes app reads it (its Secret and pods roll).
    areas: ["atlas", "kubernetes"],
    argv: ["rotate", "merchant-backend"],
    removed: ['            rotation: "2026-11-25"'],
    added: ['            rotation: "2030-11-25"', '            previousRotation: "2026-11-25"'],
    runbook: 'replaces runbook 000 §"Security Procedures › Rotate MongoDB Password, steps 1-3"',
    // The new password and connection string are secrets, so the plan shows what names them: the new
    // user and its password, the secret's rotation and the pods' secret revision. The old user stays.
    plan: [
      "+ mongodbatlas:index/databaseUser:DatabaseUser rez-merchant-backend-2030-11-25 (create)",
      "+ random:index/randomPassword:RandomPassword rez-merchant-backend-2030-11-25-password (create)",
      '~ annotations["platform.ops.rotation"]: "2026-11-25" => "2030-11-25"',
      "~ kubernetes:apps/v1:Deployment merchant-backend (update)",
      "Resources: + 2 to create, ~ 3 to update,",
    ],
  },
  {
    name: "finish an Atlas user's rotation: the old user is deleted",
    // With the app that reads the connection string, so that `unchanged` covers its Secret and pods too.
    areas: ["atlas", "kubernetes"],
    text: (original) =>
      original.replace(
        /(connectionStringSecret: REZ_MONGODB_URI\n {12})rotation: "2026-11-25"\n/,
        '$1rotation: "2026-12-24"\n            previousRotation: "2026-11-25"\n',
      ),
    argv: ["rotate", "rez/merchant-backend", "--finish"],
    removed: ['            previousRotation: "2026-11-25"'],
    added: [],
    runbook:
      'replaces runbook 000 §"Security Procedures › Rotate MongoDB Password, step 5": delete the old user in Atlas (Security > Database Access): merchant-backend-2026-11-25',
    plan: [
      "- mongodbatlas:index/databaseUser:DatabaseUser rez-merchant-backend-2026-11-25 (delete)",
      "- random:index/randomPassword:RandomPassword rez-merchant-backend-2026-11-25-password (delete)",
      "Resources: - 2 to delete, 59 unchanged",
    ],
  },
  {
    name: "raise a Kubernetes app's memory limit (OOMKilled)",
    areas: ["kubernetes"],
    argv: ["resources", "merchant-backend", "--memory", "2Gi"],
    removed: ["            memory: 1Gi"],
    added: ["            memory: 2Gi"],
    runbook:
      'replaces runbook 003 §"Issue: Out of Memory › Resolution (Temporary: Increase memory limit)": kubectl set resources deployment merchant-backend --limits=memory=2Gi -n production',
    plan: [
      "~ kubernetes:apps/v1:Deployment merchant-backend (update)",
      '~ spec.template.spec.containers[0].resources.limits.memory: "1Gi" => "2Gi"',
      "Resources: ~ 1 to update,",
    ],
  },
  {
    name: "give a Cloud Run service more memory and CPUs",
    areas: ["cloudRun"],
    argv: ["resources", "mixillo-backend", "--memory", "4Gi", "--cpu", "4"],
    removed: ["      cpu: 2", "      memory: 2Gi"],
    added: ["      cpu: 4", "      memory: 4Gi"],
    runbook: "gcloud run services update mixillo-backend --region=europe-west1 --memory=4Gi --cpu=4",
    plan: [
      "~ gcp:cloudrunv2/service:Service mixillo-backend (update)",
      '~ template.containers[0].resources.limits.cpu: "2" => "4"',
      '~ template.containers[0].resources.limits.memory: "2Gi" => "4Gi"',
    ],
  },
  {
    name: "give a Docker container more memory by its compose name",
    areas: ["docker"],
    argv: ["resources", "backend", "--memory", "2Gi"],
    removed: ["        memory: 1Gi"],
    added: ["        memory: 2Gi"],
    runbook: "resources Docker container spilttea-backend (stack prod)",
    plan: ["~ docker:index/container:Container spilttea-container-spilttea-backend (update)", "~ memory: 1024 => 2048"],
  },
  {
    name: "change a Kubernetes app's connection pool setting",
    areas: ["kubernetes"],
    argv: ["env", "merchant-backend", "set", "MONGODB_MAX_POOL_SIZE=80"],
    removed: ['          MONGODB_MAX_POOL_SIZE: "50"'],
    added: ['          MONGODB_MAX_POOL_SIZE: "80"'],
    runbook:
      'replaces runbook 003 §"Issue: Database Connection Exhaustion › Resolution (pool settings in .env)": kubectl set env deployment/merchant-backend MONGODB_MAX_POOL_SIZE=80 -n production',
    plan: ["~ kubernetes:apps/v1:Deployment merchant-backend (update)", '~ spec.template.spec.containers[0].env[0].value: "50" => "80"'],
  },
  {
    name: "fix a Docker container's FRONTEND_URL",
    areas: ["docker"],
    argv: ["env", "backend", "set", "FRONTEND_URL=https://www.spilttea.app"],
    removed: ["          FRONTEND_URL: https://spilttea.app"],
    added: ["          FRONTEND_URL: https://www.spilttea.app"],
    runbook: "edit backend/.env (FRONTEND_URL=https://www.spilttea.app) && docker-compose up -d backend",
    // The env list is one secret; the label with the plain variables shows the change, and labels are ForceNew.
    plan: [
      "+- docker:index/container:Container spilttea-container-spilttea-backend (replace)",
      '~ FRONTEND_URL: "https://spilttea.app" => "https://www.spilttea.app"',
    ],
  },
  {
    name: "remove a Cloud Run env var (its emptied map goes too)",
    areas: ["cloudRun"],
    argv: ["env", "mixillo-backend", "unset", "DATABASE_MODE"],
    removed: ["      env:", "        DATABASE_MODE: dual"],
    added: [],
    runbook: "gcloud run services update mixillo-backend --region=europe-west1 --remove-env-vars=DATABASE_MODE",
    plan: ["~ gcp:cloudrunv2/service:Service mixillo-backend (update)"],
  },
  {
    name: "keep two weeks of Postgres dumps, at 01:30",
    areas: ["docker"],
    argv: ["backup", "spilttea", "--retention-days", "14", "--schedule", "30 1 * * *"],
    removed: ['      schedule: "0 2 * * *"', "      retentionDays: 7"],
    added: ['      schedule: "30 1 * * *"', "      retentionDays: 14"],
    runbook:
      'replaces runbook 004 §"Backup Procedures › Automated Backup (Recommended)": crontab -e: 30 1 * * * ... pg_dump ... | gzip > backups/backup_$(date +%Y%m%d).sql.gz; find backups -name "backup_*.sql.gz" -mtime +14 -delete',
    plan: ["+- docker:index/container:Container spilttea-container-spilttea-backup (replace)", "Resources: +- 1 to replace,"],
  },
];

describe("each procedure edits its key, shows its plan diff, and is idempotent", () => {
  test.each(cases)(
    "GIVEN the baseline stack file WHEN ops $argv.0 ($name) THEN only its lines change, the plan shows the change, and a second run changes nothing",
    async (c) => {
      const stack = c.stack ?? "prod";
      const baseline = await projectCopy(stack, { areas: c.areas });
      const p = c.text ? await projectCopy(stack, { areas: c.areas, text: c.text(baseline.original) }) : baseline;
      const first = await ops(p.dir, ...c.argv, "--stack", stack);
      expect(first.err).toBe("");
      expect(first.code).toBe(0);
      const edited = read(p.file);
      expect(lineDiff(p.original, edited)).toEqual({ removed: c.removed, added: c.added });
      expect(first.out).toContain(c.runbook);
      for (const line of c.plan) expect(first.out).toContain(line);
      expect(first.out).toContain("exit 0: clean");
      expect(first.out).toContain(`npm run plan -- ${stack} --write`);

      const second = await ops(p.dir, ...c.argv, "--stack", stack);
      expect(second.code).toBe(0);
      expect(second.out).toContain(`Pulumi.${stack}.yaml: already so, nothing to change`);
      expect(second.out).not.toContain("Plan of this change");
      expect(read(p.file)).toBe(edited);
    },
  );
});

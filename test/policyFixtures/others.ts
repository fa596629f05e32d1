import { statefulProtected, requiredLabels } from "../../policies/rules/common";
import {
  dockerHealthcheck,
  dockerImagePinned,
  dockerMemoryLimit,
  dockerNoDockerSocket,
  dockerNoHostNetwork,
  dockerNotPrivileged,
} from "../../policies/rules/docker";
import { pagerdutyEscalationRules, pagerdutyServiceEscalation } from "../../policies/rules/oncall";
import { dockerCapabilitiesRestricted, dockerConfined, dockerDaemonTls, dockerDatabasePortBound, dockerNoHostPath } from "../../policies/rules/dockerRuntime";
import { gcpIamLeastPrivilege } from "../../policies/rules/iam";
import { secretNameAdvisory } from "../../policies/rules/secretEnv";
import { vercelGitForkProtection, vercelSensitiveEnv } from "../../policies/rules/vercel";
import { props, resource, RuleSuite, unknown } from "../policyHarness";
import { cluster } from "./atlas";
import { cloudRunService } from "./cloudRun";
import { deployment } from "./kubernetes";

const dockerLabels = [
  { label: "product", value: "spilttea" },
  { label: "environment", value: "prod" },
  { label: "owner", value: "platform-team" },
];
const container = () =>
  resource("docker:index/container:Container", "spilttea-backend", {
    name: "spilttea-backend",
    image: "ghcr.io/spilttea/backend:1.8.0",
    memory: 512,
    healthcheck: { tests: ["CMD", "curl", "-f", "http://localhost:3001/health"], interval: "30s" },
    networksAdvanced: [{ name: "spilttea" }],
    volumes: [{ volumeName: "spilttea-uploads", containerPath: "/app/uploads" }],
    mounts: [{ type: "volume", source: "spilttea-data", target: "/data" }],
    ports: [{ internal: 3001, external: 3001, ip: "0.0.0.0", protocol: "tcp" }],
    securityOpts: ["no-new-privileges:true"],
    labels: dockerLabels,
  });
const remoteImage = () => resource("docker:index/remoteImage:RemoteImage", "postgres-image", { name: "postgres:16.4" });
const volume = () => resource("docker:index/volume:Volume", "spilttea-pgdata", { name: "spilttea-pgdata", labels: dockerLabels }, { protect: true });

export const otherSuites: RuleSuite[] = [
  {
    policy: vercelSensitiveEnv,
    good: () => [
      resource("vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", "fixzit-JWT_SECRET", {
        projectId: "prj_1",
        key: "JWT_SECRET",
        value: "[secret]",
        sensitive: true,
        targets: ["production"],
      }),
      resource("vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables", "fixzit-env", {
        projectId: "prj_1",
        variables: [
          { key: "MONGODB_URI", value: "[secret]", sensitive: true, targets: ["production"] },
          { key: "NEXT_PUBLIC_API_URL", value: "https://api.fixzit.app", sensitive: false, targets: ["production"] },
        ],
      }),
      resource("vercel:index/project:Project", "mixillo-admin", { name: "mixillo-admin", framework: "nextjs", environments: [] }),
    ],
    violations: [
      [
        "a connection string in a variable not marked sensitive",
        (rs) => void ((props(rs, 0).sensitive = false), (props(rs, 0).value = "postgres://app:pw@db:5432/app")),
        /Vercel project variable JWT_SECRET is not sensitive, and its value is a password in a URL/,
      ],
      [
        "a connection string in a plain list entry",
        (rs) => void props(rs, 1).variables.push({ key: "DATABASE", value: "postgres://app:pw@db:5432/app", sensitive: false }),
        /variable DATABASE is not sensitive, and its value is a password in a URL/,
      ],
      [
        "an inline project env var holding a Stripe key",
        (rs) => void props(rs, 2).environments.push({ key: "PAYMENTS", value: "sk_live_51Habcdefghijklmnop", sensitive: false }),
        /Vercel project "mixillo-admin" variable PAYMENTS is not sensitive, and its value is a Stripe secret key/,
      ],
    ],
    passes: [
      [
        "a reviewed public key",
        (rs) => void props(rs, 1).variables.push({ key: "NEXT_PUBLIC_MAPBOX_TOKEN", value: "pk.q8Zr3Kp1Vx7Lm2Nb6Tc9Wd4Yf0Hg5Js", sensitive: false }),
        { allowedKeys: ["NEXT_PUBLIC_MAPBOX_TOKEN"] },
      ],
      [
        "a secret-sounding name with a plain value",
        (rs) => void props(rs, 1).variables.push({ key: "NEXTAUTH_URL", value: "https://fixzit.app", sensitive: false }),
      ],
      ["a plain variable the SDK marks secret ([secret] offline: judged by the CLI, which sees the value)", (rs) => void (props(rs, 0).sensitive = false)],
    ],
  },
  {
    policy: vercelGitForkProtection,
    good: () => [resource("vercel:index/project:Project", "fixzit", { name: "fixzit", framework: "nextjs", gitForkProtection: true })],
    violations: [["fork protection off", (rs) => void (props(rs).gitForkProtection = false), /Vercel project "fixzit" has Git Fork Protection off/]],
    passes: [["fork protection left to Vercel's default (on)", (rs) => void delete props(rs).gitForkProtection]],
  },
  {
    policy: secretNameAdvisory,
    good: () => [cloudRunService(), deployment()],
    violations: [
      [
        "a plain JWT_SECRET on Cloud Run (advisory)",
        (rs) => void props(rs, 0).template.containers[0].envs.push({ name: "JWT_SECRET", value: "x" }),
        /Cloud Run service "mixillo-backend" sets JWT_SECRET as a plain variable; its name sounds like a secret/,
      ],
      [
        "a plain OAUTH_REDIRECT_URI in Kubernetes (advisory, never a block)",
        (rs) => void props(rs, 1).spec.template.spec.containers[0].env.push({ name: "OAUTH_REDIRECT_URI", value: "https://api.rezapp.com/callback" }),
        /container "api" sets OAUTH_REDIRECT_URI as a plain variable/,
      ],
    ],
    passes: [
      ["a reviewed name", (rs) => void props(rs, 0).template.containers[0].envs.push({ name: "TOKEN_TTL", value: "3600" }), { allowedNames: ["TOKEN_TTL"] }],
    ],
  },
  {
    policy: gcpIamLeastPrivilege,
    good: () => [
      resource("gcp:secretmanager/secretIamMember:SecretIamMember", "reads-JWT_SECRET", {
        secretId: "JWT_SECRET",
        role: "roles/secretmanager.secretAccessor",
        member: unknown(),
      }),
      resource("gcp:projects/iAMMember:IAMMember", "run-metrics", {
        project: "mixillo",
        role: "roles/monitoring.metricWriter",
        member: "serviceAccount:mixillo-backend-run@mixillo.iam.gserviceaccount.com",
      }),
      resource("gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding", "ops-admins", {
        name: "mixillo-backend",
        role: "roles/run.admin",
        members: ["group:ops@mixillo.app"],
      }),
    ],
    violations: [
      [
        "secretmanager.admin for the runtime account (unknown during preview)",
        (rs) => void (props(rs, 0).role = "roles/secretmanager.admin"),
        /SecretIamMember "reads-JWT_SECRET" grants roles\/secretmanager.admin to a service account this stack creates/,
      ],
      [
        "editor on the project",
        (rs) => void (props(rs, 1).role = "roles/editor"),
        /IAMMember "run-metrics" grants roles\/editor to serviceAccount:mixillo-backend-run@/,
      ],
      [
        "serviceAccountTokenCreator on the project",
        (rs) => void (props(rs, 1).role = "roles/iam.serviceAccountTokenCreator"),
        /grants roles\/iam.serviceAccountTokenCreator/,
      ],
      [
        "run.admin to a service account in a binding",
        (rs) => void props(rs, 2).members.push("serviceAccount:ci@mixillo.iam.gserviceaccount.com"),
        /ServiceIamBinding "ops-admins" grants roles\/run.admin to serviceAccount:ci@/,
      ],
      [
        "owner in an IAM policy document",
        (rs) =>
          void rs.push(
            resource("gcp:projects/iAMPolicy:IAMPolicy", "mixillo-policy", {
              project: "mixillo",
              policyData: '{"bindings":[{"role":"roles/owner","members":["serviceAccount:deploy@mixillo.iam.gserviceaccount.com"]}]}',
            }),
          ),
        /IAMPolicy "mixillo-policy" grants roles\/owner to serviceAccount:deploy@/,
      ],
    ],
    passes: [
      [
        "a reviewed exception",
        (rs) => void (props(rs, 1).role = "roles/editor"),
        { allowedGrants: ["roles/editor serviceAccount:mixillo-backend-run@mixillo.iam.gserviceaccount.com"] },
      ],
    ],
  },
  {
    policy: pagerdutyEscalationRules,
    good: () => [
      resource("pagerduty:index/escalationPolicy:EscalationPolicy", "mixillo-oncall", {
        name: "Mixillo on-call",
        numLoops: 2,
        rules: [{ escalationDelayInMinutes: 10, targets: [{ type: "schedule_reference", id: "PSCHED1" }] }],
      }),
    ],
    violations: [
      ["no rules", (rs) => void (props(rs).rules = []), /"Mixillo on-call" has no rules/],
      ["a rule with no targets", (rs) => void (props(rs).rules[0].targets = []), /rule 1 pages no one/],
      ["no loops", (rs) => void delete props(rs).numLoops, /loops 0 time\(s\); the minimum is 1/],
    ],
  },
  {
    policy: pagerdutyServiceEscalation,
    good: () => [resource("pagerduty:index/service:Service", "mixillo-backend", { name: "mixillo-backend", escalationPolicy: "PESC123" })],
    violations: [["an empty escalation policy", (rs) => void (props(rs).escalationPolicy = ""), /"mixillo-backend" has no escalation policy/]],
    passes: [["a policy this stack creates (unknown during preview)", (rs) => void (props(rs).escalationPolicy = unknown())]],
  },
  {
    policy: dockerNotPrivileged,
    good: () => [container()],
    violations: [["a privileged container", (rs) => void (props(rs).privileged = true), /"spilttea-backend" is privileged/]],
  },
  {
    policy: dockerNoDockerSocket,
    good: () => [container()],
    violations: [
      [
        "the socket as a volume",
        (rs) => void props(rs).volumes.push({ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }),
        /mounts the Docker socket \/var\/run\/docker.sock/,
      ],
      [
        "the socket as a bind mount",
        (rs) => void (props(rs).mounts = [{ type: "bind", source: "/run/docker.sock", target: "/docker.sock" }]),
        /mounts the Docker socket \/run\/docker.sock/,
      ],
    ],
  },
  {
    policy: dockerNoHostNetwork,
    good: () => [container()],
    violations: [
      ["host networking", (rs) => void (props(rs).networkMode = "host"), /uses the host's namespace for networkMode/],
      ["the host PID namespace", (rs) => void (props(rs).pidMode = "host"), /namespace for pidMode/],
    ],
  },
  {
    policy: dockerMemoryLimit,
    good: () => [container()],
    violations: [["no memory limit", (rs) => void delete props(rs).memory, /"spilttea-backend" has no memory limit/]],
  },
  {
    policy: dockerHealthcheck,
    good: () => [container()],
    violations: [
      ["no healthcheck", (rs) => void delete props(rs).healthcheck, /has no healthcheck/],
      ["a healthcheck turned off", (rs) => void (props(rs).healthcheck.tests = ["NONE"]), /has no healthcheck/],
    ],
  },
  {
    policy: dockerImagePinned,
    good: () => [container(), remoteImage()],
    violations: [
      [
        "a container on :latest",
        (rs) => void (props(rs, 0).image = "ghcr.io/spilttea/backend:latest"),
        /Container "spilttea-backend": image "ghcr.io\/spilttea\/backend:latest" uses the moving tag :latest/,
      ],
      ["an untagged remote image", (rs) => void (props(rs, 1).name = "redis"), /RemoteImage postgres-image: image "redis" has no tag/],
    ],
    passes: [["a container whose image is a RemoteImage's id (unknown)", (rs) => void (props(rs, 0).image = unknown())]],
  },
  {
    policy: dockerCapabilitiesRestricted,
    good: () => [container()],
    violations: [
      ["SYS_ADMIN added", (rs) => void (props(rs).capabilities = { adds: ["SYS_ADMIN"] }), /"spilttea-backend" adds capabilities SYS_ADMIN/],
      ["ALL added", (rs) => void (props(rs).capabilities = { adds: ["ALL"], drops: [] }), /adds capabilities ALL/],
    ],
    passes: [
      ["capabilities only dropped", (rs) => void (props(rs).capabilities = { drops: ["ALL"] })],
      ["a reviewed capability", (rs) => void (props(rs).capabilities = { adds: ["CAP_NET_BIND_SERVICE"] }), { allowedCapabilities: ["NET_BIND_SERVICE"] }],
    ],
  },
  {
    policy: dockerConfined,
    good: () => [container()],
    violations: [
      ["seccomp unconfined", (rs) => void props(rs).securityOpts.push("seccomp=unconfined"), /"spilttea-backend" runs unconfined: seccomp=unconfined/],
      ["seccomp:unconfined (the colon form)", (rs) => void props(rs).securityOpts.push("seccomp:unconfined"), /runs unconfined: seccomp:unconfined/],
      ["AppArmor unconfined", (rs) => void props(rs).securityOpts.push("apparmor=unconfined"), /apparmor=unconfined/],
      ["SELinux labels disabled", (rs) => void props(rs).securityOpts.push("label=disable"), /label=disable/],
    ],
    passes: [["a custom seccomp profile", (rs) => void props(rs).securityOpts.push("seccomp=/etc/docker/seccomp/backend.json")]],
  },
  {
    policy: dockerNoHostPath,
    good: () => [container()],
    violations: [
      [
        "a bind mount",
        (rs) => void props(rs).mounts.push({ type: "bind", source: "/etc", target: "/host-etc" }),
        /"spilttea-backend" mounts host path\(s\) \/etc/,
      ],
      [
        "a volume with a hostPath",
        (rs) => void props(rs).volumes.push({ hostPath: "/var/lib/spilttea", containerPath: "/data" }),
        /mounts host path\(s\) \/var\/lib\/spilttea/,
      ],
    ],
    passes: [["a tmpfs mount", (rs) => void props(rs).mounts.push({ type: "tmpfs", target: "/run/app" })]],
  },
  {
    policy: dockerDatabasePortBound,
    good: () => [container()],
    violations: [
      [
        "postgres published on every interface",
        (rs) => void props(rs).ports.push({ internal: 5432, external: 5432, ip: "0.0.0.0" }),
        /"spilttea-backend" publishes port 5432 on all interfaces \(host port 5432\)/,
      ],
      [
        "redis published with the default ip",
        (rs) => void props(rs).ports.push({ internal: 6379, external: 16379 }),
        /publishes port 6379 on all interfaces \(host port 16379\)/,
      ],
    ],
    passes: [
      ["postgres bound to loopback", (rs) => void props(rs).ports.push({ internal: 5432, external: 5432, ip: "127.0.0.1" })],
      ["the app's own port on every interface", (rs) => void (props(rs).ports[0].ip = "0.0.0.0")],
    ],
  },
  {
    policy: dockerDaemonTls,
    good: () => [resource("pulumi:providers:docker", "spilttea-host", { host: "ssh://deploy@spilttea-prod", sshOpts: '["-o","BatchMode=yes"]' })],
    violations: [
      [
        "a daemon over plain TCP",
        (rs) => void (props(rs).host = "tcp://spilttea-prod:2375"),
        /Docker provider "spilttea-host" connects to tcp:\/\/spilttea-prod:2375 without TLS/,
      ],
      ["http:// to the daemon", (rs) => void (props(rs).host = "http://10.0.0.9:2375"), /connects to http:\/\/10.0.0.9:2375 without TLS/],
    ],
    passes: [
      [
        "TCP with client certificates",
        (rs) =>
          void Object.assign(props(rs), {
            host: "tcp://spilttea-prod:2376",
            certMaterial: "[secret]",
            keyMaterial: "[secret]",
            caMaterial: "-----BEGIN CERTIFICATE-----",
          }),
      ],
    ],
  },
  {
    policy: statefulProtected,
    good: () => [
      { ...resource("gcp:secretmanager/secret:Secret", "JWT_SECRET", { secretId: "JWT_SECRET" }), protect: true },
      { ...cluster(), protect: true },
      resource("kubernetes:core/v1:PersistentVolumeClaim", "uploads", { metadata: { name: "uploads" } }, { protect: true }),
      volume(),
      cloudRunService(),
    ],
    violations: [
      ["an unprotected secret", (rs) => void (rs[0].protect = false), /gcp:secretmanager\/secret:Secret "JWT_SECRET" is not protected/],
      ["an unprotected Atlas cluster", (rs) => void (rs[1].protect = false), /AdvancedCluster "mixillo" is not protected/],
      ["an unprotected volume claim", (rs) => void (rs[2].protect = false), /PersistentVolumeClaim "uploads" is not protected/],
      ["an unprotected Docker volume", (rs) => void (rs[3].protect = false), /Volume "spilttea-pgdata" is not protected/],
    ],
  },
  {
    policy: requiredLabels,
    good: () => [cloudRunService(), deployment(), container(), cluster()],
    violations: [
      ["a Cloud Run service without owner", (rs) => void delete props(rs, 0).labels.owner, /Service "mixillo-backend" has no owner label/],
      ["a Deployment without product", (rs) => void delete props(rs, 1).metadata.labels.product, /Deployment "merchant-backend" has no product label/],
      ["a container without environment", (rs) => void props(rs, 2).labels.splice(1, 1), /Container "spilttea-backend" has no environment label/],
      ["an Atlas cluster without tags", (rs) => void delete props(rs, 3).tags, /AdvancedCluster "mixillo" has no owner, product, environment label/],
    ],
    passes: [
      [
        "an owner from the GCP provider's defaultLabels",
        (rs) => {
          const provider = resource("pulumi:providers:gcp", "gcp", { defaultLabels: JSON.stringify({ owner: "platform-team" }) });
          delete props(rs, 0).labels.owner;
          rs[0].provider = provider.urn;
          rs.push(provider);
        },
      ],
    ],
  },
];

import { statefulProtected, requiredLabels } from "../../policies/rules/common";
import {
  dockerHealthcheck,
  dockerImagePinned,
  dockerMemoryLimit,
  dockerNoDockerSocket,
  dockerNoHostNetwork,
  dockerNotPrivileged,
} from "../../policies/rules/docker";
import { pagerdutyEscalationRules, pagerdutyServiceEscalation } from "../../policies/rules/pagerduty";
import { vercelSensitiveEnv } from "../../policies/rules/vercel";
import { props, resource, RuleSuite, unknown } from "../policyHarness";
import { cluster } from "./atlas";
import { cloudRunService } from "./cloudrun";
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
    labels: dockerLabels,
  });
const remoteImage = () => resource("docker:index/remoteImage:RemoteImage", "postgres-image", { name: "postgres:16.4" });
const volume = () => resource("docker:index/volume:Volume", "spilttea-pgdata", { name: "spilttea-pgdata", labels: dockerLabels }, { protect: true });

export const otherSuites: RuleSuite[] = [
  {
    policy: vercelSensitiveEnv,
    good: () => [
      resource("vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", "fixzit-JWT_SECRET", { projectId: "prj_1", key: "JWT_SECRET", value: "[secret]", sensitive: true, targets: ["production"] }),
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
      ["a secret not marked sensitive", (rs) => void (props(rs, 0).sensitive = false), /variable JWT_SECRET is not sensitive: its name/],
      ["a connection string in a plain list entry", (rs) => void props(rs, 1).variables.push({ key: "DATABASE", value: "postgres://app:pw@db:5432/app", sensitive: false }), /DATABASE is not sensitive: the value of "DATABASE" looks like a credential/],
      ["an inline project env var", (rs) => void props(rs, 2).environments.push({ key: "NEXTAUTH_SECRET", value: "x", sensitive: false }), /Vercel project "mixillo-admin" variable NEXTAUTH_SECRET/],
    ],
    passes: [["a reviewed public key", (rs) => void props(rs, 1).variables.push({ key: "NEXT_PUBLIC_MAPBOX_TOKEN", value: "pk.1", sensitive: false }), { allowedKeys: ["NEXT_PUBLIC_MAPBOX_TOKEN"] }]],
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
      ["the socket as a volume", (rs) => void props(rs).volumes.push({ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }), /mounts the Docker socket \/var\/run\/docker.sock/],
      ["the socket as a bind mount", (rs) => void (props(rs).mounts = [{ type: "bind", source: "/run/docker.sock", target: "/docker.sock" }]), /mounts the Docker socket \/run\/docker.sock/],
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
      ["a container on :latest", (rs) => void (props(rs, 0).image = "ghcr.io/spilttea/backend:latest"), /Container "spilttea-backend": image "ghcr.io\/spilttea\/backend:latest" uses the moving tag :latest/],
      ["an untagged remote image", (rs) => void (props(rs, 1).name = "redis"), /RemoteImage postgres-image: image "redis" has no tag/],
    ],
    passes: [["a container whose image is a RemoteImage's id (unknown)", (rs) => void (props(rs, 0).image = unknown())]],
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

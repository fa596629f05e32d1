import {
  cloudRunDedicatedServiceAccount,
  cloudRunDeletionProtection,
  cloudRunImagePinned,
  cloudRunIngressRestricted,
  cloudRunNoPlaintextSecretEnv,
  cloudRunNoPublicInvoker,
  cloudRunResourceLimits,
} from "../../policies/rules/cloudRun";
import { props, resource, RuleSuite, unknown } from "../policyHarness";

const Digest = `@sha256:${"a".repeat(64)}`;
export const Image = `europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend${Digest}`;

/** mixillo-backend as the CloudRunService component declares it, but internal. */
export const cloudRunService = () =>
  resource("gcp:cloudrunv2/service:Service", "mixillo-backend", {
    name: "mixillo-backend",
    location: "europe-west1",
    project: "mixillo",
    ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
    deletionProtection: true,
    labels: { product: "mixillo", environment: "prod", owner: "platform-team" },
    template: {
      serviceAccount: "mixillo-backend-run@mixillo.iam.gserviceaccount.com",
      containers: [
        {
          image: Image,
          resources: { limits: { cpu: "2", memory: "2Gi" } },
          envs: [
            { name: "DATABASE_MODE", value: "dual" },
            { name: "JWT_SECRET", valueSource: { secretKeyRef: { secret: "JWT_SECRET", version: "latest" } } },
          ],
        },
      ],
    },
  });

const container = (rs: Parameters<typeof props>[0]) => props(rs).template.containers[0];
const invoker = (member: string) =>
  resource("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "mixillo-backend-invoker", {
    name: "mixillo-backend",
    location: "europe-west1",
    role: "roles/run.invoker",
    member,
  });

export const cloudRunSuites: RuleSuite[] = [
  {
    policy: cloudRunNoPublicInvoker,
    good: () => [
      cloudRunService(),
      invoker("serviceAccount:gateway@mixillo.iam.gserviceaccount.com"),
      resource("gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding", "mixillo-backend-invokers", {
        name: "mixillo-backend",
        role: "roles/run.invoker",
        members: ["group:ops@example.com"],
      }),
      resource("gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy", "mixillo-backend-policy", {
        name: "mixillo-backend",
        policyData: '{"bindings":[{"role":"roles/run.invoker","members":["group:ops@example.com"]}]}',
      }),
    ],
    violations: [
      [
        "an allUsers invoker on an undeclared service",
        (rs) => void (props(rs, 1).member = "allUsers"),
        /"mixillo-backend" grants roles\/run.invoker to allUsers/,
      ],
      [
        "an allAuthenticatedUsers invoker binding",
        (rs) => void props(rs, 2).members.push("allAuthenticatedUsers"),
        /allAuthenticatedUsers but is not a declared public service/,
      ],
      [
        "an IAM policy with allUsers",
        (rs) => void (props(rs, 3).policyData = '{"bindings":[{"role":"roles/run.invoker","members":["allUsers"]}]}'),
        /to allUsers/,
      ],
      ["invoker IAM checks disabled", (rs) => void (props(rs, 0).invokerIamDisabled = true), /to allUsers/],
      [
        "allUsers with roles/run.admin, even on a declared public service",
        (rs) => void ((props(rs, 1).member = "allUsers"), (props(rs, 1).role = "roles/run.admin")),
        /"mixillo-backend" grants roles\/run.admin to allUsers; only roles\/run.invoker may be public/,
      ],
      [
        "an IAM policy granting roles/run.developer to allAuthenticatedUsers",
        (rs) => void (props(rs, 3).policyData = '{"bindings":[{"role":"roles/run.developer","members":["allAuthenticatedUsers"]}]}'),
        /grants roles\/run.developer to allAuthenticatedUsers/,
      ],
    ],
    passes: [
      ["an allUsers invoker on a declared public service", (rs) => void (props(rs, 1).member = "allUsers"), { publicServices: ["mixillo-backend"] }],
      ["roles/run.admin to a named group", (rs) => void (props(rs, 2).role = "roles/run.admin")],
    ],
  },
  {
    policy: cloudRunIngressRestricted,
    good: () => [cloudRunService()],
    violations: [
      [
        "ingress all on an undeclared service",
        (rs) => void (props(rs).ingress = "INGRESS_TRAFFIC_ALL"),
        /ingress INGRESS_TRAFFIC_ALL but is not a declared public/,
      ],
      ["ingress left unset (Cloud Run's default is all)", (rs) => void delete props(rs).ingress, /ingress unset \(all\)/],
    ],
    passes: [["ingress all on a declared public service", (rs) => void (props(rs).ingress = "INGRESS_TRAFFIC_ALL"), { publicServices: ["mixillo-backend"] }]],
  },
  {
    policy: cloudRunDedicatedServiceAccount,
    good: () => [cloudRunService()],
    violations: [
      [
        "the default compute account",
        (rs) => void (props(rs).template.serviceAccount = "123456-compute@developer.gserviceaccount.com"),
        /default compute account 123456-compute/,
      ],
      ["no service account", (rs) => void delete props(rs).template.serviceAccount, /sets no service account/],
    ],
    passes: [["an account this stack creates (unknown during preview)", (rs) => void (props(rs).template.serviceAccount = unknown())]],
  },
  {
    policy: cloudRunResourceLimits,
    good: () => [cloudRunService()],
    violations: [
      ["no memory limit", (rs) => void delete container(rs).resources.limits.memory, /has no memory limit/],
      ["no limits at all", (rs) => void delete container(rs).resources, /has no cpu or memory limit/],
    ],
  },
  {
    policy: cloudRunImagePinned,
    good: () => [cloudRunService()],
    violations: [
      [":latest", (rs) => void (container(rs).image = "europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend:latest"), /not pinned by digest/],
      [
        "a tag where a digest is required",
        (rs) => void (container(rs).image = "europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend:1.4.2"),
        /not pinned by digest/,
      ],
    ],
    passes: [
      [
        "a fixed tag where digests are not required",
        (rs) => void (container(rs).image = "europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend:1.4.2"),
        { requireDigest: false },
      ],
    ],
  },
  {
    policy: { ...cloudRunImagePinned },
    config: { requireDigest: false },
    good: () => [cloudRunService()],
    violations: [
      [":latest where digests are not required", (rs) => void (container(rs).image = "gcr.io/mixillo/backend:latest"), /moving tag :latest/],
      ["no tag where digests are not required", (rs) => void (container(rs).image = "gcr.io/mixillo/backend"), /has no tag/],
    ],
  },
  {
    policy: cloudRunDeletionProtection,
    good: () => [cloudRunService()],
    violations: [["deletion protection off", (rs) => void (props(rs).deletionProtection = false), /deletionProtection false/]],
    passes: [["deletion protection left to the provider default (true)", (rs) => void delete props(rs).deletionProtection]],
  },
  {
    policy: cloudRunNoPlaintextSecretEnv,
    good: () => [cloudRunService()],
    violations: [
      [
        "a Stripe webhook secret as a literal",
        (rs) => void container(rs).envs.push({ name: "STRIPE_WEBHOOK_SECRET", value: "whsec_4eC39HqLyjWDarjtT1zdp7dc" }),
        /sets STRIPE_WEBHOOK_SECRET as a literal env var, and its value is a Stripe webhook secret/,
      ],
      [
        "a connection string with a password",
        (rs) => void container(rs).envs.push({ name: "DATABASE", value: "mongodb+srv://app:hunter2@mixillo.mongodb.net/db" }),
        /sets DATABASE as a literal env var, and its value is a password in a URL/,
      ],
      [
        "MONGODB_URI as a Pulumi secret in a literal (the runbook's --set-env-vars)",
        (rs) => void container(rs).envs.push({ name: "MONGODB_URI", value: "[secret]" }),
        /MONGODB_URI as a literal env var, and its value is a Pulumi secret/,
      ],
      [
        "a token in a URL's query",
        (rs) => void container(rs).envs.push({ name: "WEBHOOK", value: "https://hooks.example.com/in?token=9f8e7d6c5b4a" }),
        /a credential in a URL's query/,
      ],
      ["a private key", (rs) => void container(rs).envs.push({ name: "SIGNING", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE" }), /a private key/],
    ],
    passes: [
      ["a secret-sounding name whose value is plain (TOKEN_TTL=3600)", (rs) => void container(rs).envs.push({ name: "TOKEN_TTL", value: "3600" })],
      [
        "OAUTH_REDIRECT_URI=https://…/callback (the false positive of the name rule)",
        (rs) => void container(rs).envs.push({ name: "OAUTH_REDIRECT_URI", value: "https://mixillo.app/auth/callback" }),
      ],
      ["a value that is an output of another resource (unknown)", (rs) => void container(rs).envs.push({ name: "API_URL", value: unknown() })],
      [
        "a random-looking value reviewed as public",
        (rs) => void container(rs).envs.push({ name: "PUBLIC_KEY_ID", value: "q8Zr3Kp1Vx7Lm2Nb6Tc9Wd4Yf0Hg5Js" }),
        { allowedNames: ["PUBLIC_KEY_ID"] },
      ],
    ],
  },
];

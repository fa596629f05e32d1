/**
 * Every repository secret CI uses: what reads it, how a job gets it, and how to create it with least
 * privilege. docs/running-for-real.md holds this table (renderCredentialsTable); test/ciCredentials.test.ts checks
 * every workflow against it: each secret a job reads is here, and every job that runs `pulumi` gets
 * each credential its stack's providers need.
 *
 * Where a credential differs between previews and `pulumi up`, the repository secret is the read-only
 * one (preview and drift jobs run in no environment) and the `staging` / `prod` environments each
 * hold a secret of the same name with the deploy credential: GitHub gives an environment's secret
 * precedence over the repository's.
 */
export type JobKind = "preview" | "deploy";

export interface Credential {
  name: string;
  /** What reads it. */
  usedBy: string;
  /**
   * How a cloud job passes it: an input of the cloud-credentials action, the pulumi step's env
   * (the provider reads it there), or the pulumi step's `cloud-url`.
   */
  via: { action: string } | { env: string } | { pulumiInput: string };
  /** The jobs that need it. */
  jobs: readonly JobKind[];
  /** The provider packages it is the credential of (the stacks' `pulumi:providers:<pkg>`). */
  providers: readonly string[];
  create: string;
}

const Both: readonly JobKind[] = ["preview", "deploy"];

export const Credentials: readonly Credential[] = [
  {
    name: "GCP_WORKLOAD_IDENTITY_PROVIDER",
    usedBy: "google-github-actions/auth: GitHub's OIDC token for a Google credential (no key file)",
    via: { action: "workload_identity_provider" },
    jobs: Both,
    providers: ["gcp", "kubernetes"],
    create:
      "A Workload Identity pool with an OIDC provider for https://token.actions.githubusercontent.com, attribute condition `assertion.repository == '<owner>/<repo>'`; the secret is its full resource name",
  },
  {
    name: "GCP_PREVIEW_SERVICE_ACCOUNT",
    usedBy: "preview and drift jobs: every Google call of `pulumi preview` (GCP, and GKE through gke-gcloud-auth-plugin)",
    via: { action: "service_account" },
    jobs: ["preview"],
    providers: ["gcp", "kubernetes"],
    create:
      "A service account with `roles/viewer` and `roles/secretmanager.viewer` on each project (mixillo, mixillo-staging, rezapp), `roles/cloudkms.cryptoKeyDecrypter` on the stacks' secrets keys, `roles/storage.objectViewer` on the state bucket; `secretAccessor` on exactly the secrets the program reads comes from the stacks (`platform:ci.previewServiceAccount`). The pool's principals for this repository may impersonate it (`roles/iam.workloadIdentityUser`)",
  },
  {
    name: "GCP_DEPLOY_SERVICE_ACCOUNT",
    usedBy: "deploy jobs: every Google call of `pulumi up`",
    via: { action: "service_account" },
    jobs: ["deploy"],
    providers: ["gcp", "kubernetes"],
    create:
      "A service account with `roles/run.admin`, `roles/iam.serviceAccountAdmin`, `roles/iam.serviceAccountUser`, `roles/secretmanager.admin`, `roles/monitoring.editor` on each project, `roles/container.developer` on rezapp, `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the secrets keys, `roles/storage.objectAdmin` on the state bucket; impersonation only for principals whose `environment` is staging or prod (attribute `assertion.environment`)",
  },
  {
    name: "PULUMI_BACKEND_URL",
    usedBy: "pulumi/actions `cloud-url`: the state backend",
    via: { pulumiInput: "cloud-url" },
    jobs: Both,
    providers: [],
    create: "`gs://<state-bucket>`: a bucket with object versioning and uniform bucket-level access, in the deploy project",
  },
  {
    name: "MONGODB_ATLAS_PUBLIC_KEY",
    usedBy: "the mongodbatlas provider (with the private key)",
    via: { env: "MONGODB_ATLAS_PUBLIC_KEY" },
    jobs: Both,
    providers: ["mongodbatlas"],
    create:
      "An Atlas organization API key: repository secret with `Project Read Only` on the mixillo, fixzit and rez projects; environment secret with `Project Owner` on them; the key's access list limited to GitHub's runners is not possible (their addresses change), so rotate it yearly",
  },
  {
    name: "MONGODB_ATLAS_PRIVATE_KEY",
    usedBy: "the mongodbatlas provider",
    via: { env: "MONGODB_ATLAS_PRIVATE_KEY" },
    jobs: Both,
    providers: ["mongodbatlas"],
    create: "The private half of the key above",
  },
  {
    name: "VERCEL_API_TOKEN",
    usedBy: "the Vercel provider",
    via: { env: "VERCEL_API_TOKEN" },
    jobs: Both,
    providers: ["vercel"],
    create:
      "A Vercel access token scoped to the team that owns mixillo-admin and fixzit (Vercel tokens have no read-only scope: the same token in both places)",
  },
  {
    name: "PAGERDUTY_TOKEN",
    usedBy: "the PagerDuty provider",
    via: { env: "PAGERDUTY_TOKEN" },
    jobs: Both,
    providers: ["pagerduty"],
    create: "A PagerDuty REST API key: repository secret read-only, environment secret full access",
  },
  {
    name: "SENTRY_AUTH_TOKEN",
    usedBy: "the Sentry provider (metric alerts in each Sentry organization the stacks name)",
    via: { env: "SENTRY_AUTH_TOKEN" },
    jobs: Both,
    providers: ["sentry"],
    create:
      "A user auth token of a bot member of each of those organizations (an internal integration's token reaches one organization only): repository secret with `alerts:read`, `project:read` and `org:read`; environment secret with `alerts:write` too",
  },
  {
    name: "DOCKER_HOST_SSH_KEY",
    usedBy: "the Docker provider (`ssh://deploy@<host>`): loaded into an ssh-agent, never written to disk",
    via: { action: "docker_ssh_key" },
    jobs: Both,
    providers: ["docker"],
    create: "An ed25519 key of the host's `deploy` user (member of the `docker` group only), its public half in that user's `authorized_keys`",
  },
  {
    name: "DOCKER_HOST_KNOWN_HOSTS",
    usedBy: "ssh's host key check (`StrictHostKeyChecking=yes`) for the Docker hosts",
    via: { action: "docker_known_hosts" },
    jobs: Both,
    providers: ["docker"],
    create: "`ssh-keyscan -t ed25519 <host>` of each Docker host, checked against the host's own key fingerprint",
  },
  {
    name: "DOCKER_REGISTRY_USER",
    usedBy: "the Docker provider's `registryAuth` for ghcr.io (without it the provider reads ~/.docker/config.json and fails)",
    via: { env: "DOCKER_REGISTRY_USER" },
    jobs: Both,
    providers: ["docker"],
    create: "The GitHub user or bot that owns the token below",
  },
  {
    name: "DOCKER_REGISTRY_PASS",
    usedBy: "the Docker provider's `registryAuth` for ghcr.io",
    via: { env: "DOCKER_REGISTRY_PASS" },
    jobs: Both,
    providers: ["docker"],
    create: "A GitHub token with `read:packages` only",
  },
];

/** Provider packages that need no credential of their own. */
export const CredentialFree = ["random"];

export const credentialsFor = (job: JobKind): Credential[] => Credentials.filter((c) => c.jobs.includes(job));

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The table of secrets in docs/running-for-real.md. */
export function renderCredentialsTable(): string {
  const rows = Credentials.map((c) => `| \`${c.name}\` | ${cell(c.usedBy)} | ${c.jobs.join(", ")} | ${cell(c.create)} |`);
  return ["| Secret | Used by | Jobs | How to create it (least privilege) |", "|---|---|---|---|", ...rows].join("\n");
}

import { Type } from "@sinclair/typebox";
import { DnsLabel, EnvVarName, EnvVarNameExpected, HttpPath, NamedMap, OneOf, RotationKey, Strict } from "./common";

/**
 * Vercel projects (runbooks 000 and 002): the project's settings, its environment variables, its
 * domains, maintenance mode and feature flags, and the production deployment. Every `vercel env add`,
 * `vercel redeploy` and `vercel rollback` of the runbooks becomes an edit here.
 */

export const VercelTargets = ["production", "preview", "development"] as const;

/**
 * One environment variable. Exactly one source: `value` (a plain literal), `secret` (a secret under
 * platform:secrets, read at deploy time and stored in Vercel as sensitive) or `cloudRunUrl` (the URL of
 * a service under platform:cloudRun). `targets` is required: where a value goes is a reviewed choice.
 */
export const VercelEnvVar = Strict({
  value: Type.Optional(Type.String({ expected: "a string (quote numbers and booleans)" })),
  secret: Type.Optional(Type.String({ minLength: 1, expected: "the id of a secret declared under platform:secrets" })),
  version: Type.Optional(Type.String({ pattern: "^(latest|[1-9][0-9]*)$", expected: "latest or a version number" })),
  cloudRunUrl: Type.Optional(Type.String({ minLength: 1, expected: "the name of a service declared under platform:cloudRun" })),
  targets: Type.Array(OneOf(VercelTargets), {
    minItems: 1,
    uniqueItems: true,
    expected: "a list of Vercel targets (production, preview, development), each at most once",
  }),
  comment: Type.Optional(Type.String({ maxLength: 200, expected: "a comment of at most 200 characters" })),
});

export const GitRepository = Strict({
  provider: OneOf(["github", "gitlab", "bitbucket"] as const, { default: "github" }),
  repo: Type.String({ pattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", expected: "a repository as owner/name" }),
  productionBranch: Type.String({
    pattern: "^[A-Za-z0-9._/-]{1,100}$",
    default: "main",
    expected: "a git branch name",
  }),
});

export const BuildSettings = Strict({
  command: Type.Optional(Type.String({ minLength: 1, expected: "a build command such as pnpm build" })),
  installCommand: Type.Optional(Type.String({ minLength: 1, expected: "an install command such as pnpm install" })),
  outputDirectory: Type.Optional(Type.String({ minLength: 1, expected: "a directory relative to the root directory" })),
  rootDirectory: Type.Optional(Type.String({ pattern: "^[^/].*$", expected: "a directory relative to the repository root" })),
  nodeVersion: OneOf(["18.x", "20.x", "22.x"] as const, { default: "20.x" }),
});

/** `www.fixzit.com: {redirect: fixzit.com}`; an empty map serves the project on that domain. */
export const VercelDomain = Strict({
  redirect: Type.Optional(Type.String({ minLength: 1, expected: "another domain of the same project" })),
  redirectStatusCode: Type.Optional(Type.Unsafe<301 | 302 | 307 | 308>({ type: "integer", enum: [301, 302, 307, 308], expected: "one of 301, 302, 307, 308" })),
});

/**
 * The runbook's `vercel env add MAINTENANCE_MODE true` / `MAINTENANCE_MESSAGE "..."` and their
 * `vercel env rm`. Off means neither variable exists, as after the runbook's `env rm`.
 */
export const Maintenance = Strict({
  enabled: Type.Boolean({ default: false }),
  message: Type.Optional(Type.String({ minLength: 1, maxLength: 500, expected: "a message of 1 to 500 characters" })),
});

/**
 * The production deployment the platform makes. `pinCommit` is the runbook's `vercel rollback`;
 * `redeployToken` is its `vercel redeploy --force` (any new value builds and promotes again).
 */
export const ProductionDeployment = Strict({
  pinCommit: Type.Optional(Type.String({ pattern: "^[0-9a-f]{40}$", expected: "a full 40-character lower-case commit SHA" })),
  redeployToken: Type.Optional(RotationKey),
});

export const VercelProject = Strict({
  product: DnsLabel,
  /** Physical project name. @default the key: prod uses the runbooks' names. */
  name: Type.Optional(
    Type.String({ pattern: "^[a-z0-9]([a-z0-9._-]{0,98}[a-z0-9])?$", expected: "a Vercel project name of lower-case letters, digits, '.', '_' and '-'" }),
  ),
  /** A team other than platform:vercel.team. */
  team: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$", expected: "a Vercel team slug or id (team_...)" })),
  framework: Type.String({ pattern: "^[a-z0-9-]{1,40}$", expected: "a Vercel framework slug such as nextjs or vite" }),
  git: GitRepository,
  build: Type.Optional(BuildSettings),
  deploymentProtection: OneOf(["standard", "previews", "all", "none"] as const, { default: "standard" }),
  env: NamedMap(EnvVarName, EnvVarNameExpected, VercelEnvVar, { default: {} }),
  maintenance: Type.Optional(Maintenance),
  flags: NamedMap(EnvVarName, EnvVarNameExpected, OneOf(["enabled", "disabled"] as const), { default: {} }),
  domains: NamedMap("^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", "a lower-case domain name such as fixzit.com", VercelDomain, {
    default: {},
  }),
  healthChecks: NamedMap("^[a-z][a-z0-9-]{0,30}$", "a lower-case check name such as ready", HttpPath, { default: {} }),
  production: Type.Optional(ProductionDeployment),
});

export const VercelSettings = Strict({
  team: Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$", expected: "a Vercel team slug or id (team_...)" }),
  projects: NamedMap("^[a-z0-9]([a-z0-9._-]{0,98}[a-z0-9])?$", "a Vercel project name of lower-case letters, digits, '.', '_' and '-'", VercelProject, {
    default: {},
  }),
});

export const VercelKeys = {
  "platform:vercel": Type.Optional(VercelSettings),
};

import * as pulumi from "@pulumi/pulumi";
import * as vercel from "@pulumiverse/vercel";
import { createHash } from "crypto";
import { argumentCheck } from "../argumentCheck";

export type VercelTarget = "production" | "preview" | "development";

/** A plain environment variable: its value is visible in the Vercel dashboard and in the plan. */
export interface PlainEnvVar {
  value: pulumi.Input<string>;
  targets: VercelTarget[];
  comment?: string;
}

/** A sensitive environment variable: write-only in Vercel, a Pulumi secret all the way. */
export interface SensitiveEnvVar {
  value: pulumi.Input<string>;
  targets: VercelTarget[];
  /**
   * What names the value without being it (secret id and version). A new revision redeploys
   * production; the value itself never reaches a deployment's metadata.
   */
  revision: pulumi.Input<string>;
  /** What the value is read from (the secret and its version): the variable waits for them. */
  dependsOn?: pulumi.Resource[];
  comment?: string;
}

export interface VercelDomainArgs {
  /** Redirect this domain to another domain of the project (www → apex). */
  redirect?: string;
  /** @default 308 when redirect is set: permanent, and keeps the request method */
  redirectStatusCode?: 301 | 302 | 307 | 308;
}

/** Who may open deployments without being logged in to the Vercel team. */
export type DeploymentProtection = "standard" | "previews" | "all" | "none";

export interface VercelProjectArgs {
  /** Physical project name; `vercel` commands and `<name>.vercel.app` use it. */
  projectName: string;
  /** Framework preset slug (nextjs, vite, ...). */
  framework: string;
  git: { provider: "github" | "gitlab" | "bitbucket"; repo: string; productionBranch: string };
  build?: { command?: string; installCommand?: string; outputDirectory?: string; rootDirectory?: string; nodeVersion?: string };
  /**
   * `standard`: previews and deployment URLs need a Vercel login, production domains are public.
   * @default "standard": a preview is built from any branch and may hold unreleased work
   */
  deploymentProtection?: DeploymentProtection;
  /** @default {} */
  env?: Record<string, PlainEnvVar>;
  /** Read from a secret store by the caller; stored in Vercel as sensitive. @default {} */
  sensitiveEnv?: Record<string, SensitiveEnvVar>;
  /**
   * Maintenance mode: `MAINTENANCE_MODE=true` and, with a message, `MAINTENANCE_MESSAGE`. Off removes
   * both variables (the runbook's `vercel env rm`).
   * @default undefined: off
   */
  maintenance?: { message?: string };
  /** Feature flags as env vars, `NAME=enabled|disabled` (the runbook's FEATURE_NEW_DASHBOARD). @default {} */
  flags?: Record<string, "enabled" | "disabled">;
  /** Targets that get the maintenance and flag variables. @default ["production", "preview"] */
  switchTargets?: VercelTarget[];
  /** @default {} */
  domains?: Record<string, VercelDomainArgs>;
  /**
   * Production is this commit (the runbook's `vercel rollback`). While set, production builds of any
   * other commit are skipped, so a push to the production branch cannot undo the rollback.
   * @default undefined: production follows the production branch
   */
  pinCommit?: string;
  /** Any new value builds and promotes production again (`vercel redeploy --force`). */
  redeployToken?: string;
  /** Refuse deletion of the project (its domains and deployment history go with it). @default true */
  protect?: boolean;
}

export const MaintenanceModeVar = "MAINTENANCE_MODE";
export const MaintenanceMessageVar = "MAINTENANCE_MESSAGE";
/** Deployment metadata that changes whenever production's env changes: a change makes a new deployment. */
export const EnvDigestMeta = "platform.ops/env-sha256";
export const RedeployTokenMeta = "platform.ops/redeploy-token";
export const MaintenanceMeta = "platform.ops/maintenance";
export const FlagsMeta = "platform.ops/flags";

/**
 * `vercelAuthentication.deploymentType` as the provider's validator spells it, in snake_case (the
 * SDK's d.ts comments render these in camelCase, which the provider rejects): vercel/terraform-provider-vercel
 * `vercel/resource_project.go`, `stringvalidator.OneOf("standard_protection_new", "standard_protection",
 * "all_deployments", "only_preview_deployments", "none")`.
 */
export const Protections: Record<DeploymentProtection, string> = {
  standard: "standard_protection_new",
  previews: "only_preview_deployments",
  all: "all_deployments",
  none: "none",
};

/**
 * A Vercel project connected to its git repository, with its environment variables, domains and a
 * production deployment that the platform makes. Vercel gives a changed env var only to new
 * deployments, so the production deployment carries a digest of production's env: any change of a
 * value, a flag, maintenance mode or a secret's revision replaces it, and the same `pulumi up`
 * builds and promotes production with the new values (the runbook's `vercel redeploy`).
 */
export class VercelProject extends pulumi.ComponentResource {
  readonly project: vercel.Project;
  readonly envVars: Record<string, vercel.ProjectEnvironmentVariable>;
  readonly domains: Record<string, vercel.ProjectDomain>;
  readonly production: vercel.Deployment;
  readonly projectId: pulumi.Output<string>;
  readonly productionUrl: pulumi.Output<string>;

  constructor(name: string, args: VercelProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:vercel:Project", name, {}, opts);
    const plain = { ...(args.env ?? {}), ...switchVars(args) };
    const sensitive = args.sensitiveEnv ?? {};
    validate(name, args, plain, sensitive);
    const protect = args.protect ?? true;

    this.project = new vercel.Project(
      name,
      {
        name: args.projectName,
        framework: args.framework,
        gitRepository: { type: args.git.provider, repo: args.git.repo, productionBranch: args.git.productionBranch },
        buildCommand: args.build?.command,
        installCommand: args.build?.installCommand,
        outputDirectory: args.build?.outputDirectory,
        rootDirectory: args.build?.rootDirectory,
        nodeVersion: args.build?.nodeVersion,
        vercelAuthentication: { deploymentType: Protections[args.deploymentProtection ?? "standard"] },
        ignoreCommand: args.pinCommit ? pinnedIgnoreCommand(args.pinCommit) : undefined,
        // Pull requests from forks wait for a team member before they see any env var.
        gitForkProtection: true,
        autoAssignCustomDomains: true,
      },
      { parent: this, protect },
    );
    this.projectId = this.project.id;

    this.envVars = {};
    for (const [key, envVar] of sortedEntries(plain)) {
      this.envVars[key] = new vercel.ProjectEnvironmentVariable(
        `${name}-env-${key}`,
        { projectId: this.project.id, key, value: envVar.value, targets: sortTargets(envVar.targets), sensitive: false, comment: envVar.comment },
        { parent: this },
      );
    }
    for (const [key, envVar] of sortedEntries(sensitive)) {
      this.envVars[key] = new vercel.ProjectEnvironmentVariable(
        `${name}-env-${key}`,
        {
          projectId: this.project.id,
          key,
          // Secret even if the caller forgot: it must never print in a plan or land in plain state.
          value: pulumi.secret(envVar.value),
          targets: sortTargets(envVar.targets),
          sensitive: true,
          comment: envVar.comment,
        },
        { parent: this, dependsOn: envVar.dependsOn ?? [] },
      );
    }

    this.domains = {};
    // Served domains first: a redirect needs its target on the project.
    const domains = sortedEntries(args.domains ?? {}).sort(([, a], [, b]) => Number(a.redirect !== undefined) - Number(b.redirect !== undefined));
    for (const [domain, settings] of domains) {
      const target = settings.redirect ? this.domains[settings.redirect] : undefined;
      this.domains[domain] = new vercel.ProjectDomain(
        `${name}-domain-${domain}`,
        {
          projectId: this.project.id,
          domain,
          redirect: settings.redirect,
          redirectStatusCode: settings.redirect ? (settings.redirectStatusCode ?? 308) : undefined,
        },
        { parent: this, dependsOn: target ? [target] : [] },
      );
    }

    const meta: Record<string, pulumi.Input<string>> = {
      [EnvDigestMeta]: productionEnvDigest(plain, sensitive),
      // Readable in the preview diff and on the deployment in Vercel: the SDK marks every env value secret.
      [MaintenanceMeta]: args.maintenance ? "on" : "off",
    };
    const flags = sortedEntries(args.flags ?? {}).map(([flag, state]) => `${flag}=${state}`);
    if (flags.length) meta[FlagsMeta] = flags.join(",");
    if (args.redeployToken) meta[RedeployTokenMeta] = args.redeployToken;
    this.production = new vercel.Deployment(
      `${name}-production`,
      {
        projectId: this.project.id,
        ref: args.pinCommit ?? args.git.productionBranch,
        production: true,
        meta,
        // Replaced deployments stay in Vercel: the dashboard can still show and promote them.
        deleteOnDestroy: false,
      },
      {
        parent: this,
        // A deployment is immutable: any change is a new build, made after the env vars and domains.
        replaceOnChanges: ["ref", "meta", "production"],
        dependsOn: [...Object.values(this.envVars), ...Object.values(this.domains)],
      },
    );
    this.productionUrl = pulumi.output(productionUrl(args));

    this.registerOutputs({
      project: this.project,
      envVars: this.envVars,
      domains: this.domains,
      production: this.production,
      projectId: this.projectId,
      productionUrl: this.productionUrl,
    });
  }
}

/** The env vars maintenance mode and the flags stand for. */
function switchVars(args: VercelProjectArgs): Record<string, PlainEnvVar> {
  const targets = args.switchTargets ?? ["production", "preview"];
  const vars: Record<string, PlainEnvVar> = {};
  if (args.maintenance) {
    vars[MaintenanceModeVar] = { value: "true", targets, comment: "Maintenance mode, set by platform:vercel maintenance.enabled" };
    if (args.maintenance.message !== undefined) {
      vars[MaintenanceMessageVar] = { value: args.maintenance.message, targets, comment: "Set by platform:vercel maintenance.message" };
    }
  }
  for (const [flag, state] of Object.entries(args.flags ?? {})) {
    vars[flag] = { value: state, targets, comment: "Feature flag, set by platform:vercel flags" };
  }
  return vars;
}

/**
 * Skips production builds of every commit but the pinned one: a push to the production branch
 * during a rollback still builds previews, but does not replace production. Exit 0 means "skip".
 */
export function pinnedIgnoreCommand(commit: string): string {
  return `if [ "$VERCEL_ENV" = "production" ] && [ "$VERCEL_GIT_COMMIT_SHA" != "${commit}" ]; then exit 0; else exit 1; fi`;
}

/**
 * A digest of what production's env holds: plain values, and for sensitive ones only their revision.
 * It is a digest, not the values, so deployment metadata never carries configuration text.
 */
function productionEnvDigest(plain: Record<string, PlainEnvVar>, sensitive: Record<string, SensitiveEnvVar>): pulumi.Output<string> {
  const inProduction = <T extends { targets: VercelTarget[] }>(vars: Record<string, T>) =>
    sortedEntries(vars).filter(([, v]) => v.targets.includes("production"));
  const entries = [
    ...inProduction(plain).map(([key, v]) => pulumi.all([key, "value", v.value])),
    ...inProduction(sensitive).map(([key, v]) => pulumi.all([key, "secret", v.revision])),
  ];
  return pulumi.all(entries).apply((all) => createHash("sha256").update(JSON.stringify(all)).digest("hex").slice(0, 32));
}

function productionUrl(args: VercelProjectArgs): string {
  const served = sortedEntries(args.domains ?? {}).find(([, settings]) => settings.redirect === undefined);
  return served ? `https://${served[0]}` : `https://${args.projectName}.vercel.app`;
}

function validate(name: string, args: VercelProjectArgs, plain: Record<string, PlainEnvVar>, sensitive: Record<string, SensitiveEnvVar>): void {
  const fail = argumentCheck("VercelProject", name);
  for (const key of Object.keys(sensitive)) {
    // Guard: Vercel takes one variable per name and target, and a plain value where a secret belongs is one in clear.
    if (key in plain) fail(`sensitiveEnv.${key}`, key, "a name not also set as a plain value (env, maintenance or flags)");
    // Guard: Vercel refuses a sensitive variable for development (`vercel env pull` would write it to laptops).
    if (sensitive[key].targets.includes("development"))
      fail(`sensitiveEnv.${key}.targets`, sensitive[key].targets, "production and/or preview (Vercel keeps sensitive values out of development)");
  }
  for (const [key, envVar] of [...Object.entries(plain), ...Object.entries(sensitive)]) {
    // Guard: a variable of no target reaches no deployment.
    if (envVar.targets.length === 0) fail(`env.${key}.targets`, envVar.targets, "at least one target");
  }
  // Guard: a flag of that name would overwrite the maintenance variable this component sets.
  if (args.flags && (MaintenanceModeVar in args.flags || MaintenanceMessageVar in args.flags)) {
    fail("flags", Object.keys(args.flags), `names other than ${MaintenanceModeVar} and ${MaintenanceMessageVar}`);
  }
  for (const [domain, settings] of Object.entries(args.domains ?? {})) {
    const target = settings.redirect;
    // Guard: a redirect to itself loops, and one to a domain the project does not serve has nowhere to land.
    if (target !== undefined && (target === domain || args.domains?.[target] === undefined || args.domains[target].redirect !== undefined)) {
      fail(`domains.${domain}.redirect`, target, "another domain of the project that is not itself a redirect");
    }
  }
  // Guard: the ignore command compares the full SHA; a short one would skip every production build.
  if (args.pinCommit !== undefined && !/^[0-9a-f]{40}$/.test(args.pinCommit)) fail("pinCommit", args.pinCommit, "a full 40-character commit SHA");
}

function sortTargets(targets: VercelTarget[]): VercelTarget[] {
  const order: VercelTarget[] = ["production", "preview", "development"];
  return [...targets].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function sortedEntries<T>(map: Record<string, T>): [string, T][] {
  return Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
}

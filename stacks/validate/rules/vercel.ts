import { MaintenanceMessageVar, MaintenanceModeVar } from "../../../components/vercel/project";
import { StackSpec } from "../../schema";
import { suggestion } from "../closest";
import { entriesOf, Rule, RuleContext } from "./context";

const Vercel = "platform:vercel";

export type VercelSpec = NonNullable<StackSpec["vercel"]>;
export type VercelProjectSpec = VercelSpec["projects"][string];
export type VercelEnvVarSpec = VercelProjectSpec["env"][string];

type At = (...key: (string | number)[]) => (string | number)[];

export const vercelRules: Rule = (ctx) => {
  const vercel = ctx.config[Vercel];
  if (!vercel || typeof vercel !== "object") return;
  const physical = new Map<string, string>();
  for (const [key, project] of entriesOf(vercel.projects)) {
    if (project === null || typeof project !== "object") continue;
    const at: At = (...path) => [Vercel, "projects", key, ...path];
    // Each check reads only parts that passed the schema, so one bad key does not hide the others.
    if (ctx.isSound(at("name"))) {
      const name = project.name ?? key;
      const other = physical.get(name);
      if (other !== undefined) ctx.report(at("name"), `expected a project name used once, found "${name}", also the name of ${other}`);
      physical.set(name, key);
    }
    checkEnv(ctx, project, at);
    checkSwitches(ctx, project, at);
    if (ctx.isSound(at("domains"))) checkDomains(ctx, project, at);
  }
};

function checkEnv(ctx: RuleContext, project: VercelProjectSpec, at: At) {
  const secrets = Object.fromEntries(entriesOf(ctx.config["platform:secrets"]));
  const services = Object.keys(Object.fromEntries(entriesOf(ctx.config["platform:cloudRun"])));
  for (const [envName, envVar] of entriesOf(project.env)) {
    if (!ctx.isSound(at("env", envName))) continue;
    if (envName.startsWith("VERCEL_")) {
      ctx.report(at("env", envName), `expected a name that does not start with VERCEL_ (Vercel's system variables), found ${envName}`);
    }
    const sources = (["value", "secret", "cloudRunUrl"] as const).filter((source) => envVar[source] !== undefined);
    if (sources.includes("value") && sources.includes("secret")) {
      ctx.report(at("env", envName), "expected either a literal value or a secret, found both (a secret must never be a plain value)");
    } else if (sources.length !== 1) {
      ctx.report(at("env", envName), `expected exactly one of value, secret or cloudRunUrl, found ${sources.length ? sources.join(" and ") : "none"}`);
    }
    if (envVar.version !== undefined && envVar.secret === undefined) {
      ctx.report(at("env", envName, "version"), `expected a version only with secret, found "${envVar.version}"`);
    }
    if (envVar.secret !== undefined) checkSecretRef(ctx, envVar, secrets, at("env", envName));
    if (envVar.cloudRunUrl !== undefined && !services.includes(envVar.cloudRunUrl)) {
      ctx.report(
        at("env", envName, "cloudRunUrl"),
        `expected a service declared under platform:cloudRun, found "${envVar.cloudRunUrl}"${suggestion(envVar.cloudRunUrl, services)}`,
      );
    }
  }
}

function checkSecretRef(ctx: RuleContext, envVar: VercelEnvVarSpec, secrets: Record<string, { generate?: unknown }>, at: (string | number)[]) {
  const secret = envVar.secret!;
  const declared = Object.keys(secrets);
  if (!declared.includes(secret)) {
    ctx.report([...at, "secret"], `expected a secret declared under platform:secrets, found "${secret}"${suggestion(secret, declared)}`);
  } else if (secrets[secret]?.generate && envVar.version !== undefined) {
    ctx.report([...at, "version"], `expected no version: ${secret} is generated and follows its rotation key, found "${envVar.version}"`);
  }
  // Vercel refuses sensitive variables for `development` (`vercel env pull` would write them to laptops).
  const i = envVar.targets.indexOf("development");
  if (i >= 0)
    ctx.report([...at, "targets", i], "expected production or preview for a secret (Vercel keeps sensitive values out of development), found development");
}

function checkSwitches(ctx: RuleContext, project: VercelProjectSpec, at: At) {
  const maintenance = project.maintenance;
  if (maintenance && ctx.isSound(at("maintenance")) && !maintenance.enabled && maintenance.message !== undefined) {
    ctx.report(at("maintenance", "message"), `expected no message while maintenance is off (enabled: false), found "${maintenance.message}"`);
  }
  // Only names from here on: a key is a string whatever its value holds.
  const managed = [MaintenanceModeVar, MaintenanceMessageVar];
  for (const flag of entriesOf(project.flags).map(([flag]) => flag)) {
    if (managed.includes(flag)) ctx.report(at("flags", flag), `expected a flag name other than ${managed.join(" and ")} (set by maintenance), found ${flag}`);
  }
  for (const envName of entriesOf(project.env).map(([envName]) => envName)) {
    if (managed.includes(envName)) {
      ctx.report(at("env", envName), `expected a name not managed by maintenance (use maintenance.enabled and maintenance.message), found ${envName}`);
    } else if (entriesOf(project.flags).some(([flag]) => flag === envName)) {
      ctx.report(at("env", envName), `expected a name not also a flag (flags.${envName}), found ${envName} in both`);
    }
  }
}

function checkDomains(ctx: RuleContext, project: VercelProjectSpec, at: At) {
  const domains = Object.fromEntries(entriesOf(project.domains));
  const names = Object.keys(domains);
  for (const [domain, settings] of Object.entries(domains)) {
    if (settings.redirectStatusCode !== undefined && settings.redirect === undefined) {
      ctx.report(at("domains", domain, "redirectStatusCode"), `expected a redirectStatusCode only with redirect, found ${settings.redirectStatusCode}`);
    }
    const target = settings.redirect;
    if (target === undefined) continue;
    if (target === domain) {
      ctx.report(at("domains", domain, "redirect"), `expected another domain of the project, found "${target}" (itself)`);
    } else if (!names.includes(target)) {
      ctx.report(at("domains", domain, "redirect"), `expected a domain of this project (${names.join(", ")}), found "${target}"${suggestion(target, names)}`);
    } else if (domains[target].redirect !== undefined) {
      ctx.report(
        at("domains", domain, "redirect"),
        `expected a domain that serves the project, found "${target}", which redirects to "${domains[target].redirect}"`,
      );
    }
  }
}

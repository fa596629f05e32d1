import { Project, ProjectEnvironmentVariable, ProjectEnvironmentVariables, SharedEnvironmentVariable } from "@pulumiverse/vercel";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { plainVariables } from "../lib/plainEnv";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { credentialInValue } from "../lib/secretValues";

const info: RuleInfo = {
  name: "vercel-sensitive-env",
  description:
    "A Vercel environment variable whose value is a credential is marked sensitive, so no one can read it back from the dashboard or API. The value is judged (Checkov's secret scanners CKV_SECRET_2/4/6/9/12/13/14/17/18/19, or a Pulumi secret); a secret-looking name alone only raises secret-name-advisory.",
  severity: "high",
  remediation:
    "Set `sensitive: true` on the variable (the component does this for `secretEnv`); a value that is public by design (a NEXT_PUBLIC_* publishable key) goes in `allowedKeys` of this policy.",
  config: {
    allowedKeys: { type: "array", items: { type: "string" }, default: [], description: "Keys whose values look random but are public by design." },
  },
};

function check(
  type: string,
  props: Parameters<typeof plainVariables>[1],
  args: Parameters<typeof settings>[1] & { name: string },
  report: (m: string) => void,
) {
  const { allowedKeys } = settings<{ allowedKeys: string[] }>(info, args);
  for (const v of plainVariables(type, props, args.name)) {
    const credential = v.value === undefined || allowedKeys.includes(v.name) ? undefined : credentialInValue(v.value);
    if (credential) report(`${v.where} variable ${v.name} is not sensitive, and its value is ${credential}.`);
  }
}

export const vercelSensitiveEnv: ResourceValidationPolicy = resourceRule(
  info,
  validateResourceOfType(ProjectEnvironmentVariable, (v, args, report) => check(args.type, v, args, report)),
  validateResourceOfType(ProjectEnvironmentVariables, (v, args, report) => check(args.type, v, args, report)),
  validateResourceOfType(SharedEnvironmentVariable, (v, args, report) => check(args.type, v, args, report)),
  validateResourceOfType(Project, (p, args, report) => check(args.type, p, args, report)),
);

const forkInfo: RuleInfo = {
  name: "vercel-git-fork-protection",
  description:
    "Vercel projects keep Git Fork Protection on, so a pull request from a fork is not built with the project's environment variables until a team member authorizes it (Vercel docs, Project Settings > Security > Git Fork Protection; the provider's git_fork_protection, default true).",
  severity: "high",
  remediation:
    "Remove `gitForkProtection: false` from the project (the component leaves Vercel's default, on); preview builds from forks then wait for a team member's authorization.",
};

export const vercelGitForkProtection: ResourceValidationPolicy = resourceRule(
  forkInfo,
  validateResourceOfType(Project, (p, args, report) => {
    // Vercel's default is on: only an explicit false turns it off.
    if (p.gitForkProtection === false)
      report(`Vercel project "${p.name ?? args.name}" has Git Fork Protection off: forks' pull requests build with the project's secrets.`);
  }),
);

export const vercelPolicies: ResourceValidationPolicy[] = [vercelSensitiveEnv, vercelGitForkProtection];

import { Project, ProjectEnvironmentVariable, ProjectEnvironmentVariables, SharedEnvironmentVariable } from "@pulumiverse/vercel";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { asArray, peek, secretLooking, SecretNamePattern, Unknown } from "../lib/values";

const info: RuleInfo = {
  name: "vercel-sensitive-env",
  description: "Secret-looking Vercel environment variables are marked sensitive, so no one can read them back from the dashboard or API.",
  severity: "high",
  remediation: "Set `sensitive: true` on the variable (the component does this for `secretEnv`); a value that is public by design (NEXT_PUBLIC_*) goes in `allowedKeys` of this policy.",
  config: {
    secretNamePattern: { type: "string", default: SecretNamePattern, description: "Case-insensitive regex of keys that hold secrets." },
    allowedKeys: { type: "array", items: { type: "string" }, default: [], description: "Keys that match the pattern but are not secrets." },
  },
};

type Variable = { key: string; value?: string; sensitive?: boolean };

function check(where: string, variables: Variable[], args: Parameters<typeof settings>[1], report: (m: string) => void) {
  const { secretNamePattern, allowedKeys } = settings<{ secretNamePattern: string; allowedKeys: string[] }>(info, args);
  for (const v of variables) {
    if (v.sensitive === true || allowedKeys.includes(v.key)) continue;
    const value = peek(() => v.value);
    const why = secretLooking(v.key, value === Unknown ? undefined : value, secretNamePattern);
    if (why) report(`${where} variable ${v.key} is not sensitive: ${why}.`);
  }
}

export const vercelSensitiveEnv: ResourceValidationPolicy = resourceRule(
  info,
  validateResourceOfType(ProjectEnvironmentVariable, (v, args, report) => check(`Vercel project`, [v], args, report)),
  validateResourceOfType(ProjectEnvironmentVariables, (v, args, report) => check(`Vercel project`, asArray(v.variables), args, report)),
  validateResourceOfType(SharedEnvironmentVariable, (v, args, report) => check(`Vercel shared`, [v], args, report)),
  validateResourceOfType(Project, (p, args, report) => check(`Vercel project "${p.name ?? args.name}"`, asArray(p.environments), args, report)),
);

export const vercelPolicies: ResourceValidationPolicy[] = [vercelSensitiveEnv];

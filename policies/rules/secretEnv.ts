import { ResourceValidationPolicy } from "@pulumi/policy";
import { WorkloadTypes } from "../lib/kubernetesPods";
import { plainVariables } from "../lib/plainEnv";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { credentialInValue } from "../lib/secretValues";
import { SecretNamePattern } from "../lib/values";

/**
 * Plain environment variables: a credential is judged by its value and blocked (here for Kubernetes;
 * cloud-run-no-plaintext-secret-env and vercel-sensitive-env for the others); a name that only sounds
 * secret is worth a look, never a block (an OAUTH_REDIRECT_URI is a URL). secret-name-advisory is
 * named for what it looks at, a secret-sounding name in any workload's env, not for the secrets area
 * (platform:secrets, whose rules are secrets-* in ./secrets.ts).
 */

const kubernetesInfo: RuleInfo = {
  name: "kubernetes-no-plaintext-secret-env",
  description:
    "No Kubernetes container has a credential as a literal env var, judged by its value (Checkov's secret scanners CKV_SECRET_2/4/6/9/12/13/14/17/18/19, Polaris sensitiveContainerEnvVar, or a Pulumi secret): secrets come from a Secret (secretKeyRef).",
  severity: "critical",
  remediation:
    "Move the variable from the app's `env` to `secret.data.<NAME>: {secret: <SECRET_ID>}` in Pulumi.<stack>.yaml (the value goes in Secret Manager, and into the app's Secret); a value that is public by design goes in `allowedNames` of this policy.",
  config: {
    allowedNames: { type: "array", items: { type: "string" }, default: [], description: "Variables whose values look random but are not secrets." },
  },
};

export const kubernetesNoPlaintextSecretEnv: ResourceValidationPolicy = resourceRule(kubernetesInfo, (args, report) => {
  if (!WorkloadTypes.includes(args.type)) return;
  const { allowedNames } = settings<{ allowedNames: string[] }>(kubernetesInfo, args);
  for (const v of plainVariables(args.type, args.props, args.name)) {
    const credential = v.value === undefined || allowedNames.includes(v.name) ? undefined : credentialInValue(v.value);
    if (credential) report(`${v.where} sets ${v.name} as a literal env var, and its value is ${credential}.`);
  }
});

const nameInfo: RuleInfo = {
  name: "secret-name-advisory",
  description:
    'A plain (not secret-sourced) environment variable whose name sounds like a credential (SECRET, PASSWORD, TOKEN, API_KEY, ..._URI, ...) is pointed out for a second look; its value did not look like one, so it is advice, not a block (Checkov CKV_SECRET_10 "Secret Keyword", Polaris sensitiveContainerEnvVar by name). Cloud Run, Vercel and Kubernetes.',
  severity: "low",
  enforcementLevel: "advisory",
  remediation:
    "If the value is a secret, move it to `secretEnv` (Cloud Run, Vercel) or `secret.data` (Kubernetes) in Pulumi.<stack>.yaml; if it is not (a redirect URL, a TTL), add the name to `allowedNames` of this policy.",
  config: {
    secretNamePattern: { type: "string", default: SecretNamePattern, description: "Case-insensitive regex of variable names that usually hold secrets." },
    allowedNames: { type: "array", items: { type: "string" }, default: [], description: "Names that match the pattern but hold no secret." },
  },
};

export const secretNameAdvisory: ResourceValidationPolicy = resourceRule(nameInfo, (args, report) => {
  const { secretNamePattern, allowedNames } = settings<{ secretNamePattern: string; allowedNames: string[] }>(nameInfo, args);
  const pattern = new RegExp(secretNamePattern, "i");
  for (const v of plainVariables(args.type, args.props, args.name)) {
    if (pattern.test(v.name) && !allowedNames.includes(v.name)) report(`${v.where} sets ${v.name} as a plain variable; its name sounds like a secret.`);
  }
});

export const secretEnvPolicies: ResourceValidationPolicy[] = [kubernetesNoPlaintextSecretEnv, secretNameAdvisory];

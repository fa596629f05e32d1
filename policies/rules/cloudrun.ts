import { Service, ServiceIamBinding, ServiceIamMember, ServiceIamPolicy } from "@pulumi/gcp/cloudrunv2";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { asArray, imageProblem, knownMembers, peek, secretLooking, SecretNamePattern, Unknown } from "../lib/values";

const PublicMembers = ["allUsers", "allAuthenticatedUsers"];
const publicServicesSchema = {
  type: "array" as const,
  items: { type: "string" as const },
  default: [] as string[],
  description: "Cloud Run service names that are declared public (the runbook's --allow-unauthenticated).",
};

const publicInvokerInfo: RuleInfo = {
  name: "cloudrun-no-public-invoker",
  description: "Only Cloud Run services declared public may be invoked by allUsers or allAuthenticatedUsers.",
  severity: "critical",
  remediation: "Remove `public: true` from the service in Pulumi.<stack>.yaml, or add the service to `publicServices` of this policy in policies/config/<stack>.json after review.",
  config: { publicServices: publicServicesSchema },
};

function checkPublic(read: () => string | undefined, members: string[], declared: string[], report: (m: string) => void) {
  const open = members.filter((m) => PublicMembers.includes(m));
  if (!open.length) return;
  // Only read the name when someone is public: for a service this stack creates it may be unknown.
  const service = String(read());
  if (!declared.includes(service)) report(`Cloud Run service "${service}" grants roles/run.invoker to ${open.join(", ")} but is not a declared public service.`);
}

export const cloudRunNoPublicInvoker = resourceRule(
  publicInvokerInfo,
  validateResourceOfType(ServiceIamMember, (m, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    checkPublic(() => m.name, knownMembers(() => m.member), publicServices, report);
  }),
  validateResourceOfType(ServiceIamBinding, (b, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    checkPublic(() => b.name, knownMembers(() => b.members), publicServices, report);
  }),
  validateResourceOfType(ServiceIamPolicy, (p, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    checkPublic(() => p.name, PublicMembers.filter((m) => p.policyData.includes(`"${m}"`)), publicServices, report);
  }),
  validateResourceOfType(Service, (s, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    // invokerIamDisabled skips the invoker check altogether: the same as granting allUsers.
    if (s.invokerIamDisabled === true) checkPublic(() => s.name ?? args.name, ["allUsers"], publicServices, report);
  }),
);

const ingressInfo: RuleInfo = {
  name: "cloudrun-ingress-restricted",
  description: "A Cloud Run service accepts traffic from the internet (ingress all) only when it is declared public.",
  severity: "high",
  remediation: "Set `ingress: internal` (or internal-and-cloud-load-balancing) for the service in Pulumi.<stack>.yaml, or declare it in `publicServices` of this policy.",
  config: { publicServices: publicServicesSchema },
};

export const cloudRunIngressRestricted = resourceRule(
  ingressInfo,
  validateResourceOfType(Service, (s, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(ingressInfo, args);
    const name = s.name ?? args.name;
    // Cloud Run's default ingress is INGRESS_TRAFFIC_ALL, so leaving it out counts as all.
    const ingress = s.ingress ?? "INGRESS_TRAFFIC_ALL";
    if (ingress === "INGRESS_TRAFFIC_ALL" && !publicServices.includes(name)) {
      report(`Cloud Run service "${name}" has ingress ${s.ingress === undefined ? "unset (all)" : ingress} but is not a declared public service.`);
    }
  }),
);

const serviceAccountInfo: RuleInfo = {
  name: "cloudrun-dedicated-service-account",
  description: "Every Cloud Run service runs as its own service account, never the default compute account.",
  severity: "high",
  remediation: "Let the CloudRunService component create the service's account (the default), and never set template.serviceAccount to <number>-compute@developer.gserviceaccount.com.",
};

export const cloudRunDedicatedServiceAccount = resourceRule(
  serviceAccountInfo,
  validateResourceOfType(Service, (s, args, report) => {
    const account = peek(() => s.template.serviceAccount);
    // Unknown during preview means it is the email of an account this stack creates: dedicated.
    if (account === Unknown) return;
    if (!account) report(`Cloud Run service "${s.name ?? args.name}" sets no service account, so it runs as the default compute account.`);
    else if (/-compute@developer\.gserviceaccount\.com$/.test(account)) report(`Cloud Run service "${s.name ?? args.name}" runs as the default compute account ${account}.`);
  }),
);

const limitsInfo: RuleInfo = {
  name: "cloudrun-resource-limits",
  description: "Every Cloud Run container sets CPU and memory limits.",
  severity: "medium",
  remediation: "Set `cpu` and `memory` for the service in Pulumi.<stack>.yaml.",
};

export const cloudRunResourceLimits = resourceRule(
  limitsInfo,
  validateResourceOfType(Service, (s, args, report) => {
    for (const [i, c] of asArray(s.template.containers).entries()) {
      const limits = c.resources?.limits ?? {};
      const missing = ["cpu", "memory"].filter((k) => !limits[k]);
      if (missing.length) report(`Cloud Run service "${s.name ?? args.name}" container ${c.name ?? i} has no ${missing.join(" or ")} limit.`);
    }
  }),
);

const imageInfo: RuleInfo = {
  name: "cloudrun-image-pinned",
  description: "Cloud Run images are pinned: never :latest or untagged, and by digest where required (prod).",
  severity: "high",
  remediation: "Deploy an exact build: `image: <registry>/<name>@sha256:<digest>` (CI pushes the image and proposes the digest).",
  config: { requireDigest: { type: "boolean", default: true, description: "Require @sha256 digests, not only a fixed tag." } },
};

export const cloudRunImagePinned = resourceRule(
  imageInfo,
  validateResourceOfType(Service, (s, args, report) => {
    const { requireDigest } = settings<{ requireDigest: boolean }>(imageInfo, args);
    for (const c of asArray(s.template.containers)) {
      const problem = imageProblem(c.image, requireDigest);
      if (problem) report(`Cloud Run service "${s.name ?? args.name}": ${problem}.`);
    }
  }),
);

const deletionInfo: RuleInfo = {
  name: "cloudrun-deletion-protection",
  description: "Cloud Run services keep deletion protection on, so `pulumi destroy` or a rename cannot remove them.",
  severity: "high",
  remediation: "Remove `deletionProtection: false` (the component defaults to true); turn it off only in a reviewed change that deletes the service.",
};

export const cloudRunDeletionProtection = resourceRule(
  deletionInfo,
  validateResourceOfType(Service, (s, args, report) => {
    // The provider defaults deletionProtection to true: only an explicit false turns it off.
    if (s.deletionProtection === false) report(`Cloud Run service "${s.name ?? args.name}" has deletionProtection false.`);
  }),
);

const plainSecretInfo: RuleInfo = {
  name: "cloudrun-no-plaintext-secret-env",
  description: "Secret-looking environment variables of Cloud Run services come from Secret Manager (secretKeyRef), never literal values.",
  severity: "critical",
  remediation: "Move the variable from `env` to `secretEnv: {<NAME>: {secret: <SECRET_ID>}}` in Pulumi.<stack>.yaml and put the value in Secret Manager.",
  config: {
    secretNamePattern: { type: "string", default: SecretNamePattern, description: "Case-insensitive regex of env var names that hold secrets." },
    allowedNames: { type: "array", items: { type: "string" }, default: [], description: "Names that match the pattern but are not secrets." },
  },
};

export const cloudRunNoPlaintextSecretEnv = resourceRule(
  plainSecretInfo,
  validateResourceOfType(Service, (s, args, report) => {
    const { secretNamePattern, allowedNames } = settings<{ secretNamePattern: string; allowedNames: string[] }>(plainSecretInfo, args);
    for (const c of asArray(s.template.containers)) {
      for (const env of asArray(c.envs)) {
        if (env.valueSource || allowedNames.includes(env.name)) continue;
        const value = peek(() => env.value);
        const why = secretLooking(env.name, value === Unknown ? undefined : value, secretNamePattern);
        if (why) report(`Cloud Run service "${s.name ?? args.name}" sets ${env.name} as a literal env var: ${why}.`);
      }
    }
  }),
);

export const cloudRunPolicies: ResourceValidationPolicy[] = [
  cloudRunNoPublicInvoker,
  cloudRunIngressRestricted,
  cloudRunDedicatedServiceAccount,
  cloudRunResourceLimits,
  cloudRunImagePinned,
  cloudRunDeletionProtection,
  cloudRunNoPlaintextSecretEnv,
];

import { Service, ServiceIamBinding, ServiceIamMember, ServiceIamPolicy } from "@pulumi/gcp/cloudrunv2";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { imageProblem, requireDigestSchema } from "../lib/images";
import { plainVariables } from "../lib/plainEnv";
import { credentialInValue } from "../lib/secretValues";
import { asArray, knownMembers, peek, Unknown } from "../lib/values";

const PublicMembers = ["allUsers", "allAuthenticatedUsers"];
const publicServicesSchema = {
  type: "array" as const,
  items: { type: "string" as const },
  default: [] as string[],
  description: "Cloud Run service names that are declared public (the runbook's --allow-unauthenticated).",
};

const InvokerRole = "roles/run.invoker";

const publicInvokerInfo: RuleInfo = {
  name: "cloud-run-no-public-invoker",
  description:
    'Only Cloud Run services declared public may be invoked by allUsers or allAuthenticatedUsers, and then only with roles/run.invoker: no other role is ever granted to them (Checkov CKV_GCP_102 "Cloud Run services are not anonymously or publicly accessible", which checks the member; this also checks the role).',
  severity: "critical",
  remediation:
    "Remove `public: true` from the service in Pulumi.<stack>.yaml, or add the service to `publicServices` of this policy in policies/config/<stack>.json after review; grant any role other than roles/run.invoker to a named group or service account, never to allUsers or allAuthenticatedUsers.",
  config: { publicServices: publicServicesSchema },
};

/** One role granted to some members, as IAM member, binding and policy resources all reduce to. */
interface Grant {
  role: string;
  members: string[];
}

function checkPublic(read: () => string | undefined, grants: Grant[], declared: string[], report: (m: string) => void) {
  for (const { role, members } of grants) {
    const open = members.filter((m) => PublicMembers.includes(m));
    if (!open.length) continue;
    // Only read the name when someone is public: for a service this stack creates it may be unknown.
    const service = String(read());
    if (role !== InvokerRole) report(`Cloud Run service "${service}" grants ${role} to ${open.join(", ")}; only ${InvokerRole} may be public.`);
    else if (!declared.includes(service))
      report(`Cloud Run service "${service}" grants ${InvokerRole} to ${open.join(", ")} but is not a declared public service.`);
  }
}

/** An IAM policy document's bindings; text that does not parse is read as invoker grants by name. */
function policyGrants(policyData: string): Grant[] {
  try {
    const parsed = JSON.parse(policyData) as { bindings?: { role?: string; members?: string[] }[] };
    return asArray(parsed.bindings).map((b) => ({ role: b.role ?? InvokerRole, members: asArray(b.members) }));
  } catch {
    return [{ role: InvokerRole, members: PublicMembers.filter((m) => policyData.includes(`"${m}"`)) }];
  }
}

export const cloudRunNoPublicInvoker = resourceRule(
  publicInvokerInfo,
  validateResourceOfType(ServiceIamMember, (m, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    checkPublic(() => m.name, [{ role: m.role, members: knownMembers(() => m.member) }], publicServices, report);
  }),
  validateResourceOfType(ServiceIamBinding, (b, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    checkPublic(() => b.name, [{ role: b.role, members: knownMembers(() => b.members) }], publicServices, report);
  }),
  validateResourceOfType(ServiceIamPolicy, (p, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    checkPublic(() => p.name, policyGrants(p.policyData), publicServices, report);
  }),
  validateResourceOfType(Service, (s, args, report) => {
    const { publicServices } = settings<{ publicServices: string[] }>(publicInvokerInfo, args);
    // invokerIamDisabled skips the invoker check altogether: the same as granting allUsers.
    if (s.invokerIamDisabled === true) checkPublic(() => s.name ?? args.name, [{ role: InvokerRole, members: ["allUsers"] }], publicServices, report);
  }),
);

const ingressInfo: RuleInfo = {
  name: "cloud-run-ingress-restricted",
  description: "A Cloud Run service accepts traffic from the internet (ingress all) only when it is declared public.",
  severity: "high",
  remediation:
    "Set `ingress: internal` (or internal-and-cloud-load-balancing) for the service in Pulumi.<stack>.yaml, or declare it in `publicServices` of this policy.",
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
  name: "cloud-run-dedicated-service-account",
  description: "Every Cloud Run service runs as its own service account, never the default compute account.",
  severity: "high",
  remediation:
    "Let the CloudRunService component create the service's account (the default), and never set template.serviceAccount to <number>-compute@developer.gserviceaccount.com.",
};

export const cloudRunDedicatedServiceAccount = resourceRule(
  serviceAccountInfo,
  validateResourceOfType(Service, (s, args, report) => {
    const account = peek(() => s.template.serviceAccount);
    // Unknown during preview means it is the email of an account this stack creates: dedicated.
    if (account === Unknown) return;
    if (!account) report(`Cloud Run service "${s.name ?? args.name}" sets no service account, so it runs as the default compute account.`);
    else if (/-compute@developer\.gserviceaccount\.com$/.test(account))
      report(`Cloud Run service "${s.name ?? args.name}" runs as the default compute account ${account}.`);
  }),
);

const limitsInfo: RuleInfo = {
  name: "cloud-run-resource-limits",
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
  name: "cloud-run-image-pinned",
  description:
    "Cloud Run images follow the one image rule of every workload kind (policies/lib/images.ts): never untagged, :latest or a moving channel/major tag, and by digest where required, as in prod (Checkov CKV_K8S_43's rule for Kubernetes, applied to Cloud Run).",
  severity: "high",
  remediation: "Deploy an exact build: `image: <registry>/<name>@sha256:<digest>` (CI pushes the image and proposes the digest).",
  config: { requireDigest: requireDigestSchema(true) },
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
  name: "cloud-run-deletion-protection",
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
  name: "cloud-run-no-plaintext-secret-env",
  description:
    "No Cloud Run service has a credential as a literal env var, judged by its value (Checkov's secret scanners CKV_SECRET_2/4/6/9/12/13/14/17/18/19: key shapes, a password in a URL, high-entropy strings; or a Pulumi secret), so secrets come from Secret Manager (secretKeyRef). A secret-looking name alone only raises secret-name-advisory.",
  severity: "critical",
  remediation:
    "Move the variable from `env` to `secretEnv: {<NAME>: {secret: <SECRET_ID>}}` in Pulumi.<stack>.yaml and put the value in Secret Manager; a value that is public by design goes in `allowedNames` of this policy.",
  config: {
    allowedNames: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Variables whose values look random but are not secrets (public keys, build ids).",
    },
  },
};

export const cloudRunNoPlaintextSecretEnv = resourceRule(
  plainSecretInfo,
  validateResourceOfType(Service, (s, args, report) => {
    const { allowedNames } = settings<{ allowedNames: string[] }>(plainSecretInfo, args);
    for (const v of plainVariables(args.type, s, args.name)) {
      const credential = v.value === undefined || allowedNames.includes(v.name) ? undefined : credentialInValue(v.value);
      if (credential) report(`${v.where} sets ${v.name} as a literal env var, and its value is ${credential}.`);
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

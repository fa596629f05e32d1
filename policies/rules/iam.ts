import { ResourceValidationPolicy } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { asArray, peek, Unknown } from "../lib/values";

/**
 * Google Cloud IAM grants of every kind (project, secret, Cloud Run service, bucket, service account:
 * each provider type ending in IamMember, IamBinding or IamPolicy, or the projects' IAMMember ones).
 */
const IamType = /^gcp:[^:]+:[A-Za-z]*(IamMember|IamBinding|IamPolicy|IAMMember|IAMBinding|IAMPolicy)$/;

/**
 * Roles no runtime service account gets: the basic roles (Checkov CKV_GCP_117), admin roles
 * (CKV_GCP_42, CIS GCP Foundations v4.0 1.5) and the roles that impersonate or manage service
 * accounts or run code as them (CKV_GCP_41/49, CIS 1.6; the list of checkov's
 * AbsGoogleImpersonationRoles without the Google-managed service agents, which no stack grants).
 */
const ForbiddenRoles = [
  "roles/owner",
  "roles/editor",
  "roles/viewer",
  "roles/iam.serviceAccountUser",
  "roles/iam.serviceAccountTokenCreator",
  "roles/iam.serviceAccountOpenIdTokenCreator",
  "roles/iam.workloadIdentityUser",
  "roles/dataflow.developer",
  "roles/deploymentmanager.editor",
  "roles/cloudbuild.builds.editor",
  "roles/cloudbuild.builds.builder",
  "roles/composer.worker",
  "roles/run.sourceDeveloper",
];
/** CKV_GCP_42's test: a role whose name ends in admin or Admin. */
const AdminRole = "[aA]dmin$";

interface Grant {
  role: string;
  /** undefined: a member a preview cannot know, i.e. the email of an account this stack creates. */
  member: string | undefined;
}

/** Every (role, member) an IAM resource grants, whichever of member, members or policyData it uses. */
function grants(props: Record<string, unknown>): Grant[] {
  const role = props.role as string | undefined;
  const out: Grant[] = [];
  const add = (r: string | undefined, read: () => unknown) => {
    const m = peek(read);
    if (r) out.push({ role: r, member: m === Unknown ? undefined : String(m) });
  };
  if ("member" in props) add(role, () => props.member);
  if ("members" in props) {
    const members = peek(() => asArray(props.members as string[]));
    if (members === Unknown) add(role, () => Unknown);
    else members.forEach((_, i) => add(role, () => members[i]));
  }
  if ("policyData" in props) {
    const data = peek(() => props.policyData as string);
    if (data !== Unknown && typeof data === "string") {
      try {
        for (const b of asArray((JSON.parse(data) as { bindings?: { role: string; members?: string[] }[] }).bindings)) {
          for (const m of asArray(b.members)) out.push({ role: b.role, member: m });
        }
      } catch {
        // Not JSON: the provider rejects it, nothing to judge here.
      }
    }
  }
  return out;
}

const info: RuleInfo = {
  name: "gcp-iam-least-privilege",
  description:
    "No service account is granted a basic role (owner, editor, viewer), an admin role (secretmanager.admin, run.admin, ...) or a role that impersonates or manages service accounts (serviceAccountUser, serviceAccountTokenCreator, workloadIdentityUser, ...), on a project or on any resource: Checkov CKV_GCP_41/42/49/117, CIS GCP Foundations Benchmark v4.0 1.5 and 1.6. A member a preview cannot know is the email of an account this stack creates, so it is judged as one.",
  severity: "critical",
  remediation:
    'Grant the narrowest predefined role on the one resource it needs (roles/secretmanager.secretAccessor on one secret, roles/run.invoker on one service); a reviewed exception goes in `allowedGrants` of this policy as "<role> <member>".',
  config: {
    forbiddenRoles: { type: "array", items: { type: "string" }, default: ForbiddenRoles, description: "Roles no service account may be granted." },
    forbiddenRolePattern: { type: "string", default: AdminRole, description: "Regex of further forbidden role names (admin roles)." },
    allowedGrants: { type: "array", items: { type: "string" }, default: [], description: 'Reviewed exceptions, as "<role> <member>".' },
  },
};

export const gcpIamLeastPrivilege: ResourceValidationPolicy = resourceRule(info, (args, report) => {
  if (!IamType.test(args.type)) return;
  const { forbiddenRoles, forbiddenRolePattern, allowedGrants } = settings<{ forbiddenRoles: string[]; forbiddenRolePattern: string; allowedGrants: string[] }>(
    info,
    args,
  );
  const pattern = new RegExp(forbiddenRolePattern);
  for (const { role, member } of grants(args.props)) {
    const serviceAccount = member === undefined || member.startsWith("serviceAccount:");
    if (!serviceAccount || !(forbiddenRoles.includes(role) || pattern.test(role))) continue;
    if (member !== undefined && allowedGrants.includes(`${role} ${member}`)) continue;
    report(`${args.type.slice(args.type.lastIndexOf(":") + 1)} "${args.name}" grants ${role} to ${member ?? "a service account this stack creates"}.`);
  }
});

export const iamPolicies: ResourceValidationPolicy[] = [gcpIamLeastPrivilege];

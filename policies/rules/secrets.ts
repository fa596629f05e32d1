import { RandomPassword, RandomString } from "@pulumi/random";
import { Secret, SecretIamBinding, SecretIamMember, SecretIamPolicy, SecretVersion } from "@pulumi/gcp/secretmanager";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ofType, resourceRule, RuleInfo, stackRule } from "../lib/policy";
import { asMap, knownMembers, peek, Unknown } from "../lib/values";

const PublicMembers = ["allUsers", "allAuthenticatedUsers"];

const publicInfo: RuleInfo = {
  name: "secrets-no-public-access",
  description: "No Secret Manager secret grants any role to allUsers or allAuthenticatedUsers.",
  severity: "critical",
  remediation: "Grant roles/secretmanager.secretAccessor to the reading service's own account only (the CloudRunService component does this per secret).",
};

/** The secret's id for a message; a grant on a secret this stack creates may not know it yet. */
const label = (read: () => unknown, fallback: string) => {
  const id = peek(read);
  return id === Unknown ? fallback : String(id);
};

function checkMembers(secret: () => string, members: string[], report: (m: string) => void, fallback: string) {
  const open = members.filter((m) => PublicMembers.includes(m));
  if (open.length) report(`Secret "${label(secret, fallback)}" grants access to ${open.join(", ")}.`);
}

export const secretsNoPublicAccess = resourceRule(
  publicInfo,
  validateResourceOfType(SecretIamMember, (m, args, report) =>
    checkMembers(
      () => m.secretId,
      knownMembers(() => m.member),
      report,
      args.name,
    ),
  ),
  validateResourceOfType(SecretIamBinding, (b, args, report) =>
    checkMembers(
      () => b.secretId,
      knownMembers(() => b.members),
      report,
      args.name,
    ),
  ),
  validateResourceOfType(SecretIamPolicy, (p, args, report) =>
    checkMembers(
      () => p.secretId,
      PublicMembers.filter((m) => p.policyData.includes(`"${m}"`)),
      report,
      args.name,
    ),
  ),
);

const rotationInfo: RuleInfo = {
  name: "secrets-generated-rotation",
  description:
    "A secret whose value the platform generates can be rotated: its generator has a `rotation` keeper, or the secret has a Secret Manager rotation period.",
  severity: "medium",
  remediation:
    'Give the secret `generate: {length: 64, rotation: "<date>"}` in Pulumi.<stack>.yaml (changing `rotation` rotates it), or set a Secret Manager rotation period.',
};

const Generators = [RandomPassword, RandomString];

export const secretsGeneratedRotation: StackValidationPolicy = stackRule(rotationInfo, (args, report) => {
  for (const version of ofType(args.resources, SecretVersion)) {
    const generators = (version.propertyDependencies.secretData ?? []).filter((d) => Generators.some((g) => d.isType(g)));
    if (!generators.length) continue; // an external value: its owner rotates it
    const secret = (version.propertyDependencies.secret ?? []).find((d) => d.isType(Secret));
    const period = secret ? peek(() => secret.props.rotation?.rotationPeriod) : undefined;
    if (period) continue;
    for (const generator of generators) {
      if (!hasRotationKeeper(generator)) {
        report(
          `Secret version "${version.name}" takes its value from ${generator.name}, which has no \`rotation\` keeper, so the value can never be rotated from the stack file.`,
          version.urn,
        );
      }
    }
  }
});

function hasRotationKeeper(generator: PolicyResource): boolean {
  const keepers = peek(() => asMap(generator.props.keepers));
  // An unknown keeper comes from another resource: it changes when that does, which is a rotation.
  return keepers === Unknown || peek(() => keepers.rotation) !== undefined;
}

export const secretsPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [secretsNoPublicAccess, secretsGeneratedRotation];

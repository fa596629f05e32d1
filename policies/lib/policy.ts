import {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationPolicy,
  Severity,
  StackValidation,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/** What every rule states about itself; the pack shows all of it next to a violation. */
export interface RuleInfo {
  name: string;
  description: string;
  severity: Severity;
  /** What to change in the stack file or component; appended to every violation message. */
  remediation: string;
  /** @default "mandatory": the per-stack config files lower it where a stack should only be told */
  enforcementLevel?: EnforcementLevel;
  /** Thresholds, each with a default; the CLI fills the defaults in, and `settings` does too. */
  config?: Record<string, PolicyConfigJSONSchema>;
  tags?: string[];
}

function base(info: RuleInfo) {
  const configSchema: PolicyConfigSchema | undefined = info.config ? { properties: info.config } : undefined;
  return {
    name: info.name,
    description: info.description,
    severity: info.severity,
    enforcementLevel: info.enforcementLevel ?? "mandatory",
    remediationSteps: info.remediation,
    ...(configSchema ? { configSchema } : {}),
    ...(info.tags ? { tags: info.tags } : {}),
  };
}

/** Every message ends with what to do about it, so a PR comment alone is enough to fix it. */
function withRemediation(info: RuleInfo, report: ReportViolation): ReportViolation {
  return (message: string, urn?: string) => report(`${message}\nRemediation: ${info.remediation}`, urn);
}

export function resourceRule(info: RuleInfo, ...validations: ResourceValidation[]): ResourceValidationPolicy {
  const wrapped = validations.map((validate) => {
    const fn: ResourceValidation = (args, report) => validate(args, withRemediation(info, report));
    // Keep the type tag validateResourceOfType attaches: the server uses it to skip other types fast.
    const pulumiType = (validate as { __pulumiType?: string }).__pulumiType;
    if (pulumiType) (fn as { __pulumiType?: string }).__pulumiType = pulumiType;
    return fn;
  });
  return { ...base(info), validateResource: wrapped.length === 1 ? wrapped[0] : wrapped };
}

export function stackRule(info: RuleInfo, validate: StackValidation): StackValidationPolicy {
  return { ...base(info), validateStack: (args, report) => validate(args, withRemediation(info, report)) };
}

/**
 * A rule's config with its schema's defaults under it. The CLI already merges defaults
 * (ReconcilePolicyPackConfig); doing it here too keeps a rule correct under any runner.
 */
export function settings<T extends object>(info: RuleInfo, args: { getConfig<C extends object>(): C }): T {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(info.config ?? {})) {
    if ("default" in schema) defaults[key] = schema.default;
  }
  return { ...defaults, ...args.getConfig<Record<string, unknown>>() } as T;
}

/**
 * The stack's resources of one class. The class is read once per call, not once per resource: the
 * provider packages hand their classes out through getters that run require() on every read, which
 * made the Kubernetes rules alone cost 20 ms a plan.
 */
export function ofType(resources: PolicyResource[], resourceClass: Parameters<PolicyResource["isType"]>[0]): PolicyResource[] {
  return resources.filter((r) => r.isType(resourceClass));
}

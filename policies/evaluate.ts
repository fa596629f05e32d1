import {
  EnforcementLevel,
  Policies,
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
  unknownCheckingProxy,
  UnknownValueError,
} from "@pulumi/policy";

/**
 * Runs policies in-process the way the policy server does (@pulumi/policy server.js): props behind
 * `unknownCheckingProxy`, `isType`/`asType` by the classes' type tokens, config reconciled as the CLI
 * does (schema defaults, then `all`, then per-policy entries), an unknown value turning a policy into
 * an advisory "can't run during preview", and a disabled policy skipped.
 */

/** One resource as the engine hands it to the analyzer. Props use the engine's unknown sentinels. */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  props: Record<string, unknown>;
  protect: boolean;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** The provider resource's URN, if it is among the resources. */
  provider?: string;
}

/** The `--policy-pack-config` file: `{"all": "mandatory", "<policy>": "disabled" | {enforcementLevel, ...props}}`. */
export type PackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

export interface Violation {
  policyName: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** The description, then the rule's message, as the server joins them. */
  message: string;
  urn?: string;
}

/** The string the engine sends for an unknown value (any type); the proxy recognizes it. */
export const UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const PackDefaultLevel: EnforcementLevel = "advisory";
const Levels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The CLI's ReconcilePolicyPackConfig: schema defaults, then `all`'s level, then each policy's entry. */
export function resolveConfig(policies: Policies, file: PackConfigFile = {}): Map<string, ResolvedPolicyConfig> {
  const errors: string[] = [];
  const names = new Set(policies.map((p) => p.name));
  for (const key of Object.keys(file)) if (key !== "all" && !names.has(key)) errors.push(`"${key}" is not a policy of this pack`);
  const entry = (key: string) => {
    const value = file[key];
    return typeof value === "string" ? { enforcementLevel: value } : (value ?? {});
  };
  const allLevel = entry("all").enforcementLevel;
  const resolved = new Map<string, ResolvedPolicyConfig>();
  for (const p of policies) {
    const { enforcementLevel, ...given } = entry(p.name) as { enforcementLevel?: EnforcementLevel } & Record<string, unknown>;
    const properties = { ...defaultsOf(p.configSchema), ...given };
    const level = enforcementLevel ?? allLevel ?? p.enforcementLevel ?? PackDefaultLevel;
    if (!Levels.includes(level)) errors.push(`${p.name}: enforcementLevel "${level}" is not one of ${Levels.join(", ")}`);
    errors.push(...checkSchema(p.name, p.configSchema, properties));
    resolved.set(p.name, { enforcementLevel: level, properties });
  }
  if (errors.length) throw new Error(`invalid policy pack config:\n  ${errors.join("\n  ")}`);
  return resolved;
}

function defaultsOf(schema?: PolicyConfigSchema): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schema?.properties ?? {})
      .filter(([, s]) => "default" in s)
      .map(([k, s]) => [k, s.default]),
  );
}

/** The CLI validates config against each schema; this covers the keywords the pack's schemas use. */
function checkSchema(policy: string, schema: PolicyConfigSchema | undefined, props: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const properties = schema?.properties ?? {};
  for (const [key, value] of Object.entries(props)) {
    const s = properties[key];
    if (!s) {
      errors.push(`${policy}.${key}: unknown property (expected one of: ${Object.keys(properties).join(", ") || "none"})`);
      continue;
    }
    const type = Array.isArray(value) ? "array" : value === null ? "null" : Number.isInteger(value) ? "integer" : typeof value;
    const ok = s.type === undefined || s.type === type || (s.type === "number" && type === "integer");
    if (!ok) errors.push(`${policy}.${key}: expected ${String(s.type)}, found ${JSON.stringify(value)}`);
    else if (typeof value === "number" && ((s.minimum !== undefined && value < s.minimum) || (s.maximum !== undefined && value > s.maximum))) {
      errors.push(`${policy}.${key}: ${value} is outside ${s.minimum ?? "-∞"}..${s.maximum ?? "∞"}`);
    } else if (
      Array.isArray(value) &&
      typeof s.items === "object" &&
      !Array.isArray(s.items) &&
      s.items.type === "string" &&
      value.some((v) => typeof v !== "string")
    ) {
      errors.push(`${policy}.${key}: expected an array of strings`);
    }
  }
  for (const key of schema?.required ?? []) if (!(key in props)) errors.push(`${policy}.${key}: required`);
  return errors;
}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

function isTypeOf(type: string, resourceClass: unknown): boolean {
  return (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

function optionsOf(r: AnalyzedResource): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

export interface EvaluateOptions {
  config?: PackConfigFile;
  stackTags?: ReadonlyMap<string, string>;
}

/** Every violation the pack reports for a stack's resources: each resource, then the whole stack. */
export async function evaluate(policies: Policies, resources: AnalyzedResource[], options: EvaluateOptions = {}): Promise<Violation[]> {
  const config = resolveConfig(policies, options.config);
  const stackTags = options.stackTags ?? new Map<string, string>();
  const violations: Violation[] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));

  const run = async (
    p: ResourceValidationPolicy | StackValidationPolicy,
    urn: string | undefined,
    body: (report: (m: string, u?: string) => void) => unknown,
  ) => {
    const { enforcementLevel } = config.get(p.name)!;
    const level = enforcementLevel === "remediate" ? "mandatory" : enforcementLevel;
    const report = (message: string, u?: string) =>
      violations.push({
        policyName: p.name,
        enforcementLevel: level,
        severity: p.severity,
        message: message ? `${p.description}\n${message}` : p.description,
        urn: urn ?? u,
      });
    try {
      await body(report);
    } catch (e) {
      if (e instanceof NotApplicable) return;
      if (!(e instanceof UnknownValueError))
        throw new Error(`Error validating ${urn ?? "the stack"} with policy '${p.name}': ${(e as Error).message}`, { cause: e });
      violations.push({
        policyName: p.name,
        enforcementLevel: "advisory",
        severity: p.severity,
        message: `can't run policy '${p.name}' during preview: ${(e as Error).message}`,
        urn,
      });
    }
  };

  const provider = (r: AnalyzedResource) => {
    const found = r.provider ? byUrn.get(r.provider) : undefined;
    return found ? { type: found.type, urn: found.urn, name: found.name, props: unknownCheckingProxy(found.props) as Record<string, any> } : undefined;
  };

  for (const p of policies) {
    if (config.get(p.name)!.enforcementLevel === "disabled") continue;
    if ("validateResource" in p && p.validateResource) {
      const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
      for (const r of resources) {
        for (const validate of validations) {
          const typed = (validate as { __pulumiType?: string }).__pulumiType;
          if (typed && typed !== r.type) continue;
          const props = unknownCheckingProxy(plainCopy(r.props)) as Record<string, any>;
          const prov = provider(r);
          const args: ResourceValidationArgs = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: optionsOf(r),
            stackTags,
            isType: (cls) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
            getConfig: <T extends object>() => config.get(p.name)!.properties as T,
            notApplicable,
            ...(prov ? { provider: prov } : {}),
          };
          await run(p, r.urn, (report) => validate(args, report));
        }
      }
    }
    if ("validateStack" in p && p.validateStack) {
      const validateStack = p.validateStack;
      await run(p, undefined, (report) =>
        validateStack(
          { resources: stackResources(resources, provider), stackTags, getConfig: <T extends object>() => config.get(p.name)!.properties as T, notApplicable },
          report,
        ),
      );
    }
  }
  return violations;
}

/** Stack resources with parent, dependencies and property dependencies linked as objects. */
function stackResources(resources: AnalyzedResource[], provider: (r: AnalyzedResource) => PolicyResource["provider"]): PolicyResource[] {
  const made = new Map<string, PolicyResource>();
  for (const r of resources) {
    const props = unknownCheckingProxy(plainCopy(r.props)) as Record<string, any>;
    const prov = provider(r);
    made.set(r.urn, {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => isTypeOf(r.type, cls),
      asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
      ...(prov ? { provider: prov } : {}),
    });
  }
  const link = (urns: string[]) => urns.map((u) => made.get(u)).filter((x): x is PolicyResource => x !== undefined);
  for (const r of resources) {
    const res = made.get(r.urn)!;
    if (r.parent && made.has(r.parent)) res.parent = made.get(r.parent);
    res.dependencies = link(r.dependencies);
    res.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, link(v)]));
  }
  return [...made.values()];
}

/**
 * A deep copy made in this module's realm: the proxy only wraps `instanceof Object` values, and a
 * structuredClone made under jest's vm context would belong to another realm and go unchecked.
 */
function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (value === null || typeof value !== "object") return value;
  // A loop, not fromEntries(entries().map()): every policy copies every resource, so this is hot.
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = plainCopy((value as Record<string, unknown>)[key]);
    if (key === "__proto__") Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
    else copy[key] = v;
  }
  return copy as T;
}

/** Mandatory violations are the ones that block `pulumi up`. */
export const mandatory = (violations: Violation[]) => violations.filter((v) => v.enforcementLevel === "mandatory");

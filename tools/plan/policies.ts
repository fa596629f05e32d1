import { Policies } from "@pulumi/policy";
import { AnalyzedResource, evaluate, PackConfigFile, UnknownSentinel } from "../../policies/evaluate";
import { compareText, RecordedResource } from "./record";
import { Unknown } from "./values";

/** A policy pack to run: what `policies/pack.ts` exports, and the stack's `--policy-pack-config`. */
export interface PolicyPackRun {
  packName: string;
  policies: Policies;
  config: PackConfigFile;
}

/** One policy result, as `pulumi preview --json` lists it under `diagnostics`. */
export interface PolicyDiagnostic {
  policyName: string;
  policyPackName: string;
  enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
  urn?: string;
  message: string;
  severity: "error" | "warning";
}

/** "[unknown]" back to the engine's sentinel, so that `unknownCheckingProxy` detects the read. */
function engineValue(value: unknown): unknown {
  if (value === Unknown) return UnknownSentinel;
  if (Array.isArray(value)) return value.map(engineValue);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, engineValue(v)]));
  return value;
}

/** Recorded resources as the engine hands them to the analyzer (secrets stay "[secret]": all we have). */
export function analyzed(resources: RecordedResource[]): AnalyzedResource[] {
  return resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    props: engineValue(r.inputs) as Record<string, unknown>,
    protect: r.protect,
    ...(r.parent ? { parent: r.parent } : {}),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ...(r.provider ? { provider: r.provider } : {}),
  }));
}

/**
 * Every resource and stack policy of the pack over the planned resources, through the same
 * evaluator the policy tests use (policies/evaluate.ts: the server's argument shapes, the
 * unknownCheckingProxy, "can't run during preview" as advisory). Throws on an invalid pack config.
 */
export async function runPolicies(resources: RecordedResource[], pack: PolicyPackRun): Promise<PolicyDiagnostic[]> {
  const violations = await evaluate(pack.policies, analyzed(resources), { config: pack.config });
  return violations
    .map((v) => ({
      policyName: v.policyName,
      policyPackName: pack.packName,
      enforcementLevel: v.enforcementLevel,
      ...(v.urn ? { urn: v.urn } : {}),
      message: v.message,
      severity: v.enforcementLevel === "mandatory" ? ("error" as const) : ("warning" as const),
    }))
    .sort((a, b) => compareText(a.urn ?? "", b.urn ?? "") || compareText(a.policyName, b.policyName) || compareText(a.message, b.message));
}

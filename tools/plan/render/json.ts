import { PropertyChange, Step } from "../diff";
import { blocked } from "../guard";
import { Plan } from "../plan";
import { RecordedResource } from "../record";
import { stableJson } from "../stableJson";
import { Gate, verdictOf } from "./summary";

/** `newState`/`oldState` as `pulumi preview --json` prints them (plus the options the plan records). */
function state(r: RecordedResource) {
  return {
    urn: r.urn,
    type: r.type,
    custom: r.custom,
    inputs: r.inputs,
    ...(r.parent ? { parent: r.parent } : {}),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ...(r.provider ? { provider: r.provider } : {}),
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    ...(r.aliases.length ? { aliases: r.aliases } : {}),
  };
}

const kind = (c: PropertyChange) => (c.replace ? `${c.kind}-replace` : c.kind);

function step(s: Step) {
  const changed = s.op === "update" || s.op === "replace";
  return {
    op: s.op,
    urn: s.urn,
    ...((s.new ?? s.old)!.provider ? { provider: (s.new ?? s.old)!.provider } : {}),
    ...(s.new ? { newState: state(s.new) } : {}),
    ...(s.old && s.op !== "same" ? { oldState: state(s.old) } : {}),
    ...(changed
      ? {
          diffReasons: [...new Set(s.changes.filter((c) => c.inputDiff).map((c) => c.path.split(/[.[]/)[0]))],
          ...(s.changes.some((c) => c.replace) ? { replaceReasons: [...new Set(s.changes.filter((c) => c.replace).map((c) => c.path.split(/[.[]/)[0]))] } : {}),
          detailedDiff: Object.fromEntries(s.changes.map((c) => [c.path, { kind: kind(c), inputDiff: c.inputDiff }])),
        }
      : {}),
    ...(s.aliasedFrom ? { aliasedFrom: s.aliasedFrom } : {}),
    ...(s.silentReplacement ? { silentReplacement: s.silentReplacement } : {}),
  };
}

/**
 * One JSON object shaped like `pulumi preview --json --show-sames`: every resource is a step (unchanged
 * ones `same`), policy results in `diagnostics`, counts in `changeSummary`. `plan` adds what the
 * offline plan knows beyond that: the baseline, lossy changes and the exit code.
 */
export function renderJson(plan: Plan, gate: Gate = {}): string {
  const { same, ...changes } = plan.summary;
  return stableJson({
    config: plan.config,
    steps: plan.steps.map(step),
    diagnostics: plan.diagnostics,
    changeSummary: { ...Object.fromEntries(Object.entries(changes).filter(([, n]) => n > 0)), same },
    plan: {
      stack: plan.stack,
      baseline: plan.baseline,
      reviewedStateFresh: plan.fresh,
      policyPack: plan.policyPack ?? null,
      statefulChanges: plan.guard.changes.map((c) => ({ urn: c.step.urn, op: c.step.op, what: c.what, allowedBy: c.allowedBy ?? null })),
      blocked: blocked(plan.guard).map((c) => c.step.urn),
      // The code the command exits with (with --check, a stale reviewed state is 1).
      exitCode: verdictOf(plan, gate).code,
    },
  });
}

import { Step } from "./diff";
import { allows, StatefulTypes } from "./stateful";

/** A step that would delete or replace a stateful resource, and whether someone allowed it. */
export interface LossyChange {
  step: Step;
  /** What is lost, e.g. "Secret Manager secret (all its versions)". */
  what: string;
  /** The allow-list entry that names it; absent means the plan is blocked. */
  allowedBy?: string;
}

export interface Guard {
  changes: LossyChange[];
  /** Entries that named no lossy change: stale allowances to remove after the change is applied. */
  unused: string[];
}

/**
 * "Nothing lost": deletes and replacements of stateful resources, including the delete half of a
 * silent replacement (URN changed without an alias). Each must be allowed by name, one by one.
 */
export function guardStateful(steps: Step[], allowList: readonly string[]): Guard {
  const used = new Set<string>();
  const changes: LossyChange[] = [];
  for (const step of steps) {
    if (step.op !== "delete" && step.op !== "replace") continue;
    const what = StatefulTypes.get(step.type);
    if (!what) continue;
    const newUrn = step.silentReplacement?.newUrn;
    const allowedBy = allows(allowList, step.old!) ?? (newUrn ? allowList.find((e) => e === newUrn) : undefined);
    if (allowedBy) used.add(allowedBy);
    changes.push({ step, what, ...(allowedBy ? { allowedBy } : {}) });
  }
  return { changes, unused: allowList.filter((e) => !used.has(e)) };
}

export const blocked = (guard: Guard): LossyChange[] => guard.changes.filter((c) => !c.allowedBy);

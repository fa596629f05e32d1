import type { PropertyChange, Step } from "./diff";
import { forcesReplacement } from "./forceNew";
import { childPath, pathWithin } from "./paths";
import { Secret, Unknown } from "./values";

/**
 * What a replacement makes change further down. A replaced resource gets new outputs (a new id, a new
 * secret version, a new password), which a preview knows only as unknown: every input that reads one
 * changes, as the engine shows it, and replaces its resource where the provider replaces on that
 * input. Offline the reader's input was `[unknown]` or `[secret]` already on both sides, so the plain
 * diff says `same`; this adds the change the engine will see. A value known offline (a name passed on
 * from the program) does not change with a replacement and is not touched.
 *
 * Which inputs read what comes from the registration: `propertyDependencies` per input, and for the
 * resources read by an invoke (a Secret Manager version read with `dependsOn`), plain `dependencies`.
 */
const ReadThroughInvokes = new Set(["gcp:secretmanager/secretVersion:SecretVersion"]);

export function propagateReplacements(steps: Step[]): void {
  const byUrn = new Map(steps.map((s) => [s.urn, s]));
  const replaced = (urn: string) => {
    const s = byUrn.get(urn);
    return s !== undefined && (s.op === "replace" || (s.op === "create" && s.silentReplacement !== undefined));
  };
  // Each pass settles the readers of what the previous pass replaced (version → service).
  for (let changed = true; changed;) {
    changed = false;
    for (const step of steps) {
      if ((step.op !== "same" && step.op !== "update") || !step.new || !step.old) continue;
      const added = readerChanges(step, replaced, byUrn);
      if (added.length === 0) continue;
      step.changes.push(...added);
      step.op = step.changes.some((c) => c.replace) ? "replace" : "update";
      // Only a replacement has new outputs for others to read.
      if (step.op === "replace") changed = true;
    }
  }
}

function readerChanges(step: Step, replaced: (urn: string) => boolean, byUrn: Map<string, Step>): PropertyChange[] {
  const r = step.new!;
  const known = new Set(step.changes.flatMap((c) => c.via ?? []));
  const byInput = new Map<string, string[]>();
  for (const [input, urns] of Object.entries(r.propertyDependencies)) {
    const causes = urns.filter((u) => replaced(u) && !known.has(u));
    if (causes.length) byInput.set(input, causes);
  }
  const viaInputs = new Set(Object.values(r.propertyDependencies).flat());
  const invoked = r.dependencies.filter((u) => !viaInputs.has(u) && !known.has(u) && replaced(u) && ReadThroughInvokes.has(byUrn.get(u)!.type));
  // An invoke's result lands in whichever inputs hold values unknown offline.
  if (invoked.length) for (const input of Object.keys(r.inputs)) byInput.set(input, [...(byInput.get(input) ?? []), ...invoked]);

  const changes: PropertyChange[] = [];
  for (const [input, via] of [...byInput].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const opaque = opaqueLeaves(r.inputs[input], input).filter((p) => !r.ignoreChanges.some((e) => pathWithin(p, e)));
    if (opaque.length === 0) continue;
    const byProgram = opaque.some((p) => r.replaceOnChanges.some((e) => pathWithin(p, e)));
    const byProvider = opaque.some((p) => forcesReplacement(r.type, p));
    const value = r.inputs[input];
    changes.push({
      path: input,
      kind: "update",
      old: value,
      new: value,
      inputDiff: true,
      via: [...new Set(via)].sort(),
      ...(byProgram ? { replace: true, replaceBy: "replaceOnChanges" as const } : byProvider ? { replace: true, replaceBy: "provider" as const } : {}),
    });
  }
  return changes;
}

/** The paths under `value` whose value a preview cannot see: `[unknown]` and `[secret]`. */
function opaqueLeaves(value: unknown, path: string): string[] {
  if (value === Unknown || value === Secret) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => opaqueLeaves(v, childPath(path, i)));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => opaqueLeaves(v, childPath(path, k)));
  return [];
}

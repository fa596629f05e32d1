import { Op, PropertyChange, Step } from "../diff";

/** A value on one line, cut at `max` characters (values are already redacted: secrets are "[secret]"). */
export function formatValue(value: unknown, max = 120): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const Marker: Record<Op, string> = { same: " ", create: "+", update: "~", replace: "+-", delete: "-" };

/** `~ template.containers[0].image: "a" => "b"`, as `pulumi preview --diff` prints a change. */
export function formatChange(c: PropertyChange): string {
  const mark = c.replace ? "+-" : c.kind === "add" ? "+" : c.kind === "delete" ? "-" : "~";
  const value = c.kind === "add" ? formatValue(c.new) : c.kind === "delete" ? formatValue(c.old) : `${formatValue(c.old, 60)} => ${formatValue(c.new, 60)}`;
  return `${mark} ${c.path}: ${value}${c.replace ? (c.replaceBy === "provider" ? " (the provider replaces on this)" : " (replaceOnChanges)") : ""}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Why a step is more than its op: how it came to be, what it loses. */
export function stepNotes(step: Step, loss?: { what: string; allowedBy?: string }): string[] {
  const notes: string[] = [];
  if (step.aliasedFrom) notes.push(`renamed from ${step.aliasedFrom} (aliased: kept, not replaced)`);
  if (step.silentReplacement) {
    notes.push(
      step.op === "delete"
        ? `URN changed without an alias: replaced by ${step.silentReplacement.newUrn}`
        : `URN changed without an alias: replaces ${step.silentReplacement.oldUrn}`,
    );
  }
  if (loss) notes.push(loss.allowedBy ? `loses data: ${loss.what}; allowed by "${loss.allowedBy}"` : `BLOCKED: loses data: ${loss.what}; allow it with --allow-replace "${step.type}::${step.name}" or platform:allowReplace`);
  return notes;
}

import { Op, PropertyChange, Step } from "../diff";
import { changedPart } from "./changedPart";

/** A value on one line as JSON, cut at `max` characters (values are already redacted: secrets are "[secret]"). */
export function formatValue(value: unknown, max = Infinity): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const Marker: Record<Op, string> = { same: " ", create: "+", update: "~", replace: "+-", delete: "-" };

/** Past this, `old => new` goes on two lines, old under new, so the difference lines up (a caller whose lines do not wrap, a markdown code block, also limits the whole line). */
const OneLine = 100;

/**
 * One change as lines: `~ template.scaling.maxInstanceCount: 10 => 12`, as `pulumi preview --diff`
 * prints it. Values are whole; a long string shows the part that differs with some context around it
 * (a digest, a URL), on two lines (`- old`, `+ new`); a string holding a JSON object (a container's
 * env label) lists the keys that changed. `first` is the change's own line; `more` go under it.
 */
export function changeLines(c: PropertyChange, nameOf: (urn: string) => string = lastName, maxLine = Infinity): { first: string; more: string[] } {
  const mark = c.replace ? "+-" : c.kind === "add" ? "+" : c.kind === "delete" ? "-" : "~";
  const notes = [c.replace ? (c.replaceBy === "provider" ? "(the provider replaces on this)" : "(replaceOnChanges)") : "", c.label ? `(${c.label})` : ""]
    .filter(Boolean)
    .join(" ");
  const tail = notes ? ` ${notes}` : "";
  if (c.via)
    return {
      first: `${mark} ${c.path}: known after apply: reads ${c.via.map(nameOf).join(", ")}, which ${c.via.length === 1 ? "is" : "are"} replaced${tail}`,
      more: [],
    };
  if (c.label === "order") return { first: `${mark} ${c.path}: order ${formatValue(c.old)} => ${formatValue(c.new)}`, more: [] };
  const members = c.inputDiff ? undefined : memberChanges(c.old, c.new, nameOf);
  if (members) {
    const line = `${mark} ${c.path}: ${members.join(", ")}`;
    return line.length <= maxLine || members.length < 2 ? { first: line, more: [] } : { first: `${mark} ${c.path}:`, more: members };
  }
  if (c.kind === "add") return { first: `${mark} ${c.path}: ${formatValue(c.new)}${tail}`, more: [] };
  if (c.kind === "delete") return { first: `${mark} ${c.path}: ${formatValue(c.old)}${tail}`, more: [] };
  const keys = jsonKeyChanges(c.old, c.new);
  if (keys) return { first: `${mark} ${c.path}: {…}${tail}`, more: keys };
  const [before, after] =
    typeof c.old === "string" && typeof c.new === "string" ? changedPart(c.old, c.new).map((s) => JSON.stringify(s)) : [formatValue(c.old), formatValue(c.new)];
  const oneLine = `${mark} ${c.path}: ${before} => ${after}${tail}`;
  if (before.length + after.length <= OneLine && oneLine.length <= maxLine) return { first: oneLine, more: [] };
  return { first: `${mark} ${c.path}:${tail}`, more: [`- ${before}`, `+ ${after}`] };
}

/** Two lists of URNs or names (an option such as `dependencies`), as what was added and removed. */
function memberChanges(a: unknown, b: unknown, nameOf: (urn: string) => string): string[] | undefined {
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((e) => typeof e === "string");
  if (!strings(a) || !strings(b)) return undefined;
  const name = (e: string) => (e.startsWith("urn:") ? nameOf(e) : e);
  const parts = [...b.filter((e) => !a.includes(e)).map((e) => `+ ${name(e)}`), ...a.filter((e) => !b.includes(e)).map((e) => `- ${name(e)}`)];
  return parts.length ? parts : ["order changed"];
}

/** A string that holds a JSON object on both sides, as the keys that differ; undefined otherwise. */
function jsonKeyChanges(a: unknown, b: unknown): string[] | undefined {
  const parse = (v: unknown) => {
    if (typeof v !== "string" || !v.startsWith("{")) return undefined;
    try {
      const o = JSON.parse(v);
      return o && typeof o === "object" && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return undefined;
  const lines: string[] = [];
  for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
    if (!(key in x)) lines.push(`+ ${key}: ${formatValue(y[key])}`);
    else if (!(key in y)) lines.push(`- ${key}: ${formatValue(x[key])}`);
    else if (JSON.stringify(x[key]) !== JSON.stringify(y[key])) lines.push(`~ ${key}: ${formatValue(x[key])} => ${formatValue(y[key])}`);
  }
  return lines;
}

/** `urn:…::JWT_SECRET-version` → `JWT_SECRET-version`. */
export const lastName = (urn: string): string => urn.split("::").pop() ?? urn;

/** The one-line form, for callers that print a change on one line. */
export function formatChange(c: PropertyChange): string {
  const { first, more } = changeLines(c);
  return [first, ...more.map((l) => `    ${l}`)].join("\n");
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
  if (loss)
    notes.push(
      loss.allowedBy
        ? `loses data: ${loss.what}; allowed by "${loss.allowedBy}"`
        : `BLOCKED: loses data: ${loss.what}; allow it with --allow-replace "${step.type}::${step.name}" or platform:allowReplace`,
    );
  return notes;
}

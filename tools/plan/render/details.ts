import { Step } from "../diff";
import { LossyChange } from "../guard";
import { actionOf } from "../impact/action";
import { consequencesOf } from "../impact/consequences";
import { ChangeGraph, changeGraph } from "../impact/graph";
import { kindOf, subjectOf } from "../impact/kinds";
import type { Plan } from "../plan";
import { childPath } from "../paths";
import { changeLines, formatValue, lastName, Marker, plural, stepNotes } from "./format";

/** How many settings of a new resource are listed before the rest is only counted (--json has all). */
const MaxSettings = 24;
/** What a GitHub comment's code block shows without scrolling sideways (about 90 monospace characters). */
const CodeBlockWidth = 88;
/** A setting whose JSON fits this is one line; a longer object is listed by its fields. */
const SettingWidth = 72;

export function lossByUrn(plan: Plan): Map<string, LossyChange> {
  return new Map(plan.guard.changes.map((c) => [c.step.urn, c]));
}

/**
 * `text`: for the terminal and `ops` (header, then everything indented under it). `diff`: for a
 * ```diff block in markdown, where a line's first character colours it: the header is a `@@` hunk
 * line and old/new values start at column 0, so GitHub shows them red and green.
 */
export type DetailStyle = "text" | "diff";

/**
 * Each changed resource: what the provider does, what it means (runbooks), what rolls because of it,
 * then its changes with property paths and whole values; a new resource with its settings.
 */
export function detailLines(plan: Plan, style: DetailStyle = "text"): string[] {
  const loss = lossByUrn(plan);
  const graph = changeGraph(plan.steps);
  const lines: string[] = [];
  // A resource an alias carried over to a new URN is listed even when nothing else changed: the state renames it.
  for (const s of plan.steps) if (s.op !== "same" || s.aliasedFrom) lines.push(...stepLines(s, graph, loss.get(s.urn), style));
  return lines;
}

function stepLines(s: Step, graph: ChangeGraph, loss: LossyChange | undefined, style: DetailStyle): string[] {
  const header = `${Marker[s.op]} ${s.type} ${s.name} (${s.op})`;
  const ind = "    ";
  const out: string[] = [];
  if (style === "text") {
    out.push(header, `${ind}${s.urn}`, `${ind}=> ${actionOf(s)}`);
    for (const c of consequencesOf(s)) out.push(`${ind}!! ${c}`);
    const rolls = graph.rolls.get(s.urn) ?? [];
    if (rolls.length) out.push(`${ind}rolls: ${rolls.map((r) => `${subjectOf((r.new ?? r.old)!)} (${kindOf(r.type)}, ${r.op})`).join(", ")}`);
  } else out.push(`@@ ${header} @@`); // The words (what happens, what rolls) are in the list above the block.
  for (const note of stepNotes(s, loss)) out.push(`${ind}${note.startsWith("BLOCKED") ? "!! " : ""}${note}`);
  for (const c of s.changes) {
    const { first, more } = changeLines(c, lastName, style === "diff" ? CodeBlockWidth : Infinity);
    if (style === "text") out.push(`${ind}${first}`, ...more.map((l) => `${ind}    ${l}`));
    // Only what is added or removed starts at column 0 (green, red); the rest is indented, uncoloured.
    else
      out.push(c.kind === "update" || c.replace ? `  ${first}` : first, ...more.map((l) => (/^[-+] /.test(l) ? `${l[0]}     ${l.slice(2)}` : `        ${l}`)));
  }
  if (s.op === "create") {
    const settings = settingLines(s.new!.inputs, "");
    const shown = settings.slice(0, MaxSettings);
    out.push(...shown.map((l) => (style === "text" ? `${ind}${l}` : l)));
    if (settings.length > shown.length) out.push(`${ind}… ${plural(settings.length - shown.length, "more setting")} (--json shows all)`);
  }
  return out;
}

/** A new resource's inputs as `+ path: value` lines, small objects whole, larger ones by field. */
function settingLines(value: unknown, path: string): string[] {
  const text = formatValue(value);
  const nested = value !== null && typeof value === "object" && Object.keys(value).length > 0;
  if (path && (!nested || text.length <= SettingWidth)) return [`+ ${path}: ${text}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => settingLines(v, childPath(path, i)));
  if (nested) return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => settingLines(v, childPath(path, k)));
  return [];
}

import { Step } from "../diff";
import { actionOf } from "../impact/action";
import { consequencesOf } from "../impact/consequences";
import { ChangeGraph, changeGraph } from "../impact/graph";
import { kindOf, subjectOf } from "../impact/kinds";
import type { Plan } from "../plan";
import { lossByUrn } from "./details";
import { Marker } from "./format";
import { MaxNodes, mermaidGraph } from "./mermaid";
import { stepPhrases, tidy } from "./phrases";
import { code, prose } from "./markdownText";

/** Resources listed before the rest is only counted (the details have them all). */
const MaxChanges = 20;

/** Each changed resource in a line of words, roots first, and the graph of what rolls. */
export function whatChanges(plan: Plan): string[] {
  const graph = changeGraph(plan.steps, { cloudOnly: true });
  if (graph.changed.length === 0) return [];
  const loss = lossByUrn(plan);
  const ordered = byDepth(graph);
  const lines = ["**What changes**", ""];
  for (const s of ordered.slice(0, MaxChanges)) {
    const r = (s.new ?? s.old)!;
    const phrases = s.op === "update" || s.op === "replace" ? tidy(stepPhrases(s).filter((p) => p !== "updated" && p !== "replaced")) : [];
    const what = phrases.length ? `: ${prose(phrases.slice(0, 4).join(", "))}${phrases.length > 4 ? ", …" : ""}` : "";
    lines.push(`- \`${Marker[s.op]}\` **${prose(subjectOf(r))}** (${kindOf(s.type)})${what} — ${prose(actionOf(s))}`);
    const l = loss.get(s.urn);
    if (l && !l.allowedBy) lines.push(`  - ⛔ **BLOCKED**: loses data: ${prose(l.what)}`);
    else if (l) lines.push(`  - loses data: ${prose(l.what)}; allowed by ${code(l.allowedBy!)}`);
    for (const c of consequencesOf(s)) lines.push(`  - ⚠️ ${prose(c)}`);
    const causes = bySubject(graph.causes.get(s.urn) ?? []);
    if (causes.length) lines.push(`  - because of ${causes.map(([subject, kinds]) => `${prose(subject)} (${kinds.join(", ")})`).join(", ")}`);
  }
  if (ordered.length > MaxChanges) lines.push(`- … and ${ordered.length - MaxChanges} more (in the details below)`);
  lines.push("");
  const picture = mermaidGraph(plan);
  if (picture) lines.push(picture, "");
  else if (graph.changed.length > MaxNodes) lines.push(`_No picture: ${graph.changed.length} resources change (more than ${MaxNodes})._`, "");
  return lines;
}

/** `JWT_SECRET (secret version, replace), JWT_SECRET (Secret Manager secret, update)` → one subject, its kinds. */
function bySubject(steps: Step[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const s of steps) {
    const subject = subjectOf((s.new ?? s.old)!);
    groups.set(subject, [...(groups.get(subject) ?? []), `${kindOf(s.type)} ${s.op}d`]);
  }
  return [...groups];
}

/** Roots first, then what they roll, then what that rolls; by URN within a depth. */
function byDepth(graph: ChangeGraph): Step[] {
  const depth = new Map<string, number>();
  const of = (s: Step, seen = new Set<string>()): number => {
    if (depth.has(s.urn)) return depth.get(s.urn)!;
    if (seen.has(s.urn)) return 0;
    seen.add(s.urn);
    const d = Math.max(-1, ...(graph.causes.get(s.urn) ?? []).map((c) => of(c, seen))) + 1;
    depth.set(s.urn, d);
    return d;
  };
  return [...graph.changed].sort((a, b) => of(a) - of(b));
}

import { Op, Step } from "../diff";
import { changeGraph } from "../impact/graph";
import { kindOf, subjectOf } from "../impact/kinds";
import type { Plan } from "../plan";
import { lossByUrn } from "./details";

/** More boxes than this is no longer a small picture: the list above says it better. */
export const MaxNodes = 24;

const Style: Record<Exclude<Op, "same">, string> = {
  create: "fill:#dafbe1,stroke:#1a7f37,color:#0b3d1a",
  update: "fill:#fff8c5,stroke:#9a6700,color:#3d2a00",
  replace: "fill:#ffe7d1,stroke:#bc4c00,color:#4a1d00",
  delete: "fill:#ffebe9,stroke:#cf222e,color:#5c0a0f",
};

/** Mermaid reads `"` and `<>` in a label as its own syntax. */
const label = (text: string) => text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");

/**
 * The changed resources as boxes (what each is, what happens to it) and an arrow to each changed
 * resource that reads or waits for it; boxes of one subject (a secret's value, version and access)
 * are framed together under its name. GitHub renders a ```mermaid block as a diagram. Undefined
 * for fewer than two resources (the list says it all) or too many to draw.
 */
export function mermaidGraph(plan: Plan): string | undefined {
  const graph = changeGraph(plan.steps, { cloudOnly: true });
  if (graph.changed.length < 2 || graph.changed.length > MaxNodes) return undefined;
  const ids = new Map(graph.changed.map((s, i) => [s.urn, `n${i}`]));
  const loss = lossByUrn(plan);
  const groups = new Map<string, Step[]>();
  for (const s of graph.changed) {
    const subject = subjectOf((s.new ?? s.old)!);
    groups.set(subject, [...(groups.get(subject) ?? []), s]);
  }
  const node = (s: Step, named: boolean) => {
    const blocked = loss.get(s.urn) !== undefined && !loss.get(s.urn)!.allowedBy;
    const title = named ? `<b>${label(subjectOf((s.new ?? s.old)!))}</b><br/>` : "";
    return `${ids.get(s.urn)}["${title}${label(kindOf(s.type))}<br/>${blocked ? "BLOCKED: " : ""}${s.op}"]:::${blocked ? "blocked" : s.op}`;
  };
  const lines = ["flowchart LR"];
  [...groups].forEach(([subject, steps], i) => {
    if (steps.length === 1) lines.push(`  ${node(steps[0], true)}`);
    else lines.push(`  subgraph g${i}["${label(subject)}"]`, ...steps.map((s) => `    ${node(s, false)}`), "  end");
  });
  for (const s of graph.changed) for (const c of graph.causes.get(s.urn) ?? []) lines.push(`  ${ids.get(c.urn)} --> ${ids.get(s.urn)}`);
  for (const [op, style] of Object.entries(Style)) lines.push(`  classDef ${op} ${style}`);
  lines.push("  classDef blocked fill:#ffebe9,stroke:#cf222e,stroke-width:3px,color:#5c0a0f");
  return ["```mermaid", ...lines, "```"].join("\n");
}

import { keyPath } from "../../stacks/validate/issues";
import { isPolicyDiagnostic, Plan, PlanDiagnostic } from "../plan/plan";
import { PolicyDiagnostic } from "../plan/policies";
import { formatValue } from "../plan/render/format";
import { detailLines } from "../plan/render/tree";
import { headline } from "../plan/render/headline";
import { changeLine, verdictLine } from "../plan/render/summary";
import { EditPlan } from "./planEdit";
import { RunbookRef } from "./procedure";
import { KeyChange } from "./yamlEdit";

/** `replaces runbook 001 §"Common Fixes › Scale Service": gcloud run services update ...` */
export function runbookLines(refs: RunbookRef[]): string[] {
  const seen = new Set<string>();
  return refs.map((r) => `  replaces runbook ${r.runbook} §"${r.section}": ${r.command}`).filter((line) => !seen.has(line) && seen.add(line));
}

/** `~ platform:cloudRun.mixillo-backend.minInstances: 0 → 5` */
export function keyChangeLines(changes: KeyChange[]): string[] {
  return changes.map((c) => {
    const key = keyPath(c.path);
    // Full values: this is the stack file's own diff.
    if (c.new === undefined) return `  - ${key} (was ${formatValue(c.old, Infinity)})`;
    if (c.old === undefined) return `  + ${key}: ${formatValue(c.new, Infinity)}`;
    return `  ~ ${key}: ${formatValue(c.old, Infinity)} → ${formatValue(c.new, Infinity)}`;
  });
}

/**
 * The plan of the change: its steps with what the provider does, what rolls and the property paths
 * (tools/plan's own rendering), the counts and the change in words,
 * the policy results that concern it (every mandatory one; advisory ones on changed resources only),
 * the plan's own diagnostics, and the verdict.
 */
export function planLines(edit: EditPlan, file: string): string[] {
  const plan: Plan = edit.plan;
  const lines = [`Plan of this change (offline, under mocks; ${file} before the edit vs after it):`];
  if (edit.baselineNote) lines.push(`  (${edit.baselineNote})`);
  const details = detailLines(plan);
  lines.push(...(details.length ? details.map((l) => `  ${l}`) : ["  no resource changes"]));
  lines.push(`  Resources: ${changeLine(plan)}`);
  if (details.length) lines.push(`  In short: ${headline(plan)}`);
  const changed = new Set(plan.steps.filter((s) => s.op !== "same").map((s) => s.urn));
  const results = plan.diagnostics.filter(isPolicyDiagnostic) as PolicyDiagnostic[];
  const relevant = results.filter((d) => d.enforcementLevel === "mandatory" || (d.urn !== undefined && changed.has(d.urn)));
  if (!plan.policyPack) lines.push("  Policies: not run (no policies/pack.ts)");
  else if (relevant.length === 0) lines.push(`  Policies (${plan.policyPack}): no mandatory violation, nothing on the changed resources`);
  else {
    lines.push(`  Policies (${plan.policyPack}):`);
    for (const d of relevant) lines.push(`    [${d.enforcementLevel}] ${d.policyName} ${d.urn ?? "(stack)"}`, `        ${d.message.split("\n")[0]}`);
  }
  const diagnostics = plan.diagnostics.filter((d) => !isPolicyDiagnostic(d)) as PlanDiagnostic[];
  for (const d of diagnostics) lines.push(`  ${d.severity}: ${d.urn ? `${d.urn}: ` : ""}${d.message.split("\n")[0]}`);
  lines.push(`  ${verdictLine(plan)}`);
  return lines;
}

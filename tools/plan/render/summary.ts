import { blocked } from "../guard";
import { isPolicyDiagnostic, Plan } from "../plan";
import { plural } from "./format";

/** Counts of the plan, as `pulumi preview` ends: "+ 2 to create, ~ 1 to update, 118 unchanged". */
export function changeLine(plan: Plan): string {
  const s = plan.summary;
  const parts = [
    s.create && `+ ${s.create} to create`,
    s.update && `~ ${s.update} to update`,
    s.replace && `+- ${s.replace} to replace`,
    s.delete && `- ${s.delete} to delete`,
    `${s.same} unchanged`,
  ].filter(Boolean);
  return parts.join(", ");
}

/** The verdict in one line: what the exit code means for this plan. */
export function verdictLine(plan: Plan): string {
  const errors = plan.diagnostics.filter((d) => !isPolicyDiagnostic(d) && d.severity === "error").length;
  const mandatory = plan.diagnostics.filter((d) => isPolicyDiagnostic(d) && d.enforcementLevel === "mandatory").length;
  const lost = blocked(plan.guard).length;
  const problems = [
    errors && plural(errors, "program error"),
    mandatory && plural(mandatory, "mandatory policy violation"),
    lost && plural(lost, "blocked stateful change"),
  ].filter(Boolean);
  return problems.length ? `exit ${plan.exitCode}: ${problems.join(", ")}` : `exit 0: clean`;
}

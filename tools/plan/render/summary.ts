import { ExitCode } from "../exitCodes";
import { blocked } from "../guard";
import { isPolicyDiagnostic, Plan } from "../plan";
import { plural } from "./format";

/** What the command gates on beyond the plan itself: `--check` also fails a stale plans/<stack>.json. */
export interface Gate {
  check?: boolean;
}

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
  const renamed = plan.steps.filter((step) => step.aliasedFrom).length;
  if (renamed) parts.push(`${renamed} carried over to a new URN by an alias`);
  return parts.join(", ");
}

/** Is the reviewed state stale in a way the gate fails on (a program that failed has no state to compare)? */
export const staleForGate = (plan: Plan, gate: Gate): boolean => Boolean(gate.check) && !plan.fresh && plan.run.errors.length === 0;

/**
 * The exit code and why: the one place that decides it, so that the verdict printed and the code the
 * command exits with cannot disagree.
 */
export function verdictOf(plan: Plan, gate: Gate = {}): { code: ExitCode; problems: string[] } {
  const errors = plan.diagnostics.filter((d) => !isPolicyDiagnostic(d) && d.severity === "error").length;
  const mandatory = plan.diagnostics.filter((d) => isPolicyDiagnostic(d) && d.enforcementLevel === "mandatory").length;
  const lost = blocked(plan.guard).length;
  const stale = staleForGate(plan, gate);
  const problems = [
    errors && plural(errors, "program error"),
    mandatory && plural(mandatory, "mandatory policy violation"),
    lost && plural(lost, "blocked stateful change"),
    stale && `plans/${plan.stack}.json is stale`,
  ].filter((p): p is string => Boolean(p));
  const code = plan.exitCode === ExitCode.Invalid ? ExitCode.Invalid : plan.exitCode === ExitCode.Blocked || stale ? ExitCode.Blocked : ExitCode.Clean;
  return { code, problems };
}

/** The verdict in one line: the exit code and what it means for this plan. */
export function verdictLine(plan: Plan, gate: Gate = {}): string {
  const { code, problems } = verdictOf(plan, gate);
  return problems.length ? `exit ${code}: ${problems.join(", ")}` : `exit ${code}: clean`;
}

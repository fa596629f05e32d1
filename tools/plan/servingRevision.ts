import { Step } from "./diff";
import type { PlanDiagnostic } from "./plan";

/**
 * A change of a Cloud Run service's revision template while its traffic names revisions only (a
 * rollback's pin, a split without the latest revision) rolls a revision that gets 0 % of the traffic
 * (Cloud Run "Rollbacks, gradual rollouts, and traffic migration"). The plan says so, so that a
 * restart, a scale or an image that reaches nothing is not read as done. `ops` refuses such an edit
 * (tools/ops/servingRevision.ts); this catches the ones made by hand.
 */
const CloudRunService = "gcp:cloudrunv2/service:Service";
const Latest = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST";

interface TrafficTarget {
  type?: string;
  revision?: string;
  percent?: number;
}

export function missedServingRevisions(steps: Step[]): PlanDiagnostic[] {
  const warnings: PlanDiagnostic[] = [];
  for (const step of steps) {
    if (step.type !== CloudRunService || (step.op !== "update" && step.op !== "replace")) continue;
    const traffic = (step.new!.inputs.traffics ?? []) as TrafficTarget[];
    if (traffic.some((t) => t.type === Latest)) continue;
    const template = step.changes.filter((c) => c.inputDiff && (c.path === "template" || c.path.startsWith("template.")));
    if (template.length === 0) continue;
    const serving = traffic.map((t) => `${t.revision} (${t.percent} %)`).join(", ");
    warnings.push({
      severity: "warning",
      urn: step.urn,
      message:
        `${step.new!.inputs.name}: traffic stays on ${serving}, so this change of its revision ` +
        `(${template.map((c) => c.path).join(", ")}) rolls a new revision that gets 0 % of the traffic. ` +
        `To serve it, remove traffic.pinRevision (or add latest: true to the split) in the same change.`,
    });
  }
  return warnings;
}

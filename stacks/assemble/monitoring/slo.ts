import * as conditions from "../../../components/monitoring/conditions";
import { RequestSlos } from "../../../components/monitoring/slo";
import { seconds } from "../../validate/rules/monitoring";
import { ServiceContext } from "./context";
import { policy } from "./alerts";

/**
 * Request-based availability and latency SLOs of the service, each with a fast and a slow
 * multi-window burn-rate alert: the long window proves the burn is real, the short one that it is
 * still going (Google SRE workbook, "Alerting on SLOs").
 */
export function requestSlos(ctx: ServiceContext): void {
  const slo = ctx.spec.slo;
  const slis = ctx.workload.requestSlis;
  if (!slo || !slis) return; // the spec allows SLOs only where the workload has request SLIs
  const slos = new RequestSlos(
    `${ctx.name}-slo`,
    {
      project: ctx.workload.project,
      serviceId: slis.serviceId,
      displayName: slis.serviceId,
      requestCountFilter: slis.requestCountFilter,
      latencyFilter: slis.latencyFilter,
      availabilityGoal: slo.availabilityGoal,
      latencyGoal: slo.latencyGoal,
      latencyThresholdMs: slo.latencyThresholdMs,
      rollingDays: slo.rollingDays,
      labels: ctx.labels,
    },
    { provider: ctx.a.gcp },
  );
  for (const [sloKey, sloName] of [
    ["availability", slos.availabilitySlo],
    ["latency", slos.latencySlo],
  ] as const) {
    for (const [speed, key] of [
      ["fast", "fastBurn"],
      ["slow", "slowBurn"],
    ] as const) {
      const burn = slo[key];
      policy(
        ctx,
        `slo-${sloKey}-${speed}-burn`,
        burn,
        ["slo", key],
        slo.runbook,
        `${sloKey} SLO burning ${burn.rate}x its budget (${burn.longWindow} and ${burn.shortWindow})`,
        [
          conditions.sloBurnRate(sloName, `${burn.longWindow} window`, burn.rate, seconds(burn.longWindow)),
          conditions.sloBurnRate(sloName, `${burn.shortWindow} window`, burn.rate, seconds(burn.shortWindow)),
        ],
        { combiner: "AND", dependsOn: [slos] },
      );
    }
  }
}

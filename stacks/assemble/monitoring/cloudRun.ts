import * as conditions from "../../../components/monitoring/conditions";
import { Assembly } from "../context";
import { MonitoringDeps, WatchedWorkload } from "./context";

/** A Cloud Run service: its request metrics, SLIs, and probes of its own URL over HTTPS. */
export function cloudRunWorkload(a: Assembly, deps: MonitoringDeps, serviceName: string, cloudRunService: string): WatchedWorkload {
  const url = deps.cloudRun.get(cloudRunService)!.url; // the spec checked the service is declared
  const revisions = `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${cloudRunService}"`;
  return {
    project: a.spec.gcp.project,
    probe: (_key, probe) => ({
      host: url.apply((u) => new URL(u).host),
      path: probe.path!,
      displayName: `${serviceName} ${probe.path}`,
      label: probe.path!,
      conditionLabel: `${serviceName} ${probe.path}`,
    }),
    condition: (metric, threshold, duration) => {
      switch (metric) {
        case "cloudRun.latencyP95":
          return conditions.cloudRunLatency(cloudRunService, 95, threshold, duration);
        case "cloudRun.latencyP99":
          return conditions.cloudRunLatency(cloudRunService, 99, threshold, duration);
        case "cloudRun.errorRate":
          return conditions.cloudRunErrorRatio(cloudRunService, threshold / 100, duration);
        case "cloudRun.requestRate":
          return conditions.cloudRunRequestRate(cloudRunService, threshold, duration);
      }
      throw new Error(`Cloud Run service ${cloudRunService} has no metric ${metric}`);
    },
    requestSlis: {
      serviceId: cloudRunService,
      requestCountFilter: `${revisions} AND metric.type = "run.googleapis.com/request_count"`,
      latencyFilter: `${revisions} AND metric.type = "run.googleapis.com/request_latencies"`,
    },
  };
}

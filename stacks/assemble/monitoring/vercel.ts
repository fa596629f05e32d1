import * as pulumi from "@pulumi/pulumi";
import { Assembly } from "../context";
import { MonitoringDeps, WatchedWorkload } from "./context";

/**
 * A Vercel project: its request metrics stay in Vercel (docs/monitoring.md), so what Cloud Monitoring sees is its
 * probes, of a health check the project declares or of a path on its production domain.
 */
export function vercelWorkload(a: Assembly, deps: MonitoringDeps, serviceName: string, projectKey: string): WatchedWorkload {
  const project = deps.vercelProjects.get(projectKey)!; // the spec checked the project and its checks
  return {
    project: a.spec.gcp.project,
    probe: (key, probe) => {
      const url =
        probe.healthCheck !== undefined
          ? pulumi.output(project.healthChecks[probe.healthCheck])
          : project.productionUrl.apply((base) => `${base.replace(/\/$/, "")}${probe.path}`);
      const path = probe.healthCheck !== undefined ? new URL(project.healthChecks[probe.healthCheck]).pathname : probe.path!;
      return { host: url.apply((u) => new URL(u).host), path, displayName: `${serviceName} ${path}`, label: path, conditionLabel: `${serviceName} ${key}` };
    },
    condition: (metric) => {
      throw new Error(`Vercel project ${projectKey} has no Cloud Monitoring metric ${metric}`);
    },
  };
}

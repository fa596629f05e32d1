import { Assembly } from "../context";
import { WatchedWorkload } from "./context";

/** A machine outside GCP (a Docker host): Cloud Monitoring sees only its probes. */
export function hostWorkload(a: Assembly, serviceName: string, host: string): WatchedWorkload {
  return {
    project: a.spec.gcp.project,
    probe: (key, probe) => {
      const useSsl = probe.useSsl ?? true;
      const port = probe.port ?? (useSsl ? 443 : 80);
      return {
        host,
        path: probe.path!,
        port,
        useSsl,
        displayName: `${host}:${port}${probe.path}`,
        label: `:${port}${probe.path}`,
        conditionLabel: `${serviceName} ${key}`,
      };
    },
    condition: (metric) => {
      throw new Error(`host ${host} has no Cloud Monitoring metric ${metric}`);
    },
  };
}

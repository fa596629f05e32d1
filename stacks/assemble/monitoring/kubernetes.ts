import * as conditions from "../../../components/monitoring/conditions";
import { Assembly } from "../context";
import { WatchedWorkload } from "./context";

/**
 * A Kubernetes app: GKE's container metrics in the cluster's project, and probes of the public host
 * that serves it.
 */
export function kubernetesWorkload(a: Assembly, appName: string): WatchedWorkload {
  const kubernetes = a.spec.kubernetes!; // the spec checked that the app is declared
  const app = kubernetes.apps[appName];
  const cluster = kubernetes.clusters[app.cluster].gke;
  const workload = { cluster: cluster.name, namespace: app.namespace, container: app.container, deployment: appName };
  return {
    project: cluster.project,
    probe: (_key, probe) => {
      // The probe calls what serves the host: a declared TLS terminator on 443, else the LoadBalancer
      // Service itself, over HTTP on its port (the spec checked it is one). A GKE LoadBalancer Service is
      // a pass-through load balancer (cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer)
      // and the app serves plain HTTP: an HTTPS :443 probe of it (before issue #16) could never pass.
      const target = probe.tlsTerminator ? { port: 443, useSsl: true } : { port: app.service!.port, useSsl: false };
      const url = `${target.useSsl ? "https" : "http"}://${probe.host}:${target.port}${probe.path}`;
      return { host: probe.host!, path: probe.path!, ...target, displayName: url, label: url, conditionLabel: `${probe.host}${probe.path}` };
    },
    condition: (metric, threshold, duration) => {
      if (metric === "kubernetes.cpuLimitUtilization") return conditions.kubernetesLimitUtilization("cpu", workload, threshold / 100, duration);
      if (metric === "kubernetes.memoryLimitUtilization") return conditions.kubernetesLimitUtilization("memory", workload, threshold / 100, duration);
      throw new Error(`Kubernetes app ${appName} has no metric ${metric}`);
    },
  };
}

import * as gcp from "../providers/gcp";
import * as k8s from "../providers/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface GkeClusterRef {
  /** GCP project of the cluster. */
  project: string;
  /** Region (regional cluster) or zone. */
  location: string;
  /** Cluster name, as in `gcloud container clusters list`. */
  name: string;
}

/**
 * The context name `gcloud container clusters get-credentials` writes, so the provider's context and
 * an on-call engineer's `kubectl --context` name the same cluster.
 */
export const gkeContext = (cluster: GkeClusterRef) => `gke_${cluster.project}_${cluster.location}_${cluster.name}`;

/**
 * A kubeconfig holding exactly one GKE cluster. Credentials come from gke-gcloud-auth-plugin, i.e.
 * the same Google credentials as the GCP provider: no token is written into the kubeconfig or state.
 */
export function gkeKubeconfig(cluster: GkeClusterRef, endpoint: pulumi.Input<string>, caCertificate: pulumi.Input<string>): pulumi.Output<string> {
  const context = gkeContext(cluster);
  return pulumi.all([endpoint, caCertificate]).apply(([server, ca]) =>
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: context, cluster: { server: `https://${server}`, "certificate-authority-data": ca } }],
      contexts: [{ name: context, context: { cluster: context, user: context } }],
      "current-context": context,
      users: [
        {
          name: context,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "gke-gcloud-auth-plugin",
              installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
              provideClusterInfo: true,
              interactiveMode: "Never",
            },
          },
        },
      ],
    }),
  );
}

/**
 * An explicit Kubernetes provider for one GKE cluster, read through the given GCP provider. The
 * program never falls back to the machine's ~/.kube/config or its current context: both the
 * kubeconfig and the context are passed.
 */
export function gkeProvider(name: string, cluster: GkeClusterRef, gcpProvider: gcp.Provider, opts?: pulumi.CustomResourceOptions): k8s.Provider {
  const found = gcp.container.getClusterOutput({ project: cluster.project, location: cluster.location, name: cluster.name }, { provider: gcpProvider });
  // Under mocks (and before the cluster exists) the lookup has no endpoint: the kubeconfig still
  // names the cluster, and nothing is contacted.
  const endpoint = found.apply((c) => c?.endpoint ?? "");
  const ca = found.apply((c) => c?.masterAuths?.[0]?.clusterCaCertificate ?? "");
  return new k8s.Provider(
    name,
    {
      kubeconfig: gkeKubeconfig(cluster, endpoint, ca),
      context: gkeContext(cluster),
      // Field ownership per manager: an HPA's replica count is never overwritten by an apply.
      enableServerSideApply: true,
      // An unreachable cluster is an error, never a silent removal from the state.
      deleteUnreachable: false,
    },
    opts,
  );
}

import * as k8s from "../../components/providers/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppSecretArgs, KubernetesApp } from "../../components/kubernetes/app";
import { gkeContext, gkeProvider } from "../../components/kubernetes/gke";
import { NetworkPolicyArgs } from "../../components/kubernetes/networkPolicy";
import { ManagedSecret } from "../../components/secrets/managedSecret";
import { KubernetesAppSpec } from "../validate/rules/kubernetes";
import { Assembly } from "./context";
import { readSecret } from "./secretReads";

/** What an on-call engineer needs to point kubectl at an app. */
export interface KubernetesAppOutputs {
  context: string;
  namespace: string;
  deployment: string;
  serviceAddress: string;
}

/**
 * `platform:kubernetes` → one explicit provider per cluster used, one Namespace per cluster and
 * namespace, and one KubernetesApp per app, its Secret filled from Secret Manager.
 */
export function assembleKubernetes(a: Assembly, secrets: Map<string, ManagedSecret>): Map<string, KubernetesAppOutputs> {
  const outputs = new Map<string, KubernetesAppOutputs>();
  const settings = a.spec.kubernetes;
  if (!settings) return outputs;

  const providers = new Map<string, k8s.Provider>();
  // The provider keeps its name k8s-<cluster>: it is in its URN and in every Kubernetes object's
  // provider reference (renaming it would re-point every object at a new provider).
  const providerFor = (clusterKey: string) => {
    if (!providers.has(clusterKey)) providers.set(clusterKey, gkeProvider(`k8s-${clusterKey}`, settings.clusters[clusterKey].gke, a.gcp));
    return providers.get(clusterKey)!;
  };
  const namespaces = new Map<string, k8s.core.v1.Namespace>();
  const namespaceFor = (clusterKey: string, namespace: string, product: string) => {
    const key = `${clusterKey}-${namespace}`;
    if (!namespaces.has(key)) {
      namespaces.set(
        key,
        new k8s.core.v1.Namespace(
          key,
          {
            metadata: {
              name: namespace,
              labels: {
                ...a.labels(product),
                // Every pod here must meet the "restricted" Pod Security Standard, as the component's do.
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/warn": "restricted",
              },
            },
          },
          // Deleting a namespace deletes everything in it, volumes included.
          { provider: providerFor(clusterKey), protect: a.protectStateful, retainOnDelete: a.protectStateful },
        ),
      );
    }
    return namespaces.get(key)!;
  };

  for (const [appName, app] of Object.entries(settings.apps)) {
    const namespace = namespaceFor(app.cluster, app.namespace, app.product);
    const kubernetesApp = new KubernetesApp(appName, {
      provider: providerFor(app.cluster),
      appName,
      namespace: app.namespace,
      containerName: app.container,
      image: app.image,
      port: app.port,
      healthPath: app.healthPath,
      resources: app.resources,
      replicas: app.autoscaling.enabled
        ? {
            kind: "autoscaled",
            minReplicas: app.autoscaling.minReplicas,
            maxReplicas: app.autoscaling.maxReplicas,
            targetCpuUtilization: app.autoscaling.targetCpuUtilization,
            targetMemoryUtilization: app.autoscaling.targetMemoryUtilization,
          }
        : { kind: "fixed", replicas: app.replicas! }, // the spec requires replicas while autoscaling is off
      minAvailable: app.disruptionBudget?.minAvailable,
      rollout: app.rollout,
      probes: app.probes,
      security: app.security,
      env: app.env,
      secret: app.secret ? appSecret(a, app, secrets) : undefined,
      service: app.service,
      storage: app.storage,
      restartToken: app.restartToken,
      networkPolicy: networkPolicy(app),
      labels: a.labels(app.product),
      partOf: app.product,
      protectStorage: a.protectStateful,
      dependsOn: [namespace],
    });
    outputs.set(appName, {
      context: gkeContext(settings.clusters[app.cluster].gke),
      namespace: app.namespace,
      deployment: appName,
      serviceAddress: kubernetesApp.serviceAddress,
    });
  }
  return outputs;
}

/** The stack file's `networkPolicy` as the component takes it; absent means the component's default. */
function networkPolicy(app: KubernetesAppSpec): NetworkPolicyArgs | false | undefined {
  if (!app.networkPolicy) return undefined;
  if (!app.networkPolicy.enabled) return false;
  return { ingressFrom: app.networkPolicy.ingressFrom, egress: app.networkPolicy.egress };
}

/**
 * The app's Secret: each key read from Secret Manager when `pulumi up` runs, a Pulumi secret
 * throughout. Its revision names each secret with its rotation key (generated or from Atlas) or version
 * (external), so a rotation rolls the pods and the values themselves are never hashed.
 */
function appSecret(a: Assembly, app: KubernetesAppSpec, secrets: Map<string, ManagedSecret>): AppSecretArgs {
  const spec = app.secret!;
  const data: Record<string, pulumi.Output<string>> = {};
  const revision: string[] = [];
  const sources: pulumi.Resource[] = [];
  for (const [key, ref] of Object.entries(spec.data).sort(([x], [y]) => x.localeCompare(y))) {
    const read = readSecret(a, secrets, ref.secret, ref.version);
    data[key] = read.value;
    revision.push(`${key}=${read.revision}`);
    sources.push(...read.sources);
  }
  return { name: spec.name, data, revision: revision.join(","), dependsOn: sources };
}

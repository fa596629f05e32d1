import { asArray } from "./values";

/**
 * Where each workload kind keeps the pod it runs, so a pod rule covers every kind (Checkov's
 * supported kinds for its pod checks: Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet,
 * ReplicationController, Job, CronJob) and not only the Deployments this project happens to make.
 */
export const PodTemplatePaths: Record<string, readonly string[]> = {
  "kubernetes:core/v1:Pod": [],
  "kubernetes:apps/v1:Deployment": ["spec", "template"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template"],
  "kubernetes:core/v1:ReplicationController": ["spec", "template"],
  "kubernetes:batch/v1:Job": ["spec", "template"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template"],
};

export const WorkloadTypes = Object.keys(PodTemplatePaths);

export interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  ports?: { containerPort?: number; hostPort?: number; hostIP?: string }[];
  securityContext?: any;
  [field: string]: any;
}

/** A workload's pod as the kubelet will run it: what the Pod Security Standards judge. */
export interface WorkloadPod {
  /** "Deployment production/merchant-backend", for messages. */
  workload: string;
  namespace: string;
  name: string;
  /** The pod's own metadata (labels, annotations): the template's, or the Pod's. */
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: any;
}

/** The pod a resource runs, or undefined when it runs none (a Service, a Secret, ...). */
export function workloadPod(type: string, props: any, fallbackName: string): WorkloadPod | undefined {
  const path = PodTemplatePaths[type];
  if (!path) return undefined;
  const template = path.reduce((node: any, key) => node?.[key], props);
  const kind = type.slice(type.lastIndexOf(":") + 1);
  const namespace = props?.metadata?.namespace ?? "default";
  const name = props?.metadata?.name ?? fallbackName;
  return { workload: `${kind} ${namespace}/${name}`, namespace, name, metadata: template?.metadata ?? {}, spec: template?.spec ?? {} };
}

/** Init, regular and ephemeral containers: the Pod Security Standards restrict all three. */
export function podContainers(spec: any): Container[] {
  return [...asArray<Container>(spec?.initContainers), ...asArray<Container>(spec?.containers), ...asArray<Container>(spec?.ephemeralContainers)];
}

/** A label selector (matchLabels and matchExpressions) against labels; `{}` selects everything. */
export function selects(selector: any, labels: Record<string, string>): boolean {
  if (!selector || typeof selector !== "object") return false;
  const exact = Object.entries((selector.matchLabels ?? {}) as Record<string, string>).every(([k, v]) => labels[k] === v);
  const expressions = asArray<{ key: string; operator: string; values?: string[] }>(selector.matchExpressions).every((e) => {
    const has = e.key in labels;
    const values = e.values ?? [];
    switch (e.operator) {
      case "In":
        return has && values.includes(labels[e.key]);
      case "NotIn":
        return !has || !values.includes(labels[e.key]);
      case "Exists":
        return has;
      case "DoesNotExist":
        return !has;
      default:
        return false;
    }
  });
  return exact && expressions;
}

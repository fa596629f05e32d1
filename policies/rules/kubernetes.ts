import { Deployment } from "@pulumi/kubernetes/apps/v1";
import { HorizontalPodAutoscaler } from "@pulumi/kubernetes/autoscaling/v2";
import { Service } from "@pulumi/kubernetes/core/v1";
import { PodDisruptionBudget } from "@pulumi/kubernetes/policy/v1";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ofType, resourceRule, RuleInfo, settings, stackRule } from "../lib/policy";
import { imageProblem, requireDigestSchema } from "../lib/images";
import { podContainers, workloadPod } from "../lib/kubernetesPods";
import { asArray, asMap } from "../lib/values";

type Container = { name: string; image?: string; resources?: any; readinessProbe?: unknown; livenessProbe?: unknown; securityContext?: any };

/** Containers and init containers of a Deployment's pod template. */
function containers(spec: any): Container[] {
  const pod = spec?.template?.spec ?? {};
  return [...asArray<Container>(pod.containers), ...asArray<Container>(pod.initContainers)];
}

const deploymentName = (d: any, fallback: string) => `${d.metadata?.namespace ?? "default"}/${d.metadata?.name ?? fallback}`;

const resourcesInfo: RuleInfo = {
  name: "kubernetes-requests-limits",
  description:
    "Every container sets CPU and memory requests and a memory limit (and a CPU limit unless allowed off): Checkov CKV_K8S_10/11/12/13, Polaris cpuRequestsMissing/cpuLimitsMissing/memoryRequestsMissing/memoryLimitsMissing, kube-score container-resources.",
  severity: "medium",
  remediation: "Set `resources.requests.cpu/memory` and `resources.limits.memory` (and `limits.cpu`) for the container in Pulumi.<stack>.yaml.",
  config: { requireCpuLimit: { type: "boolean", default: true, description: "Also require a CPU limit (some teams allow bursting)." } },
};

export const kubernetesRequestsLimits = resourceRule(
  resourcesInfo,
  validateResourceOfType(Deployment, (d, args, report) => {
    const { requireCpuLimit } = settings<{ requireCpuLimit: boolean }>(resourcesInfo, args);
    for (const c of containers(d.spec)) {
      const requests = c.resources?.requests ?? {};
      const limits = c.resources?.limits ?? {};
      const missing = [
        ...["cpu", "memory"].filter((k) => !requests[k]).map((k) => `requests.${k}`),
        ...["memory", ...(requireCpuLimit ? ["cpu"] : [])].filter((k) => !limits[k]).map((k) => `limits.${k}`),
      ];
      if (missing.length) report(`Deployment ${deploymentName(d, args.name)} container "${c.name}" has no ${missing.join(", ")}.`);
    }
  }),
);

const imageInfo: RuleInfo = {
  name: "kubernetes-image-pinned",
  description:
    "The images of every workload kind's pods follow the one image rule of every workload kind (policies/lib/images.ts): a release tag, never untagged, :latest or a moving channel/major tag (Checkov CKV_K8S_14, Polaris tagNotSpecified, kube-score container-image-tag), and a digest where required (Checkov CKV_K8S_43).",
  severity: "high",
  remediation: "Use a release tag (`image: rezapp/merchant-backend:v1.2.4`) or `@sha256:<digest>` for the container image in Pulumi.<stack>.yaml.",
  config: { requireDigest: requireDigestSchema(false) },
};

export const kubernetesImagePinned = resourceRule(imageInfo, (args, report) => {
  const pod = workloadPod(args.type, args.props, args.name);
  if (!pod) return;
  const { requireDigest } = settings<{ requireDigest: boolean }>(imageInfo, args);
  for (const c of podContainers(pod.spec)) {
    const problem = imageProblem(c.image ?? "", requireDigest);
    if (problem) report(`${pod.workload} container "${c.name}": ${problem}.`);
  }
});

const readinessInfo: RuleInfo = {
  name: "kubernetes-readiness-probe",
  description:
    "Every serving container has a readiness probe, so a pod gets traffic only when it can answer (Checkov CKV_K8S_9, Polaris readinessProbeMissing, kube-score pod-probes).",
  severity: "high",
  remediation: "Set the container's health path (`healthPath`) in Pulumi.<stack>.yaml; the component turns it into a readiness probe.",
};

export const kubernetesReadinessProbe = resourceRule(
  readinessInfo,
  validateResourceOfType(Deployment, (d, args, report) => {
    for (const c of asArray<Container>(d.spec?.template?.spec?.containers)) {
      if (!c.readinessProbe) report(`Deployment ${deploymentName(d, args.name)} container "${c.name}" has no readiness probe.`);
    }
  }),
);

const livenessInfo: RuleInfo = {
  name: "kubernetes-liveness-probe",
  description: "Serving containers should have a liveness probe, so a hung process is restarted (Checkov CKV_K8S_8, Polaris livenessProbeMissing).",
  severity: "low",
  remediation: "Add a liveness probe on the health path; keep it more lenient than the readiness probe.",
  enforcementLevel: "advisory",
};

export const kubernetesLivenessProbe = resourceRule(
  livenessInfo,
  validateResourceOfType(Deployment, (d, args, report) => {
    for (const c of asArray<Container>(d.spec?.template?.spec?.containers)) {
      if (!c.livenessProbe) report(`Deployment ${deploymentName(d, args.name)} container "${c.name}" has no liveness probe.`);
    }
  }),
);

const exposureInfo: RuleInfo = {
  name: "kubernetes-service-exposure",
  description: "No Service of type LoadBalancer or NodePort unless it is declared exposed (kube-score service-type).",
  severity: "high",
  remediation:
    "Use type ClusterIP behind the ingress, or add `<namespace>/<name>` to `exposedServices` of this policy in policies/config/<stack>.json after review.",
  config: {
    exposedServices: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Services (namespace/name) allowed to be LoadBalancer or NodePort.",
    },
  },
};

export const kubernetesServiceExposure = resourceRule(
  exposureInfo,
  validateResourceOfType(Service, (s, args, report) => {
    const { exposedServices } = settings<{ exposedServices: string[] }>(exposureInfo, args);
    const type = s.spec?.type ?? "ClusterIP";
    const name = deploymentName(s, args.name);
    if ((type === "LoadBalancer" || type === "NodePort") && !exposedServices.includes(name))
      report(`Service ${name} is of type ${type} but not declared exposed.`);
  }),
);

// ---- Rules that span resources: stack policies over the Deployments, HPAs, PDBs and Services. ----

interface Workload {
  resource: PolicyResource;
  namespace: string;
  name: string;
  podLabels: Record<string, string>;
  replicas: number | undefined;
  hpa?: PolicyResource;
}

const namespaceOf = (r: PolicyResource) => r.props.metadata?.namespace ?? "default";
const nameOf = (r: PolicyResource) => r.props.metadata?.name ?? r.name;

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function hpaTargets(hpa: PolicyResource, w: { namespace: string; name: string }, kind = "Deployment"): boolean {
  const ref = hpa.props.spec?.scaleTargetRef ?? {};
  return namespaceOf(hpa) === w.namespace && ref.kind === kind && ref.name === w.name;
}

function workloads(resources: PolicyResource[]): Workload[] {
  const hpas = ofType(resources, HorizontalPodAutoscaler);
  return ofType(resources, Deployment).map((resource) => {
    const w = { resource, namespace: namespaceOf(resource), name: nameOf(resource) };
    return {
      ...w,
      podLabels: asMap(resource.props.spec?.template?.metadata?.labels),
      replicas: resource.props.spec?.replicas,
      hpa: hpas.find((h) => hpaTargets(h, w)),
    };
  });
}

/** The fewest pods a workload runs: the HPA's minimum, else its replicas (Kubernetes defaults to 1). */
const minPods = (w: Workload): number => (w.hpa ? (w.hpa.props.spec?.minReplicas ?? 1) : (w.replicas ?? 1));

const replicasInfo: RuleInfo = {
  name: "kubernetes-min-replicas",
  description:
    "Every Deployment runs at least the minimum number of pods, its HPA minimum or its replicas (kube-score deployment-replicas and horizontalpodautoscaler-replicas, Polaris deploymentMissingReplicas and hpaMinAvailability).",
  severity: "high",
  remediation: "Raise `minReplicas` (with an HPA) or `replicas` for the Deployment in Pulumi.<stack>.yaml.",
  config: { minReplicas: { type: "integer", minimum: 1, default: 2, description: "Fewest pods a Deployment may run." } },
};

export const kubernetesMinReplicas: StackValidationPolicy = stackRule(replicasInfo, (args, report) => {
  const { minReplicas } = settings<{ minReplicas: number }>(replicasInfo, args);
  for (const w of workloads(args.resources)) {
    const pods = minPods(w);
    if (pods < minReplicas)
      report(
        `Deployment ${w.namespace}/${w.name} may run ${pods} pod(s)${w.hpa ? ` (HPA ${nameOf(w.hpa)} minReplicas)` : ""}; the minimum is ${minReplicas}.`,
        w.resource.urn,
      );
  }
});

/** Whether a PDB still lets a node drain evict a pod of a workload that runs `pods` pods. */
function allowsDisruption(pdb: PolicyResource, pods: number): boolean {
  const { maxUnavailable, minAvailable } = pdb.props.spec ?? {};
  const percent = (v: string) => Number(v.replace("%", ""));
  if (maxUnavailable !== undefined) return typeof maxUnavailable === "string" ? percent(maxUnavailable) > 0 : maxUnavailable > 0;
  if (minAvailable !== undefined) return typeof minAvailable === "string" ? percent(minAvailable) < 100 : minAvailable < pods;
  return false;
}

const pdbInfo: RuleInfo = {
  name: "kubernetes-pdb-for-ha",
  description:
    "Every Deployment with two or more pods has a PodDisruptionBudget that selects its pods and still allows one to be evicted (kube-score deployment-has-poddisruptionbudget, Polaris missingPodDisruptionBudget and pdbDisruptionsIsZero).",
  severity: "medium",
  remediation:
    "Add a PodDisruptionBudget with the Deployment's pod labels as selector and `maxUnavailable: 1` (not minAvailable equal to the replica count, which blocks node drains).",
};

export const kubernetesPdbForHa: StackValidationPolicy = stackRule(pdbInfo, (args, report) => {
  const pdbs = ofType(args.resources, PodDisruptionBudget);
  for (const w of workloads(args.resources)) {
    const pods = minPods(w);
    if (pods < 2) continue;
    const own = pdbs.filter((p) => namespaceOf(p) === w.namespace && matches(asMap(p.props.spec?.selector?.matchLabels), w.podLabels));
    if (!own.length) report(`Deployment ${w.namespace}/${w.name} runs ${pods}+ pods but no PodDisruptionBudget selects them.`, w.resource.urn);
    for (const p of own.filter((p) => !allowsDisruption(p, pods))) {
      report(
        `PodDisruptionBudget ${namespaceOf(p)}/${nameOf(p)} allows no eviction of Deployment ${w.namespace}/${w.name}'s ${pods} pods, so node drains hang.`,
        p.urn,
      );
    }
  }
});

const hpaTargetInfo: RuleInfo = {
  name: "kubernetes-hpa-target-exists",
  description: "Every HorizontalPodAutoscaler scales a workload this stack declares, in its namespace (kube-score horizontalpodautoscaler-has-target).",
  severity: "high",
  remediation: "Point scaleTargetRef at the Deployment's name and namespace (the component does this), or remove the HPA.",
};

export const kubernetesHpaTargetExists: StackValidationPolicy = stackRule(hpaTargetInfo, (args, report) => {
  for (const hpa of ofType(args.resources, HorizontalPodAutoscaler)) {
    const ref = hpa.props.spec?.scaleTargetRef ?? {};
    const found = args.resources.some(
      (r) => r.type.endsWith(`:${ref.kind}`) && r.type.startsWith("kubernetes:") && hpaTargets(hpa, { namespace: namespaceOf(r), name: nameOf(r) }, ref.kind),
    );
    if (!found)
      report(
        `HPA ${namespaceOf(hpa)}/${nameOf(hpa)} targets ${ref.kind} ${ref.name}, which this stack does not declare in namespace ${namespaceOf(hpa)}.`,
        hpa.urn,
      );
  }
});

const hpaReplicasInfo: RuleInfo = {
  name: "kubernetes-hpa-no-static-replicas",
  description:
    "A Deployment scaled by an HPA leaves spec.replicas unset, so `pulumi up` never resets what the HPA decided (kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured; pulumi-kubernetes #2491).",
  severity: "medium",
  remediation: "Remove `replicas` from the Deployment in Pulumi.<stack>.yaml and set `minReplicas`/`maxReplicas` of its autoscaling instead.",
};

export const kubernetesHpaNoStaticReplicas: StackValidationPolicy = stackRule(hpaReplicasInfo, (args, report) => {
  for (const w of workloads(args.resources).filter((w) => w.hpa && w.replicas !== undefined)) {
    report(`Deployment ${w.namespace}/${w.name} sets replicas ${w.replicas} but HPA ${nameOf(w.hpa!)} scales it.`, w.resource.urn);
  }
});

const selectorInfo: RuleInfo = {
  name: "kubernetes-service-selector-matches",
  description: "Every Service's selector matches the pods of a Deployment in its namespace (kube-score service-targets-pod).",
  severity: "high",
  remediation: "Make the Service's selector equal the Deployment's pod template labels (the component derives both from the same labels).",
};

export const kubernetesServiceSelectorMatches: StackValidationPolicy = stackRule(selectorInfo, (args, report) => {
  const all = workloads(args.resources);
  for (const svc of ofType(args.resources, Service)) {
    const selector = asMap(svc.props.spec?.selector);
    // ExternalName Services and selector-less Services (manual Endpoints) select no pods by design.
    if (svc.props.spec?.type === "ExternalName" || Object.keys(selector).length === 0) continue;
    if (!all.some((w) => w.namespace === namespaceOf(svc) && matches(selector, w.podLabels))) {
      report(`Service ${namespaceOf(svc)}/${nameOf(svc)} selects ${JSON.stringify(selector)}, which matches no Deployment's pods in its namespace.`, svc.urn);
    }
  }
});

export const kubernetesPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  kubernetesRequestsLimits,
  kubernetesImagePinned,
  kubernetesReadinessProbe,
  kubernetesLivenessProbe,
  kubernetesServiceExposure,
  kubernetesMinReplicas,
  kubernetesPdbForHa,
  kubernetesHpaTargetExists,
  kubernetesHpaNoStaticReplicas,
  kubernetesServiceSelectorMatches,
];

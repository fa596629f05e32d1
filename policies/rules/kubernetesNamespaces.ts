import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { WorkloadTypes, workloadPod } from "../lib/kubernetesPods";
import { resourceRule, RuleInfo, settings, stackRule } from "../lib/policy";
import { asMap, peek, Unknown } from "../lib/values";

const NamespaceType = "kubernetes:core/v1:Namespace";
const Label = "pod-security.kubernetes.io/enforce";
const VersionLabel = "pod-security.kubernetes.io/enforce-version";
/** Pod Security levels from least to most strict. */
const Levels = ["privileged", "baseline", "restricted"];

const podSecurityInfo: RuleInfo = {
  name: "kubernetes-namespace-pod-security",
  description:
    "Every namespace this stack runs workloads in is declared here and enforces the Pod Security Standards at the required level (`pod-security.kubernetes.io/enforce: restricted`, at the latest version), so one change cannot weaken the label and add a host-namespace pod: Pod Security Admission (https://kubernetes.io/docs/concepts/security/pod-security-admission/), CIS Kubernetes Benchmark v1.10 5.2.1, CIS GKE Benchmark 4.2.1.",
  severity: "critical",
  remediation:
    "Keep the namespace's labels as the assembly sets them (enforce and warn: restricted, no enforce-version or `latest`); a workload whose namespace another team owns goes in `externalNamespaces` of this policy after review.",
  config: {
    level: { type: "string", enum: ["baseline", "restricted"], default: "restricted", description: "The weakest enforce level a namespace may have." },
    externalNamespaces: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Namespaces declared outside this stack whose labels are reviewed there.",
    },
  },
};

export const kubernetesNamespacePodSecurity: StackValidationPolicy = stackRule(podSecurityInfo, (args, report) => {
  const { level, externalNamespaces } = settings<{ level: string; externalNamespaces: string[] }>(podSecurityInfo, args);
  const namespaces = args.resources.filter((r) => r.type === NamespaceType);
  for (const ns of namespaces) {
    const name = ns.props.metadata?.name ?? ns.name;
    const labels = asMap(ns.props.metadata?.labels);
    const enforced = labels[Label];
    if (!enforced) report(`Namespace ${name} enforces no Pod Security level (${Label} is unset, so privileged).`, ns.urn);
    else if (Levels.indexOf(enforced) < Levels.indexOf(level))
      report(`Namespace ${name} enforces Pod Security "${enforced}"; the minimum is "${level}".`, ns.urn);
    const version = labels[VersionLabel];
    // An old version skips the controls added since, such as v1.34's host probes.
    if (version !== undefined && version !== "latest") report(`Namespace ${name} pins the Pod Security version ${version}; use latest.`, ns.urn);
  }
  const declared = new Set(namespaces.map((ns) => ns.props.metadata?.name ?? ns.name));
  for (const r of args.resources.filter((r) => WorkloadTypes.includes(r.type))) {
    const pod = workloadPod(r.type, r.props, r.name)!;
    if (!declared.has(pod.namespace) && !externalNamespaces.includes(pod.namespace)) {
      report(`${pod.workload} runs in namespace ${pod.namespace}, which this stack does not declare, so no one reviews its Pod Security label.`, r.urn);
    }
  }
});

/** Namespaced kinds; a cluster-scoped object (Namespace, ClusterRole, ...) has no namespace to check. */
const NamespacedKinds = [
  ...WorkloadTypes.map((t) => t.slice(t.lastIndexOf(":") + 1)),
  "Service",
  "Secret",
  "ConfigMap",
  "PersistentVolumeClaim",
  "ServiceAccount",
  "Role",
  "RoleBinding",
  "NetworkPolicy",
  "Ingress",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
  "Endpoints",
  "EndpointSlice",
  "LimitRange",
  "ResourceQuota",
];

const defaultInfo: RuleInfo = {
  name: "kubernetes-no-default-namespace",
  description:
    "No namespaced Kubernetes object is created in the `default` namespace (or without one, which means the provider's namespace, else default): Checkov CKV_K8S_21, CIS Kubernetes Benchmark v1.10 5.7.4, CIS GKE Benchmark 4.6.4.",
  severity: "medium",
  remediation: "Give the app its own `namespace` in Pulumi.<stack>.yaml (the assembly declares it, with its Pod Security labels).",
};

export const kubernetesNoDefaultNamespace: ResourceValidationPolicy = resourceRule(defaultInfo, (args, report) => {
  if (!args.type.startsWith("kubernetes:") || !NamespacedKinds.includes(args.type.slice(args.type.lastIndexOf(":") + 1))) return;
  const provider = args.provider ? peek(() => args.provider!.props.namespace as string | undefined) : undefined;
  const namespace = args.props.metadata?.namespace ?? (provider === Unknown ? undefined : provider) ?? "default";
  if (namespace === "default")
    report(`${args.type.slice(args.type.lastIndexOf(":") + 1)} ${args.props.metadata?.name ?? args.name} is in the default namespace.`);
});

export const kubernetesNamespacePolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [kubernetesNamespacePodSecurity, kubernetesNoDefaultNamespace];

import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { selects, WorkloadTypes, workloadPod } from "../lib/kubernetesPods";
import { resourceRule, RuleInfo, settings, stackRule } from "../lib/policy";
import { asArray, asMap } from "../lib/values";

const NetworkPolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const Directions = ["Ingress", "Egress"] as const;

/** The directions a NetworkPolicy restricts: policyTypes, or (unset) Ingress, plus Egress when it has egress rules. */
function directions(spec: any): string[] {
  const types = asArray<string>(spec?.policyTypes);
  if (types.length) return types;
  return ["Ingress", ...(spec?.egress !== undefined ? ["Egress"] : [])];
}

/** A rule with neither peers nor ports lets every connection through: no restriction at all. */
function opensEverything(rule: any, peers: "from" | "to"): boolean {
  return asArray(rule?.[peers]).length === 0 && asArray(rule?.ports).length === 0;
}

const policyInfo: RuleInfo = {
  name: "kubernetes-network-policy",
  description:
    "Every workload's pods are selected by a NetworkPolicy in their namespace that restricts both ingress and egress (deny by default, then only what the app needs), and no such rule lets every connection through: Polaris missingNetworkPolicy, kube-score pod-networkpolicy, Checkov CKV2_K8S_6, CIS Kubernetes Benchmark v1.10 5.3.2, CIS GKE Benchmark 4.3.2.",
  severity: "high",
  remediation:
    "Keep the KubernetesApp component's NetworkPolicy (`networkPolicy` of the app in Pulumi.<stack>.yaml: list the egress the app needs under `egress`), never `enabled: false` in prod; a workload outside the component needs its own NetworkPolicy with policyTypes [Ingress, Egress].",
  config: {
    exemptNamespaces: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Namespaces whose workloads need no NetworkPolicy (after review).",
    },
  },
};

export const kubernetesNetworkPolicy: StackValidationPolicy = stackRule(policyInfo, (args, report) => {
  const { exemptNamespaces } = settings<{ exemptNamespaces: string[] }>(policyInfo, args);
  const policies = args.resources.filter((r) => r.type === NetworkPolicyType);
  for (const r of args.resources.filter((r) => WorkloadTypes.includes(r.type))) {
    const pod = workloadPod(r.type, r.props, r.name)!;
    if (exemptNamespaces.includes(pod.namespace)) continue;
    const labels = asMap(pod.metadata.labels);
    const own = policies.filter((p) => (p.props.metadata?.namespace ?? "default") === pod.namespace && selects(p.props.spec?.podSelector, labels));
    if (!own.length) {
      report(`${pod.workload} is selected by no NetworkPolicy, so it accepts and opens connections to anything.`, r.urn);
      continue;
    }
    const restricted = new Set(own.flatMap((p) => directions(p.props.spec)));
    const missing = Directions.filter((d) => !restricted.has(d));
    if (missing.length) report(`${pod.workload}'s NetworkPolicies restrict no ${missing.join(" or ").toLowerCase()} traffic.`, r.urn);
    for (const p of own) reportOpenRules(p, pod.workload, report);
  }
});

function reportOpenRules(p: PolicyResource, workload: string, report: (m: string, urn?: string) => void) {
  const name = `${p.props.metadata?.namespace ?? "default"}/${p.props.metadata?.name ?? p.name}`;
  if (asArray(p.props.spec?.ingress).some((rule) => opensEverything(rule, "from")))
    report(`NetworkPolicy ${name} lets every connection in to ${workload} (an ingress rule with no from and no ports).`, p.urn);
  if (asArray(p.props.spec?.egress).some((rule) => opensEverything(rule, "to")))
    report(`NetworkPolicy ${name} lets ${workload} connect anywhere (an egress rule with no to and no ports).`, p.urn);
}

const externalIpsInfo: RuleInfo = {
  name: "kubernetes-service-no-external-ips",
  description:
    "No Service sets spec.externalIPs, which lets its author intercept traffic to any address in the cluster (CVE-2020-8554, kubernetes/kubernetes#97076; the DenyServiceExternalIPs admission plugin; Trivy/defsec AVD-KSV-0108; gatekeeper-library general/externalip).",
  severity: "high",
  remediation:
    "Remove `externalIPs` from the Service; expose it with type LoadBalancer (declared in `exposedServices` of kubernetes-service-exposure) or an Ingress instead.",
};

export const kubernetesServiceNoExternalIps: ResourceValidationPolicy = resourceRule(externalIpsInfo, (args, report) => {
  if (args.type !== "kubernetes:core/v1:Service") return;
  const ips = asArray<string>(args.props.spec?.externalIPs);
  if (ips.length)
    report(`Service ${args.props.metadata?.namespace ?? "default"}/${args.props.metadata?.name ?? args.name} sets externalIPs ${ips.join(", ")}.`);
});

export const kubernetesNetworkPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [kubernetesNetworkPolicy, kubernetesServiceNoExternalIps];

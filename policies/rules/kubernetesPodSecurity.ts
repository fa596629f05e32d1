import { ResourceValidationPolicy } from "@pulumi/policy";
import { podContainers, workloadPod } from "../lib/kubernetesPods";
import { podSecurityProblems } from "../lib/podSecurityStandards";
import { resourceRule, RuleInfo, settings } from "../lib/policy";

/**
 * The pods of every workload kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob) against the Pod Security Standards and the pod hardening
 * checks of Checkov, Polaris and kube-score.
 */

const PssPage = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";

const baselineInfo: RuleInfo = {
  name: "kubernetes-pss-baseline",
  description:
    `Every pod meets the Pod Security Standards' baseline profile, all controls (${PssPage}#baseline): HostProcess, host namespaces, privileged, ` +
    "capabilities beyond the default set, hostPath volumes, host ports, host probes/lifecycle hooks, AppArmor, SELinux, /proc mount, seccomp, sysctls. " +
    "Also Checkov CKV_K8S_16/17/18/19/25/26/39, Polaris runAsPrivileged/hostIPCSet/hostPIDSet/hostNetworkSet/hostPortSet/hostPathSet/hostProcess/procMount/dangerousCapabilities, " +
    "kube-score container-security-context-privileged, CIS Kubernetes Benchmark v1.10 5.2.2-5.2.5, 5.2.9, 5.2.11-5.2.13, CIS GKE Benchmark 4.2.1.",
  severity: "critical",
  remediation:
    "Keep the KubernetesApp component's pod spec (no host namespaces, ports or paths, no added capabilities, RuntimeDefault seccomp); a workload that needs one of these needs a reviewed exception, not a namespace with a weaker Pod Security label.",
};

export const kubernetesPssBaseline: ResourceValidationPolicy = resourceRule(baselineInfo, (args, report) => {
  const pod = workloadPod(args.type, args.props, args.name);
  if (!pod) return;
  for (const problem of podSecurityProblems(pod, "baseline")) report(`${pod.workload} violates Pod Security Standards baseline, ${problem}.`);
});

const restrictedInfo: RuleInfo = {
  name: "kubernetes-pss-restricted",
  description:
    `Every pod meets the Pod Security Standards' restricted profile (${PssPage}#restricted): with kubernetes-pss-baseline, all of its controls: volume types, ` +
    "no privilege escalation, runAsNonRoot, no uid 0, a RuntimeDefault or Localhost seccomp profile, drop ALL capabilities and add only NET_BIND_SERVICE. " +
    "Also Checkov CKV_K8S_20/23/28/31/37, Polaris privilegeEscalationAllowed/runAsRootAllowed/insecureCapabilities, kube-score container-security-context-user-group-id " +
    "and container-seccomp-profile, CIS Kubernetes Benchmark v1.10 5.2.6-5.2.8, 5.2.10 and 5.7.2, CIS GKE Benchmark 4.2.1 and 4.6.2.",
  severity: "critical",
  remediation:
    "Keep the component's security context: runAsNonRoot with a non-zero uid, allowPrivilegeEscalation false, capabilities drop [ALL], seccompProfile RuntimeDefault, and only configMap, secret, emptyDir, projected, downwardAPI, PVC, CSI, ephemeral or image volumes (fix the image to run as a non-root user).",
};

export const kubernetesPssRestricted: ResourceValidationPolicy = resourceRule(restrictedInfo, (args, report) => {
  const pod = workloadPod(args.type, args.props, args.name);
  if (!pod) return;
  for (const problem of podSecurityProblems(pod, "restricted")) report(`${pod.workload} violates Pod Security Standards restricted, ${problem}.`);
});

const readOnlyInfo: RuleInfo = {
  name: "kubernetes-read-only-root-fs",
  description:
    "Containers have a read-only root filesystem; writable paths are explicit volumes (Checkov CKV_K8S_22, Polaris notReadOnlyRootFilesystem, kube-score container-security-context-readonlyrootfilesystem).",
  severity: "medium",
  remediation: "Keep readOnlyRootFilesystem: true and mount an emptyDir for paths the app writes (/tmp).",
};

export const kubernetesReadOnlyRootFs: ResourceValidationPolicy = resourceRule(readOnlyInfo, (args, report) => {
  const pod = workloadPod(args.type, args.props, args.name);
  if (!pod) return;
  for (const c of podContainers(pod.spec)) {
    if (c.securityContext?.readOnlyRootFilesystem !== true) report(`${pod.workload} container "${c.name}" has a writable root filesystem.`);
  }
});

const tokenInfo: RuleInfo = {
  name: "kubernetes-no-service-account-token",
  description:
    "Pods do not mount a Kubernetes API token unless they call the API: automountServiceAccountToken is false on the pod (Checkov CKV_K8S_38, Polaris automountServiceAccountToken, CIS Kubernetes Benchmark 5.1.6, CIS GKE Benchmark 4.1.5).",
  severity: "medium",
  remediation:
    'Keep the component\'s `automountServiceAccountToken: false`; a workload that calls the Kubernetes API goes in `allowedWorkloads` of this policy ("Deployment <namespace>/<name>") after review, with its own ServiceAccount and Role.',
  config: {
    allowedWorkloads: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: 'Workloads ("<Kind> <namespace>/<name>") that call the Kubernetes API.',
    },
  },
};

export const kubernetesNoServiceAccountToken: ResourceValidationPolicy = resourceRule(tokenInfo, (args, report) => {
  const pod = workloadPod(args.type, args.props, args.name);
  if (!pod) return;
  const { allowedWorkloads } = settings<{ allowedWorkloads: string[] }>(tokenInfo, args);
  // Unset means true: the kubelet mounts the token unless the pod (or its ServiceAccount) says false.
  if (pod.spec.automountServiceAccountToken !== false && !allowedWorkloads.includes(pod.workload)) {
    report(`${pod.workload} mounts a Kubernetes API token (automountServiceAccountToken is ${pod.spec.automountServiceAccountToken ?? "unset, so true"}).`);
  }
});

export const kubernetesPodSecurityPolicies: ResourceValidationPolicy[] = [
  kubernetesPssBaseline,
  kubernetesPssRestricted,
  kubernetesReadOnlyRootFs,
  kubernetesNoServiceAccountToken,
];

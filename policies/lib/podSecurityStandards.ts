import { asArray } from "./values";
import { Container, podContainers, WorkloadPod } from "./kubernetesPods";

/**
 * The Pod Security Standards, control by control, as published at
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/ and implemented by the
 * PodSecurity admission controller (k8s.io/pod-security-admission, policy/check_*.go, at
 * kubernetes/pod-security-admission 8f84a87, Kubernetes v1.37's "latest"). Each control is one
 * function of the pod's metadata and spec that returns what is wrong, or nothing.
 *
 * The restricted profile is "everything from baseline" plus its own controls. Where a restricted
 * control replaces a baseline one (volumes, capabilities, seccomp), the restricted function reports
 * only what baseline lets through, so one mistake is reported once, by one of the two policies.
 */
export interface PodSecurityControl {
  /** The control's name on the PSS page. */
  control: string;
  profile: "baseline" | "restricted";
  check(pod: WorkloadPod): string | undefined;
}

const names = (cs: Container[]) => cs.map((c) => `"${c.name}"`).join(", ");
const containersWhere = (pod: WorkloadPod, bad: (c: Container) => boolean) => podContainers(pod.spec).filter(bad);
const windows = (pod: WorkloadPod) => pod.spec?.os?.name === "windows";
/** `hostUsers: false` runs the pod in a user namespace; v1.35+ relaxes the root checks for it. */
const userNamespaced = (pod: WorkloadPod) => pod.spec?.hostUsers === false;
const podContext = (pod: WorkloadPod): any => pod.spec?.securityContext ?? {};

/** Capabilities a container may add under baseline: Docker's default set, without NET_RAW. */
export const BaselineCapabilities = [
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
];

/** Sysctls baseline allows: namespaced to the pod and isolated from other pods on the node. */
export const SafeSysctls = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
  "net.ipv4.tcp_slow_start_after_idle",
  "net.ipv4.tcp_notsent_lowat",
];

/** Inline volume sources restricted allows (the rest must come through a PersistentVolume). */
export const RestrictedVolumeSources = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"];

const SelinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
const seccompAllowed = (type: unknown) => type === "RuntimeDefault" || type === "Localhost";
const appArmorAllowed = (type: unknown) => type === "RuntimeDefault" || type === "Localhost";

const baseline: PodSecurityControl[] = [
  {
    control: "HostProcess",
    profile: "baseline",
    check(pod) {
      const bad = containersWhere(pod, (c) => c.securityContext?.windowsOptions?.hostProcess === true);
      const podLevel = podContext(pod).windowsOptions?.hostProcess === true;
      if (podLevel || bad.length)
        return `${[podLevel ? "the pod" : "", bad.length ? `container(s) ${names(bad)}` : ""].filter(Boolean).join(" and ")} set windowsOptions.hostProcess: true`;
      return undefined;
    },
  },
  {
    control: "Host Namespaces",
    profile: "baseline",
    check(pod) {
      const shared = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((k) => pod.spec?.[k] === true);
      if (shared.length) return `shares the host's namespaces: ${shared.map((k) => `${k}: true`).join(", ")}`;
      return undefined;
    },
  },
  {
    control: "Privileged Containers",
    profile: "baseline",
    check(pod) {
      const bad = containersWhere(pod, (c) => c.securityContext?.privileged === true);
      if (bad.length) return `container(s) ${names(bad)} are privileged`;
      return undefined;
    },
  },
  {
    control: "Capabilities",
    profile: "baseline",
    check(pod) {
      const added = new Set<string>();
      const bad = containersWhere(pod, (c) => {
        const extra = asArray<string>(c.securityContext?.capabilities?.add).filter((cap) => !BaselineCapabilities.includes(cap));
        extra.forEach((cap) => added.add(cap));
        return extra.length > 0;
      });
      if (bad.length) return `container(s) ${names(bad)} add capabilities beyond the default set: ${[...added].sort().join(", ")}`;
      return undefined;
    },
  },
  {
    control: "HostPath Volumes",
    profile: "baseline",
    check(pod) {
      const bad = asArray<any>(pod.spec?.volumes).filter((v) => v?.hostPath !== undefined && v?.hostPath !== null);
      if (bad.length) return `volume(s) ${bad.map((v) => `"${v.name}"`).join(", ")} mount a hostPath`;
      return undefined;
    },
  },
  {
    control: "Host Ports",
    profile: "baseline",
    check(pod) {
      const ports = podContainers(pod.spec).flatMap((c) =>
        asArray<any>(c.ports)
          .filter((p) => p?.hostPort !== undefined && p?.hostPort !== 0)
          .map((p) => `${c.name}:${p.hostPort}`),
      );
      if (ports.length) return `publishes host port(s) ${ports.join(", ")}`;
      return undefined;
    },
  },
  {
    control: "Host Probes / Lifecycle Hooks",
    profile: "baseline",
    check(pod) {
      const found: string[] = [];
      for (const c of podContainers(pod.spec)) {
        for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
          for (const handler of ["httpGet", "tcpSocket"]) if (c[probe]?.[handler]?.host) found.push(`${c.name}.${probe}.${handler}.host`);
        }
        for (const hook of ["postStart", "preStop"]) {
          for (const handler of ["httpGet", "tcpSocket"]) if (c.lifecycle?.[hook]?.[handler]?.host) found.push(`${c.name}.lifecycle.${hook}.${handler}.host`);
        }
      }
      if (found.length) return `sets a host in ${found.join(", ")} (probes and hooks may only reach the pod itself)`;
      return undefined;
    },
  },
  {
    control: "AppArmor",
    profile: "baseline",
    check(pod) {
      const bad: string[] = [];
      const podType = podContext(pod).appArmorProfile?.type;
      if (podType !== undefined && !appArmorAllowed(podType)) bad.push(`the pod (${podType})`);
      for (const c of podContainers(pod.spec)) {
        const type = c.securityContext?.appArmorProfile?.type;
        if (type !== undefined && !appArmorAllowed(type)) bad.push(`container "${c.name}" (${type})`);
      }
      for (const [key, value] of Object.entries(pod.metadata?.annotations ?? {})) {
        if (key.startsWith("container.apparmor.security.beta.kubernetes.io/") && value && value !== "runtime/default" && !value.startsWith("localhost/"))
          bad.push(`annotation ${key}=${value}`);
      }
      if (bad.length) return `overrides the default AppArmor profile: ${bad.join(", ")}`;
      return undefined;
    },
  },
  {
    control: "SELinux",
    profile: "baseline",
    check(pod) {
      const bad: string[] = [];
      const judge = (who: string, o: any) => {
        if (!o) return;
        if (!SelinuxTypes.includes(o.type ?? "")) bad.push(`${who} type ${o.type}`);
        if (o.user) bad.push(`${who} user`);
        if (o.role) bad.push(`${who} role`);
      };
      judge("the pod", podContext(pod).seLinuxOptions);
      for (const c of podContainers(pod.spec)) judge(`container "${c.name}"`, c.securityContext?.seLinuxOptions);
      if (bad.length) return `sets custom SELinux options: ${bad.join(", ")}`;
      return undefined;
    },
  },
  {
    control: "/proc Mount Type",
    profile: "baseline",
    check(pod) {
      if (userNamespaced(pod)) return undefined;
      const bad = containersWhere(pod, (c) => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== "Default");
      if (bad.length) return `container(s) ${names(bad)} unmask /proc (procMount other than Default)`;
      return undefined;
    },
  },
  {
    control: "Seccomp",
    profile: "baseline",
    check(pod) {
      const bad: string[] = [];
      const podType = podContext(pod).seccompProfile?.type;
      if (podType !== undefined && !seccompAllowed(podType)) bad.push(`the pod (${podType})`);
      for (const c of podContainers(pod.spec)) {
        const type = c.securityContext?.seccompProfile?.type;
        if (type !== undefined && !seccompAllowed(type)) bad.push(`container "${c.name}" (${type})`);
      }
      if (bad.length) return `disables the seccomp profile: ${bad.join(", ")}`;
      return undefined;
    },
  },
  {
    control: "Sysctls",
    profile: "baseline",
    check(pod) {
      const bad = asArray<{ name: string }>(podContext(pod).sysctls)
        .map((s) => s?.name)
        .filter((n) => !SafeSysctls.includes(n));
      if (bad.length) return `sets unsafe sysctls: ${bad.join(", ")}`;
      return undefined;
    },
  },
];

const restricted: PodSecurityControl[] = [
  {
    control: "Volume Types",
    profile: "restricted",
    check(pod) {
      // hostPath is baseline's to report; a volume with no source is an emptyDir (the API's default).
      const source = (v: any) => Object.keys(v).find((k) => k !== "name" && v[k] !== undefined && v[k] !== null);
      const bad = asArray<any>(pod.spec?.volumes).filter(
        (v) => v && v.hostPath === undefined && source(v) !== undefined && !RestrictedVolumeSources.includes(source(v)!),
      );
      if (bad.length) return `volume(s) ${bad.map((v) => `"${v.name}" (${source(v)})`).join(", ")} use a restricted volume type`;
      return undefined;
    },
  },
  {
    control: "Privilege Escalation",
    profile: "restricted",
    check(pod) {
      if (windows(pod)) return undefined;
      const bad = containersWhere(pod, (c) => c.securityContext?.allowPrivilegeEscalation !== false);
      if (bad.length) return `container(s) ${names(bad)} do not set allowPrivilegeEscalation: false`;
      return undefined;
    },
  },
  {
    control: "Running as Non-root",
    profile: "restricted",
    check(pod) {
      if (userNamespaced(pod)) return undefined;
      const podLevel = podContext(pod).runAsNonRoot;
      const explicit = containersWhere(pod, (c) => c.securityContext?.runAsNonRoot === false);
      const implicit = containersWhere(pod, (c) => c.securityContext?.runAsNonRoot === undefined && podLevel !== true);
      const problems = [
        ...(podLevel === false ? ["the pod sets runAsNonRoot: false"] : []),
        ...(explicit.length ? [`container(s) ${names(explicit)} set runAsNonRoot: false`] : []),
        ...(implicit.length ? [`neither the pod nor container(s) ${names(implicit)} set runAsNonRoot: true`] : []),
      ];
      if (problems.length) return problems.join("; ");
      return undefined;
    },
  },
  {
    control: "Running as Non-root user",
    profile: "restricted",
    check(pod) {
      if (userNamespaced(pod)) return undefined;
      const bad = containersWhere(pod, (c) => c.securityContext?.runAsUser === 0);
      const podLevel = podContext(pod).runAsUser === 0;
      if (podLevel || bad.length)
        return `${[podLevel ? "the pod" : "", bad.length ? `container(s) ${names(bad)}` : ""].filter(Boolean).join(" and ")} set runAsUser: 0 (root)`;
      return undefined;
    },
  },
  {
    control: "Seccomp",
    profile: "restricted",
    check(pod) {
      if (windows(pod)) return undefined;
      // An explicitly bad profile is baseline's to report; restricted also requires one to be set.
      if (seccompAllowed(podContext(pod).seccompProfile?.type)) return undefined;
      const bad = containersWhere(pod, (c) => c.securityContext?.seccompProfile?.type === undefined);
      if (bad.length) return `neither the pod nor container(s) ${names(bad)} set seccompProfile.type RuntimeDefault or Localhost`;
      return undefined;
    },
  },
  {
    control: "Capabilities",
    profile: "restricted",
    check(pod) {
      if (windows(pod)) return undefined;
      const noDropAll = containersWhere(pod, (c) => !asArray<string>(c.securityContext?.capabilities?.drop).includes("ALL"));
      // Additions beyond the default set are baseline's to report.
      const added = new Set<string>();
      const adding = containersWhere(pod, (c) => {
        const extra = asArray<string>(c.securityContext?.capabilities?.add).filter((cap) => cap !== "NET_BIND_SERVICE" && BaselineCapabilities.includes(cap));
        extra.forEach((cap) => added.add(cap));
        return extra.length > 0;
      });
      const problems = [
        ...(noDropAll.length ? [`container(s) ${names(noDropAll)} do not drop ALL capabilities`] : []),
        ...(adding.length ? [`container(s) ${names(adding)} add ${[...added].sort().join(", ")} (only NET_BIND_SERVICE may be added)`] : []),
      ];
      if (problems.length) return problems.join("; ");
      return undefined;
    },
  },
  {
    control: "/proc Mount Type",
    profile: "restricted",
    check(pod) {
      // Baseline's check is relaxed for user-namespaced pods; restricted (v1.35+) is not.
      if (!userNamespaced(pod)) return undefined;
      const bad = containersWhere(pod, (c) => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== "Default");
      if (bad.length) return `container(s) ${names(bad)} unmask /proc (procMount other than Default)`;
      return undefined;
    },
  },
];

export const PodSecurityControls = { baseline, restricted };

/** Every violated control of one profile's own controls, as "Control: what is wrong". */
export function podSecurityProblems(pod: WorkloadPod, profile: "baseline" | "restricted"): string[] {
  return PodSecurityControls[profile].flatMap((c) => {
    const problem = c.check(pod);
    return problem ? [`${c.control}: ${problem}`] : [];
  });
}

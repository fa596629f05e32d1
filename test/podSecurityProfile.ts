/**
 * The Pod Security Standards as published, control by control: each row is the page's "Restricted
 * Fields" and "Allowed Values" (https://kubernetes.io/docs/concepts/security/pod-security-standards/,
 * the tables of kubernetes/website content/en/docs/concepts/security/pod-security-standards.md, and
 * the doc comments of k8s.io/pod-security-admission policy/check_*.go at 8f84a87, which repeat them).
 *
 * It is written from the page, apart from policies/lib/podSecurityStandards.ts, so the test that
 * checks the rendered objects and the policy's fixtures against it does not check the policy with
 * itself. Field paths use the page's notation: `[*]` for every item; `{a,b}` for alternatives.
 */

/** A field's allowed values, or a test of one value (undefined is a field that is not set). */
type Allowed = readonly unknown[] | ((value: unknown) => boolean);

export interface PublishedControl {
  control: string;
  profile: "baseline" | "restricted";
  /** Restricted fields and what each may hold; or `pod` for a rule over several fields. */
  fields?: Record<string, Allowed>;
  pod?: (spec: any, metadata: any) => boolean;
}

const C = "spec.{containers,initContainers,ephemeralContainers}[*]";
const unsetOr = (...values: unknown[]) => [undefined, ...values];
/** hostUsers: false (a user namespace) relaxes the root controls since v1.35. */
const userNamespaced = (spec: any) => spec?.hostUsers === false;
const containersOf = (spec: any): any[] => [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];

export const PublishedControls: PublishedControl[] = [
  {
    control: "HostProcess",
    profile: "baseline",
    fields: { "spec.securityContext.windowsOptions.hostProcess": unsetOr(false), [`${C}.securityContext.windowsOptions.hostProcess`]: unsetOr(false) },
  },
  {
    control: "Host Namespaces",
    profile: "baseline",
    fields: { "spec.hostNetwork": unsetOr(false), "spec.hostPID": unsetOr(false), "spec.hostIPC": unsetOr(false) },
  },
  { control: "Privileged Containers", profile: "baseline", fields: { [`${C}.securityContext.privileged`]: unsetOr(false) } },
  {
    control: "Capabilities",
    profile: "baseline",
    fields: {
      [`${C}.securityContext.capabilities.add[*]`]: unsetOr(
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
      ),
    },
  },
  { control: "HostPath Volumes", profile: "baseline", fields: { "spec.volumes[*].hostPath": [undefined] } },
  { control: "Host Ports", profile: "baseline", fields: { [`${C}.ports[*].hostPort`]: unsetOr(0) } },
  {
    control: "Host Probes / Lifecycle Hooks",
    profile: "baseline",
    fields: {
      [`${C}.{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host`]: unsetOr(""),
      [`${C}.lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host`]: unsetOr(""),
    },
  },
  {
    control: "AppArmor",
    profile: "baseline",
    fields: {
      "spec.securityContext.appArmorProfile.type": unsetOr("RuntimeDefault", "Localhost"),
      [`${C}.securityContext.appArmorProfile.type`]: unsetOr("RuntimeDefault", "Localhost"),
    },
    pod: (_spec, metadata) =>
      Object.entries(metadata?.annotations ?? {}).every(
        ([k, v]) =>
          !k.startsWith("container.apparmor.security.beta.kubernetes.io/") || v === "" || v === "runtime/default" || String(v).startsWith("localhost/"),
      ),
  },
  {
    control: "SELinux",
    profile: "baseline",
    fields: {
      "spec.{securityContext,containers[*].securityContext,initContainers[*].securityContext,ephemeralContainers[*].securityContext}.seLinuxOptions.type":
        unsetOr("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"),
      "spec.{securityContext,containers[*].securityContext,initContainers[*].securityContext,ephemeralContainers[*].securityContext}.seLinuxOptions.{user,role}":
        unsetOr(""),
    },
  },
  {
    control: "/proc Mount Type",
    profile: "baseline",
    pod: (spec) => userNamespaced(spec) || containersOf(spec).every((c) => [undefined, "Default"].includes(c.securityContext?.procMount)),
  },
  {
    control: "Seccomp",
    profile: "baseline",
    fields: {
      "spec.securityContext.seccompProfile.type": unsetOr("RuntimeDefault", "Localhost"),
      [`${C}.securityContext.seccompProfile.type`]: unsetOr("RuntimeDefault", "Localhost"),
    },
  },
  {
    control: "Sysctls",
    profile: "baseline",
    fields: {
      "spec.securityContext.sysctls[*].name": unsetOr(
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
        "net.ipv4.tcp_slow_start_after_idle",
        "net.ipv4.tcp_notsent_lowat",
      ),
    },
  },
  {
    control: "Volume Types",
    profile: "restricted",
    fields: {
      "spec.volumes[*]": (v: any) =>
        Object.keys(v ?? {})
          .filter((k) => k !== "name")
          .every((k) => ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"].includes(k)),
    },
  },
  {
    control: "Privilege Escalation",
    profile: "restricted",
    pod: (spec) => spec?.os?.name === "windows" || containersOf(spec).every((c) => c.securityContext?.allowPrivilegeEscalation === false),
  },
  {
    control: "Running as Non-root",
    profile: "restricted",
    // true on the pod (containers may leave it unset) or on every container; never false.
    pod: (spec) =>
      userNamespaced(spec) ||
      (spec?.securityContext?.runAsNonRoot !== false &&
        containersOf(spec).every(
          (c) => c.securityContext?.runAsNonRoot === true || (c.securityContext?.runAsNonRoot === undefined && spec?.securityContext?.runAsNonRoot === true),
        )),
  },
  {
    control: "Running as Non-root user",
    profile: "restricted",
    pod: (spec) => userNamespaced(spec) || [spec?.securityContext, ...containersOf(spec).map((c) => c.securityContext)].every((s) => s?.runAsUser !== 0),
  },
  {
    control: "Seccomp",
    profile: "restricted",
    // RuntimeDefault or Localhost on the pod, or on every container.
    pod: (spec) => {
      const ok = (t: unknown) => t === "RuntimeDefault" || t === "Localhost";
      if (spec?.os?.name === "windows") return true;
      const podType = spec?.securityContext?.seccompProfile?.type;
      return containersOf(spec).every((c) => (c.securityContext?.seccompProfile?.type === undefined ? ok(podType) : ok(c.securityContext.seccompProfile.type)));
    },
  },
  {
    control: "Capabilities",
    profile: "restricted",
    pod: (spec) =>
      spec?.os?.name === "windows" ||
      containersOf(spec).every(
        (c) =>
          (c.securityContext?.capabilities?.drop ?? []).includes("ALL") &&
          (c.securityContext?.capabilities?.add ?? []).every((a: string) => a === "NET_BIND_SERVICE"),
      ),
  },
  {
    control: "/proc Mount Type",
    profile: "restricted",
    pod: (spec) => containersOf(spec).every((c) => [undefined, "Default"].includes(c.securityContext?.procMount)),
  },
];

/** `a.{b,c}[*].d` → every value at those paths; a missing field yields undefined once. */
export function valuesAt(root: any, path: string): unknown[] {
  const alternatives = /\{([^{}]+)\}/.exec(path);
  if (alternatives) return alternatives[1].split(",").flatMap((alt) => valuesAt(root, path.replace(alternatives[0], alt)));
  let nodes: unknown[] = [root];
  for (const part of path.split(".")) {
    const each = part.endsWith("[*]");
    const key = each ? part.slice(0, -3) : part;
    nodes = nodes.flatMap((n: any) => {
      const v = n === undefined || n === null ? undefined : n[key];
      return each ? (Array.isArray(v) ? v : []) : [v];
    });
  }
  return nodes;
}

/** The published controls a pod (its spec and metadata) violates, of baseline or of restricted (which includes baseline). */
export function violatedControls(spec: any, metadata: any, profile: "baseline" | "restricted"): string[] {
  const applicable = PublishedControls.filter((c) => c.profile === "baseline" || profile === "restricted");
  return applicable
    .filter((c) => {
      const fieldsOk = Object.entries(c.fields ?? {}).every(([path, allowed]) =>
        valuesAt({ spec }, path).every((v) => (typeof allowed === "function" ? allowed(v) : allowed.includes(v))),
      );
      return !fieldsOk || (c.pod !== undefined && !c.pod(spec, metadata));
    })
    .map((c) => `${c.profile}: ${c.control}`);
}

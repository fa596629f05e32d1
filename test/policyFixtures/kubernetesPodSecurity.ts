import {
  kubernetesNoServiceAccountToken,
  kubernetesPssBaseline,
  kubernetesPssRestricted,
  kubernetesReadOnlyRootFs,
} from "../../policies/rules/kubernetesPodSecurity";
import { props, RuleSuite } from "../policyHarness";
import { asKind, container, deployment } from "./kubernetes";

type Rs = Parameters<typeof props>[0];
const pod = (rs: Rs) => props(rs).spec.template.spec;
const ctx = (rs: Rs) => container(rs).securityContext;
const withInit = (rs: Rs, init: Record<string, unknown>) =>
  void (pod(rs).initContainers = [{ name: "migrate", image: "rezapp/migrate:v1.0.0", securityContext: { ...ctx(rs) }, ...init }]);

/**
 * One mutation per Pod Security Standards control (kubernetes.io/docs/concepts/security/
 * pod-security-standards), each field the control restricts, on merchant-backend's pod. The
 * published-controls test (test/podSecurityStandards.test.ts) checks every one of these against the
 * profile as transcribed from the page, so the policy and the page agree case by case.
 */
export const pssBaselineSuite: RuleSuite = {
  policy: kubernetesPssBaseline,
  good: () => [deployment()],
  violations: [
    [
      "a Windows HostProcess container",
      (rs) => void (ctx(rs).windowsOptions = { hostProcess: true }),
      /baseline, HostProcess: container\(s\) "api" set windowsOptions.hostProcess: true/,
    ],
    [
      "hostNetwork",
      (rs) => void (pod(rs).hostNetwork = true),
      /Deployment production\/merchant-backend violates Pod Security Standards baseline, Host Namespaces: shares the host's namespaces: hostNetwork: true/,
    ],
    ["hostPID", (rs) => void (pod(rs).hostPID = true), /Host Namespaces: .*hostPID: true/],
    ["hostIPC", (rs) => void (pod(rs).hostIPC = true), /Host Namespaces: .*hostIPC: true/],
    ["a privileged container", (rs) => void (ctx(rs).privileged = true), /Privileged Containers: container\(s\) "api" are privileged/],
    [
      "a privileged init container",
      (rs) => withInit(rs, { securityContext: { ...ctx(rs), privileged: true } }),
      /Privileged Containers: container\(s\) "migrate"/,
    ],
    [
      "SYS_ADMIN added",
      (rs) => void (ctx(rs).capabilities.add = ["SYS_ADMIN"]),
      /Capabilities: container\(s\) "api" add capabilities beyond the default set: SYS_ADMIN/,
    ],
    ["NET_RAW added", (rs) => void (ctx(rs).capabilities.add = ["NET_RAW"]), /beyond the default set: NET_RAW/],
    [
      "a hostPath volume",
      (rs) => void pod(rs).volumes.push({ name: "host", hostPath: { path: "/var/log" } }),
      /HostPath Volumes: volume\(s\) "host" mount a hostPath/,
    ],
    ["a host port", (rs) => void (container(rs).ports[0].hostPort = 3000), /Host Ports: publishes host port\(s\) api:3000/],
    [
      "a probe aimed at another host",
      (rs) => void (container(rs).livenessProbe.httpGet.host = "10.0.0.1"),
      /Host Probes \/ Lifecycle Hooks: sets a host in api.livenessProbe.httpGet.host/,
    ],
    [
      "a preStop hook aimed at another host",
      (rs) => void (container(rs).lifecycle = { preStop: { httpGet: { host: "metadata.google.internal", path: "/", port: 80 } } }),
      /api.lifecycle.preStop.httpGet.host/,
    ],
    [
      "AppArmor unconfined",
      (rs) => void (ctx(rs).appArmorProfile = { type: "Unconfined" }),
      /AppArmor: overrides the default AppArmor profile: container "api" \(Unconfined\)/,
    ],
    [
      "the AppArmor annotation unconfined",
      (rs) => void (props(rs).spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/api": "unconfined" }),
      /AppArmor: .*annotation container.apparmor.security.beta.kubernetes.io\/api=unconfined/,
    ],
    [
      "a custom SELinux type (spc_t)",
      (rs) => void (pod(rs).securityContext.seLinuxOptions = { type: "spc_t" }),
      /SELinux: sets custom SELinux options: the pod type spc_t/,
    ],
    ["a custom SELinux user", (rs) => void (ctx(rs).seLinuxOptions = { user: "system_u" }), /SELinux: .*container "api" user/],
    ["/proc unmasked", (rs) => void (ctx(rs).procMount = "Unmasked"), /\/proc Mount Type: container\(s\) "api" unmask \/proc/],
    [
      "seccomp unconfined on the pod",
      (rs) => void (pod(rs).securityContext.seccompProfile.type = "Unconfined"),
      /Seccomp: disables the seccomp profile: the pod \(Unconfined\)/,
    ],
    [
      "seccomp unconfined on a container",
      (rs) => void (ctx(rs).seccompProfile = { type: "Unconfined" }),
      /Seccomp: disables the seccomp profile: container "api" \(Unconfined\)/,
    ],
    [
      "an unsafe sysctl",
      (rs) => void (pod(rs).securityContext.sysctls = [{ name: "kernel.msgmax", value: "65536" }]),
      /Sysctls: sets unsafe sysctls: kernel.msgmax/,
    ],
    [
      "a CronJob sharing the host PID namespace",
      (rs) => void ((pod(rs).hostPID = true), asKind(rs, "kubernetes:batch/v1:CronJob", (t) => ({ jobTemplate: { spec: { template: t } } }))),
      /CronJob production\/merchant-backend violates .* hostPID: true/,
    ],
    [
      "a bare Pod on the host network",
      (rs) => void ((pod(rs).hostNetwork = true), asKind(rs, "kubernetes:core/v1:Pod", (t: any) => t.spec)),
      /Pod production\/merchant-backend violates .* hostNetwork: true/,
    ],
  ],
  passes: [
    ["a default capability added (CHOWN)", (rs) => void (ctx(rs).capabilities.add = ["CHOWN"])],
    ["host port 0", (rs) => void (container(rs).ports[0].hostPort = 0)],
    ["a safe sysctl", (rs) => void (pod(rs).securityContext.sysctls = [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }])],
    ["a Localhost seccomp profile", (rs) => void (pod(rs).securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/api.json" })],
    [
      "the runtime/default AppArmor annotation",
      (rs) => void (props(rs).spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/api": "runtime/default" }),
    ],
    ["SELinux type container_t", (rs) => void (ctx(rs).seLinuxOptions = { type: "container_t", level: "s0:c123,c456" })],
    ["/proc unmasked in a user namespace (hostUsers: false, v1.35+)", (rs) => void ((pod(rs).hostUsers = false), (ctx(rs).procMount = "Unmasked"))],
  ],
};

export const pssRestrictedSuite: RuleSuite = {
  policy: kubernetesPssRestricted,
  good: () => [deployment()],
  violations: [
    [
      "an NFS volume",
      (rs) => void pod(rs).volumes.push({ name: "share", nfs: { server: "10.0.0.2", path: "/exports" } }),
      /restricted, Volume Types: volume\(s\) "share" \(nfs\) use a restricted volume type/,
    ],
    ["a gcePersistentDisk volume", (rs) => void pod(rs).volumes.push({ name: "disk", gcePersistentDisk: { pdName: "data" } }), /"disk" \(gcePersistentDisk\)/],
    [
      "privilege escalation left unset",
      (rs) => void delete ctx(rs).allowPrivilegeEscalation,
      /Privilege Escalation: container\(s\) "api" do not set allowPrivilegeEscalation: false/,
    ],
    [
      "privilege escalation allowed on an init container",
      (rs) => withInit(rs, { securityContext: { ...ctx(rs), allowPrivilegeEscalation: true } }),
      /Privilege Escalation: container\(s\) "migrate"/,
    ],
    ["runAsNonRoot false on the container", (rs) => void (ctx(rs).runAsNonRoot = false), /Running as Non-root: container\(s\) "api" set runAsNonRoot: false/],
    [
      "runAsNonRoot nowhere",
      (rs) => void (delete ctx(rs).runAsNonRoot, delete pod(rs).securityContext.runAsNonRoot),
      /Running as Non-root: neither the pod nor container\(s\) "api" set runAsNonRoot: true/,
    ],
    [
      "runAsNonRoot false on the pod",
      (rs) => void ((pod(rs).securityContext.runAsNonRoot = false), delete ctx(rs).runAsNonRoot),
      /the pod sets runAsNonRoot: false/,
    ],
    ["uid 0 on the pod", (rs) => void (pod(rs).securityContext.runAsUser = 0), /Running as Non-root user: the pod set runAsUser: 0/],
    ["uid 0 on the container", (rs) => void (ctx(rs).runAsUser = 0), /Running as Non-root user: container\(s\) "api" set runAsUser: 0/],
    [
      "no seccomp profile at all",
      (rs) => void delete pod(rs).securityContext.seccompProfile,
      /Seccomp: neither the pod nor container\(s\) "api" set seccompProfile.type RuntimeDefault or Localhost/,
    ],
    ["drop ALL removed", (rs) => void delete ctx(rs).capabilities, /Capabilities: container\(s\) "api" do not drop ALL capabilities/],
    [
      "a default capability added back (CHOWN)",
      (rs) => void (ctx(rs).capabilities.add = ["CHOWN"]),
      /Capabilities: container\(s\) "api" add CHOWN \(only NET_BIND_SERVICE may be added\)/,
    ],
    [
      "/proc unmasked in a user namespace",
      (rs) => void ((pod(rs).hostUsers = false), (ctx(rs).procMount = "Unmasked")),
      /\/proc Mount Type: container\(s\) "api" unmask \/proc/,
    ],
    [
      "a DaemonSet whose container may escalate",
      (rs) => void (delete ctx(rs).allowPrivilegeEscalation, asKind(rs, "kubernetes:apps/v1:DaemonSet", (t) => ({ template: t }))),
      /DaemonSet production\/merchant-backend violates .* allowPrivilegeEscalation/,
    ],
  ],
  passes: [
    ["runAsNonRoot on the pod only", (rs) => void delete ctx(rs).runAsNonRoot],
    ["seccomp on the container only", (rs) => void (delete pod(rs).securityContext.seccompProfile, (ctx(rs).seccompProfile = { type: "RuntimeDefault" }))],
    ["NET_BIND_SERVICE added", (rs) => void (ctx(rs).capabilities.add = ["NET_BIND_SERVICE"])],
    [
      "CSI, ephemeral, projected, configMap, secret and PVC volumes",
      (rs) =>
        void pod(rs).volumes.push(
          { name: "c", csi: { driver: "x" } },
          { name: "e", ephemeral: {} },
          { name: "p", projected: { sources: [] } },
          { name: "m", configMap: { name: "m" } },
          { name: "s", secret: { secretName: "s" } },
          { name: "d", persistentVolumeClaim: { claimName: "d" } },
        ),
    ],
    ["uid 0 in a user namespace (hostUsers: false, v1.35+)", (rs) => void ((pod(rs).hostUsers = false), (pod(rs).securityContext.runAsUser = 0))],
    [
      "a Windows pod without capabilities or seccomp",
      (rs) =>
        void (
          (pod(rs).os = { name: "windows" }),
          delete ctx(rs).capabilities,
          delete pod(rs).securityContext.seccompProfile,
          delete ctx(rs).allowPrivilegeEscalation
        ),
    ],
  ],
};

export const kubernetesPodSecuritySuites: RuleSuite[] = [
  pssBaselineSuite,
  pssRestrictedSuite,
  {
    policy: kubernetesReadOnlyRootFs,
    good: () => [deployment()],
    violations: [
      [
        "a writable root filesystem",
        (rs) => void (ctx(rs).readOnlyRootFilesystem = false),
        /Deployment production\/merchant-backend container "api" has a writable root filesystem/,
      ],
      [
        "an init container with a writable root",
        (rs) => withInit(rs, { securityContext: { ...ctx(rs), readOnlyRootFilesystem: false } }),
        /container "migrate" has a writable root filesystem/,
      ],
    ],
  },
  {
    policy: kubernetesNoServiceAccountToken,
    good: () => [deployment()],
    violations: [
      [
        "the token mounted",
        (rs) => void (pod(rs).automountServiceAccountToken = true),
        /Deployment production\/merchant-backend mounts a Kubernetes API token \(automountServiceAccountToken is true\)/,
      ],
      ["the setting left out (the kubelet mounts it)", (rs) => void delete pod(rs).automountServiceAccountToken, /is unset, so true/],
    ],
    passes: [
      [
        "a reviewed workload that calls the API",
        (rs) => void (pod(rs).automountServiceAccountToken = true),
        { allowedWorkloads: ["Deployment production/merchant-backend"] },
      ],
    ],
  },
];

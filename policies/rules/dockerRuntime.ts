import { Container } from "@pulumi/docker";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { asArray, peek, Unknown } from "../lib/values";

/**
 * The container runtime and daemon sections of the CIS Docker Benchmark v1.6.0 (as numbered by
 * docker/docker-bench-security) and the matching KICS docker-compose queries, for the Docker
 * provider's containers and its connection to the daemon.
 */

const containerName = (c: { name?: string }, fallback: string) => c.name ?? fallback;

const capabilitiesInfo: RuleInfo = {
  name: "docker-capabilities-restricted",
  description:
    'No Docker container adds Linux capabilities (SYS_ADMIN, NET_ADMIN, NET_RAW, ALL, ...) beyond Docker\'s default set: CIS Docker Benchmark 5.4, KICS ce76b7d0-9e77-464d-b86f-c5c48e03e22d "Container Capabilities Unrestricted".',
  severity: "high",
  remediation:
    "Remove `capabilities.adds` from the container; if one capability is really needed, add it to `allowedCapabilities` of this policy after review (never ALL or SYS_ADMIN).",
  config: {
    allowedCapabilities: { type: "array", items: { type: "string" }, default: [], description: "Capabilities a container may add after review." },
  },
};

export const dockerCapabilitiesRestricted: ResourceValidationPolicy = resourceRule(
  capabilitiesInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const { allowedCapabilities } = settings<{ allowedCapabilities: string[] }>(capabilitiesInfo, args);
    const added = asArray(c.capabilities?.adds).filter((cap) => !allowedCapabilities.includes(cap.toUpperCase().replace(/^CAP_/, "")));
    if (added.length) report(`Container "${containerName(c, args.name)}" adds capabilities ${added.join(", ")}.`);
  }),
);

const confinedInfo: RuleInfo = {
  name: "docker-confined",
  description:
    'No Docker container turns off its kernel confinement: no seccomp=unconfined (CIS Docker Benchmark 5.22, KICS 404fde2c-bc4b-4371-9747-7054132ac953 "Default Seccomp Profile Disabled"), no apparmor=unconfined (CIS 5.2), no label=disable (SELinux, CIS 5.3).',
  severity: "high",
  remediation: "Remove the `securityOpts` entry that disables seccomp, AppArmor or SELinux; keep `no-new-privileges:true`, which the component sets.",
};

const Unconfined = /^(seccomp[=:]unconfined|apparmor[=:]unconfined|label[=:]disable)$/i;

export const dockerConfined: ResourceValidationPolicy = resourceRule(
  confinedInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const off = asArray(c.securityOpts).filter((o) => Unconfined.test(o.trim()));
    if (off.length) report(`Container "${containerName(c, args.name)}" runs unconfined: ${off.join(", ")}.`);
  }),
);

const hostPathInfo: RuleInfo = {
  name: "docker-no-host-path",
  description:
    'No Docker container mounts a path of the host (a bind mount or a volume\'s hostPath), only named volumes: CIS Docker Benchmark 5.6 "sensitive host system directories are not mounted", KICS 1c1325ff-831d-43a1-973e-839ae57dfcc0 "Volume Has Sensitive Host Directory".',
  severity: "high",
  remediation:
    "Declare a named volume under `platform:docker.volumes` and mount that (the stack file rejects host paths); copy files in with `uploads` instead of binding them.",
};

export const dockerNoHostPath: ResourceValidationPolicy = resourceRule(
  hostPathInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const paths = [
      ...asArray(c.volumes).map((v) => v.hostPath),
      ...asArray(c.mounts)
        .filter((m) => m.type === "bind")
        .map((m) => m.source ?? "(bind)"),
    ].filter(Boolean);
    if (paths.length) report(`Container "${containerName(c, args.name)}" mounts host path(s) ${paths.join(", ")}.`);
  }),
);

/** Ports databases and caches listen on: they must never answer on every interface of the host. */
const DatabasePorts = [5432, 3306, 6379, 27017, 9200, 11211, 5984, 9042, 1433, 26257];
const AllInterfaces = ["", "0.0.0.0", "::", "[::]"];

const portInfo: RuleInfo = {
  name: "docker-database-port-bound",
  description:
    'No Docker container publishes a database or cache port (postgres 5432, redis 6379, mongo 27017, ...) on all the host\'s interfaces: CIS Docker Benchmark 5.14 "incoming container traffic is bound to a specific host interface", KICS 451d79dc-0588-476a-ad03-3c7f0320abb3.',
  severity: "critical",
  remediation:
    "Do not publish the port (containers on the product's network reach it by name); if the host itself must reach it, bind it to 127.0.0.1 (`ports[].ip`).",
  config: {
    databasePorts: {
      type: "array",
      items: { type: "integer" },
      default: DatabasePorts,
      description: "Container ports that must never be published on every interface.",
    },
  },
};

export const dockerDatabasePortBound: ResourceValidationPolicy = resourceRule(
  portInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const { databasePorts } = settings<{ databasePorts: number[] }>(portInfo, args);
    for (const p of asArray(c.ports)) {
      // The provider's default ip is 0.0.0.0: every interface.
      if (databasePorts.includes(p.internal) && AllInterfaces.includes(p.ip ?? "")) {
        report(`Container "${containerName(c, args.name)}" publishes port ${p.internal} on all interfaces (host port ${p.external ?? "random"}).`);
      }
    }
  }),
);

const daemonInfo: RuleInfo = {
  name: "docker-daemon-tls",
  description:
    'The Docker provider never talks to a daemon over plain TCP: a tcp:// host needs TLS client certificates (CIS Docker Benchmark 2.7 "TLS authentication for Docker daemon is configured"); ssh:// is preferred.',
  severity: "critical",
  remediation:
    "Reach the host over SSH (`platform:docker.host: ssh://deploy@<host>`), or give the provider `certMaterial`/`keyMaterial`/`caMaterial` (or `certPath`) for a daemon listening with --tlsverify on 2376.",
};

export const dockerDaemonTls: ResourceValidationPolicy = resourceRule(daemonInfo, (args, report) => {
  if (args.type !== "pulumi:providers:docker") return;
  const host = peek(() => args.props.host as string | undefined);
  if (host === Unknown || typeof host !== "string" || !/^(tcp|http):\/\//i.test(host)) return;
  const tls = ["certMaterial", "certPath"].some((k) => peek(() => args.props[k]) !== undefined);
  if (!tls) report(`Docker provider "${args.name}" connects to ${host} without TLS: anyone on the network path gets root on the host.`);
});

export const dockerRuntimePolicies: ResourceValidationPolicy[] = [
  dockerCapabilitiesRestricted,
  dockerConfined,
  dockerNoHostPath,
  dockerDatabasePortBound,
  dockerDaemonTls,
];

import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { NetworkNameExpected, NetworkNamePattern } from "./networkName";
import { dockerCpus, goDuration, GoDurationInput } from "./readBack";
import { argumentCheck } from "../argumentCheck";
import { mebibytes } from "../quantity";

export type RestartPolicy = "unless-stopped" | "always" | "on-failure";

export interface HealthcheckArgs {
  /** `["CMD", ...]` or `["CMD-SHELL", "<command line>"]`. */
  command: string[];
  /** @default "10s" */
  interval?: string;
  /** @default "5s" */
  timeout?: string;
  /** @default 5 */
  retries?: number;
  /** @default none: failures count from the first probe */
  startPeriod?: string;
}

export interface PublishedPortArgs {
  container: number;
  host: number;
  /** @default "0.0.0.0": every interface of the host */
  hostIp?: string;
}

/** A file written into the container before it starts (a start script, a crontab). */
export interface UploadArgs {
  file: string;
  content: string;
  /** @default false */
  executable?: boolean;
}

export interface DockerContainerArgs {
  /** Pinned by tag or digest; the host pulls it, it is never built there. */
  image: string;
  /** @default "unless-stopped": back after a crash or a host reboot, not after a deliberate stop */
  restart?: RestartPolicy;
  /** Memory limit, e.g. 512Mi or 2Gi. */
  memory: string;
  /** CPU limit, e.g. 0.5 or 2. */
  cpus: number;
  /** Required: Docker, `wait` and the containers that depend on this one all read it. */
  healthcheck: HealthcheckArgs;
  /** Host ports this container publishes: only the public ones. @default [] */
  ports?: PublishedPortArgs[];
  /** Containers that must be created and healthy first. @default [] */
  dependsOn?: string[];
  /** Named volume (declared on the stack) → path in the container. Host paths are refused. @default {} */
  mounts?: Record<string, string>;
  /** Container path → tmpfs options (for files that must not reach a disk). @default {} */
  tmpfs?: Record<string, string>;
  /** @default the image's entrypoint */
  entrypoint?: string[];
  /** @default the image's command */
  command?: string[];
  /** @default [] */
  uploads?: UploadArgs[];
  /** Plain environment: never a secret. @default {} */
  env?: Record<string, string>;
  /** Secret environment: the whole env list becomes one Pulumi secret when there is any. @default {} */
  secretEnv?: Record<string, pulumi.Input<string>>;
  /**
   * What the secret values are, without the values (`JWT_SECRET=SPILTTEA_JWT_SECRET@rotation:2025-11-22`):
   * a label, so a rotation shows in the preview and recreates the container.
   * @default none
   */
  secretRevision?: string;
  /** Resources the secret values come from, so the container waits for them. @default [] */
  secretSources?: pulumi.Input<pulumi.Resource>[];
  /** Run tini as PID 1 (reaps zombies, forwards signals). @default false */
  init?: boolean;
  /** Seconds between SIGTERM and SIGKILL on stop or replacement. @default 30 */
  stopGraceSeconds?: number;
  /** Seconds `pulumi up` waits for the container to become healthy. @default 180 */
  waitTimeoutSeconds?: number;
  /** Any new value recreates the container (a restart), nothing else changed. @default none */
  restartToken?: string;
}

export interface LogRotationArgs {
  /** @default "10m" */
  maxSize?: string;
  /** @default 5 */
  maxFiles?: number;
}

export interface DockerStackArgs {
  /** The Docker daemon, reached over SSH: `ssh://deploy@host`. Never the machine's own socket. */
  host: string;
  /** @default ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"]: no prompt, no unknown host */
  sshOpts?: string[];
  /** Registries to log in to; credentials from DOCKER_REGISTRY_USER/PASS of `pulumi up`. @default [] */
  registries?: string[];
  /** Name of the private bridge network all containers join. */
  network: string;
  /** Named volumes, by name. */
  volumes: Record<string, { driver?: string }>;
  /** Containers, by physical name (`docker ps` shows these names). */
  containers: Record<string, DockerContainerArgs>;
  labels: Record<string, string>;
  /** json-file log rotation for every container. @default { maxSize: "10m", maxFiles: 5 } */
  logs?: LogRotationArgs;
  /**
   * Volumes refuse deletion (Pulumi `protect`) and stay on the host if removed from the program
   * (`retainOnDelete`). @default true: volumes hold the database
   */
  protectVolumes?: boolean;
}

export const Labels = {
  image: "platform.ops/image",
  env: "platform.ops/env",
  secretRevision: "platform.ops/secret-revision",
  restartToken: "platform.ops/restart-token",
} as const;

const DefaultSshOpts = ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"];
const SshHost = /^ssh:\/\/[a-z_][a-z0-9_-]*@[A-Za-z0-9.-]+(:[0-9]+)?$/;
const Name = /^[a-z][-a-z0-9]{0,61}[a-z0-9]$/;
const NetworkName = new RegExp(NetworkNamePattern);
const MemoryPattern = /^([1-9][0-9]*)(Mi|Gi)$/;

/**
 * The containers of one Docker host: an explicit provider for the host, a private network, named
 * volumes (protected in prod), one pulled image per container, and containers with a restart policy,
 * healthcheck, limits, log rotation and no privilege, created in start order, each only once the
 * containers it depends on report healthy.
 */
export class DockerStack extends pulumi.ComponentResource {
  readonly provider: docker.Provider;
  readonly network: docker.Network;
  readonly volumes: Record<string, docker.Volume> = {};
  readonly images: Record<string, docker.RemoteImage> = {};
  readonly containers: Record<string, docker.Container> = {};
  /** Published ports by container: `host:port` addresses an engineer can curl. */
  readonly addresses: Record<string, string[]> = {};

  constructor(name: string, args: DockerStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:docker:Stack", name, {}, opts);
    const order = validate(name, args);
    const hostName = args.host.replace(/^ssh:\/\/[^@]+@/, "").replace(/:[0-9]+$/, "");

    this.provider = new docker.Provider(
      `${name}-host`,
      {
        host: args.host,
        sshOpts: args.sshOpts ?? DefaultSshOpts,
        registryAuth: (args.registries ?? []).map((address) => ({ address })),
      },
      { parent: this },
    );
    const onHost = { parent: this, provider: this.provider };

    this.network = new docker.Network(`${name}-network`, { name: args.network, driver: "bridge", labels: labelList(args.labels) }, onHost);

    // Every child is named after the component (`<name>-<kind>-<key>`), as pulumi-awsx and pulumi-eks
    // name theirs. Each carries the name it had before (the key alone, `<key>-image`) as an alias, so
    // that its URN carries over: the engine matches the old URN (same parent and type, the old name:
    // pulumi/pulumi pkg/resource/deploy/step_generator.go, collapseAliasToUrn) and renames it in the
    // state; nothing on the host is deleted or recreated. The aliases can go once every stack has
    // had a `pulumi up` with these names.
    const protect = args.protectVolumes ?? true;
    for (const [volumeName, volume] of sortedEntries(args.volumes)) {
      this.volumes[volumeName] = new docker.Volume(
        `${name}-volume-${volumeName}`,
        { name: volumeName, driver: volume.driver ?? "local", labels: labelList(args.labels) },
        { ...onHost, protect, retainOnDelete: protect, aliases: [{ name: volumeName }] },
      );
    }

    const logs = { maxSize: args.logs?.maxSize ?? "10m", maxFiles: args.logs?.maxFiles ?? 5 };
    for (const containerName of order) {
      const c = args.containers[containerName];
      // Kept on the host after a rollout, so rolling back to it is a start, not a pull.
      const image = new docker.RemoteImage(
        `${name}-image-${containerName}`,
        { name: c.image, keepLocally: true },
        { ...onHost, aliases: [{ name: `${containerName}-image` }] },
      );
      this.images[containerName] = image;
      this.containers[containerName] = new docker.Container(
        `${name}-container-${containerName}`,
        {
          name: containerName,
          // The image id, not its name: a name would read as a change at every refresh.
          image: image.imageId,
          restart: c.restart ?? "unless-stopped",
          memory: mebibytes(c.memory),
          // No swap beyond the limit: a leak hits the limit instead of slowing the host down.
          memorySwap: mebibytes(c.memory),
          // As the provider reads them back, so that nothing differs at refresh (./readBack.ts).
          cpus: dockerCpus(c.cpus),
          healthcheck: {
            tests: c.healthcheck.command,
            interval: goDuration(c.healthcheck.interval ?? "10s"),
            timeout: goDuration(c.healthcheck.timeout ?? "5s"),
            retries: c.healthcheck.retries ?? 5,
            startPeriod: c.healthcheck.startPeriod === undefined ? undefined : goDuration(c.healthcheck.startPeriod),
          },
          wait: true,
          waitTimeout: c.waitTimeoutSeconds ?? 180,
          mustRun: true,
          networkMode: this.network.name,
          networksAdvanced: [{ name: this.network.name, aliases: [containerName] }],
          ports: (c.ports ?? []).map((p) => ({ internal: p.container, external: p.host, ip: p.hostIp ?? "0.0.0.0", protocol: "tcp" })),
          mounts: sortedEntries(c.mounts ?? {}).map(([volumeName, target]) => ({
            type: "volume",
            source: this.volumes[volumeName].name,
            target,
          })),
          tmpfs: c.tmpfs && Object.keys(c.tmpfs).length ? c.tmpfs : undefined,
          entrypoints: c.entrypoint,
          command: c.command,
          uploads: c.uploads?.map((u) => ({ file: u.file, content: u.content, executable: u.executable ?? false })),
          envs: envList(c.env ?? {}, c.secretEnv ?? {}),
          labels: labelList({
            ...args.labels,
            [Labels.image]: c.image,
            // The env list is one secret when it holds any; this label keeps the plain part readable in a diff.
            [Labels.env]: JSON.stringify(Object.fromEntries(sortedEntries(c.env ?? {}))),
            ...(c.secretRevision ? { [Labels.secretRevision]: c.secretRevision } : {}),
            ...(c.restartToken ? { [Labels.restartToken]: c.restartToken } : {}),
          }),
          logDriver: "json-file",
          logOpts: { "max-size": logs.maxSize, "max-file": String(logs.maxFiles) },
          privileged: false,
          securityOpts: ["no-new-privileges:true"],
          init: c.init ?? false,
          stopTimeout: c.stopGraceSeconds ?? 30,
          destroyGraceSeconds: c.stopGraceSeconds ?? 30,
        },
        {
          ...onHost,
          aliases: [{ name: containerName }],
          dependsOn: [image, ...(c.dependsOn ?? []).map((dependency) => this.containers[dependency]), ...(c.secretSources ?? [])],
          // A fixed name and fixed host ports: the old container must go before the new one can start.
          deleteBeforeReplace: true,
          // The provider's update applies none of these to the running container, only to its state
          // (kreuzwerker/terraform-provider-docker v4.5.0 resource_docker_container_funcs.go,
          // resourceDockerContainerUpdate): a change must recreate it to take effect.
          replaceOnChanges: ["healthcheck", "init", "tmpfs"],
        },
      );
      this.addresses[containerName] = (c.ports ?? []).map((p) => `${hostName}:${p.host}`);
    }

    this.registerOutputs({
      provider: this.provider,
      network: this.network,
      volumes: this.volumes,
      images: this.images,
      containers: this.containers,
      addresses: this.addresses,
    });
  }
}

/** Checks the arguments before any child exists; returns the containers in start order. */
function validate(name: string, args: DockerStackArgs): string[] {
  const fail = argumentCheck("DockerStack", name);
  // Guard: the provider would otherwise dial the machine's own Docker daemon, or one in the clear.
  if (!SshHost.test(args.host)) fail("host", args.host, "an ssh://user@host address (never a local socket)");
  // Guard: names Docker takes for the network and the containers (`docker ps` shows them).
  if (!NetworkName.test(args.network)) fail("network", args.network, NetworkNameExpected);
  const ports = new Map<number, string>();
  for (const [containerName, c] of Object.entries(args.containers)) {
    const field = (key: string) => `containers.${containerName}.${key}`;
    if (!Name.test(containerName)) fail("containers", containerName, "keyed by lower-case container names");
    // Guard: limits Docker applies; a size it cannot parse or no CPU at all is no container.
    if (!MemoryPattern.test(c.memory)) fail(field("memory"), c.memory, "a memory size such as 512Mi or 2Gi");
    if (!(c.cpus > 0)) fail(field("cpus"), c.cpus, "a CPU count above 0");
    const [kind, ...rest] = c.healthcheck?.command ?? [];
    // Guard: `pulumi up` and the dependent containers wait for this check; one that runs nothing never passes.
    if (!((kind === "CMD" && rest.length > 0) || (kind === "CMD-SHELL" && rest.length === 1))) {
      fail(field("healthcheck.command"), c.healthcheck?.command, '["CMD", ...] or ["CMD-SHELL", "<command line>"]');
    }
    for (const key of ["interval", "timeout", "startPeriod"] as const) {
      const duration = c.healthcheck?.[key];
      // Guard: a duration is sent as Docker reads it back (goDuration, ./readBack.ts), which only <n>ms|s|m|h has.
      if (duration !== undefined && !GoDurationInput.test(duration)) fail(field(`healthcheck.${key}`), duration, "a duration such as 500ms, 10s, 1m or 1h");
    }
    for (const port of c.ports ?? []) {
      // Guard: the second container on one host port cannot start on the host.
      if (ports.has(port.host)) fail(field("ports"), port.host, `a host port no other container publishes (${ports.get(port.host)} does)`);
      ports.set(port.host, containerName);
    }
    for (const [volumeName, target] of Object.entries(c.mounts ?? {})) {
      // Guard: only the stack's own volumes are mounted, never a host path (docker.sock, host files).
      if (!Object.hasOwn(args.volumes, volumeName))
        fail(field("mounts"), volumeName, `a volume declared on the stack (${Object.keys(args.volumes).join(", ")})`);
      if (!target.startsWith("/")) fail(field(`mounts.${volumeName}`), target, "an absolute path in the container");
    }
    for (const envName of Object.keys(c.secretEnv ?? {})) {
      // Guard: one name twice in the env list, and a plain value where a secret belongs (the env label shows plain values).
      if (envName in (c.env ?? {})) fail(field("env"), envName, "free of names that secretEnv sets (a secret is never a plain value)");
    }
  }
  return startOrder(name, args.containers);
}

/** Dependencies first; a missing or circular dependency is an argument error. */
function startOrder(name: string, containers: Record<string, DockerContainerArgs>): string[] {
  const fail = argumentCheck("DockerStack", name);
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (containerName: string, chain: string[]) => {
    if (state.get(containerName) === "done") return;
    // Guard: the start order exists only without a cycle and with every dependency declared here.
    if (state.get(containerName) === "visiting") fail(`containers.${containerName}.dependsOn`, [...chain, containerName].join(" → "), "free of cycles");
    state.set(containerName, "visiting");
    for (const dependency of containers[containerName].dependsOn ?? []) {
      if (!Object.hasOwn(containers, dependency)) {
        fail(`containers.${containerName}.dependsOn`, dependency, `names of containers declared on the stack (${Object.keys(containers).sort().join(", ")})`);
      }
      visit(dependency, [...chain, containerName]);
    }
    state.set(containerName, "done");
    order.push(containerName);
  };
  for (const containerName of Object.keys(containers).sort()) visit(containerName, []);
  return order;
}

/** `KEY=value` lines, sorted; a single Pulumi secret as soon as one value is secret. */
function envList(env: Record<string, string>, secretEnv: Record<string, pulumi.Input<string>>): pulumi.Input<string[]> {
  const plain = sortedEntries(env).map(([key, value]) => `${key}=${value}`);
  const secretNames = Object.keys(secretEnv).sort();
  if (secretNames.length === 0) return plain;
  const values = pulumi.all(secretNames.map((key) => secretEnv[key]));
  return pulumi.secret(values.apply((resolved) => [...plain, ...secretNames.map((key, i) => `${key}=${resolved[i] ?? ""}`)].sort()));
}

function labelList(labels: Record<string, string>): { label: string; value: string }[] {
  return sortedEntries(labels).map(([label, value]) => ({ label, value }));
}

function sortedEntries<T>(map: Record<string, T>): [string, T][] {
  return Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
}

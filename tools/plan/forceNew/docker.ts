import { ForceNewTable } from "./types";

/**
 * @pulumi/docker 5.2.0 was built from a kreuzwerker release later than any stored here: its SDK has a
 * container input, `deviceCgroupRules` (kreuzwerker issue #975), that v4.5.0 and the stored master lack.
 * These lists are read at v4.5.0 (pulumi-docker v5.1.0's upstream, and its stored master's), which has
 * every other input of the SDK's Container, Network, RemoteImage and Volume; re-read them at the release
 * behind the pin when its source can be had.
 */
export const Docker: ForceNewTable = new Map([
  // kreuzwerker/terraform-provider-docker v4.5.0 internal/provider/resource_docker_container.go (ForceNew)
  [
    "docker:index/container:Container",
    [
      // Set by this project. It also sets destroyGraceSeconds, healthcheck, init, memory, memorySwap, mustRun, restart, tmpfs, wait and
      // waitTimeout, which are not ForceNew: the update applies restart, memory, memorySwap and mustRun; healthcheck, init, tmpfs and the
      // rest change only in the state, not in the running container (resource_docker_container_funcs.go resourceDockerContainerUpdate).
      "cpus",
      "entrypoints",
      "envs",
      "image",
      "labels",
      "logDriver",
      "logOpts",
      "mounts",
      "name",
      "networkMode",
      "networksAdvanced",
      "ports",
      "privileged",
      "securityOpts",
      "stopTimeout",
      "uploads",
      // (mounts is a ForceNew set whose own fields are mostly not: listed whole, as index.ts says of sets.) Then every other ForceNew
      // input; an input not listed updates (deviceCgroupRules, in the SDK, is not in v4.5.0).
      "capabilities",
      "cgroupParent",
      "cgroupnsMode",
      "command",
      "deviceRequests",
      "devices",
      "dns",
      "dnsOpts",
      "dnsSearches",
      "domainname",
      "gpus",
      "groupAdds",
      "hostname",
      "hosts",
      "ipcMode",
      "pidMode",
      "platform",
      "publishAllPorts",
      "readOnly",
      "runtime",
      "shmSize",
      "stdinOpen",
      "stopSignal",
      "storageOpts",
      "sysctls",
      "tty",
      "ulimits",
      "user",
      "usernsMode",
      "volumes",
      "workingDir",
    ],
  ],
  // kreuzwerker/terraform-provider-docker v4.5.0 internal/provider/resource_docker_network.go (no update: every input is ForceNew)
  ["docker:index/network:Network", ["*"]],
  // kreuzwerker/terraform-provider-docker v4.5.0 internal/provider/resource_docker_image.go (docker_image; keepLocally, forceRemove update)
  ["docker:index/remoteImage:RemoteImage", ["name", "platform", "pullTriggers", "triggers", "build"]],
  // kreuzwerker/terraform-provider-docker v4.5.0 internal/provider/resource_docker_volume.go (all but cluster.availability, which updates)
  [
    "docker:index/volume:Volume",
    [
      "name",
      "driver",
      "driverOpts",
      "labels",
      "cluster.scope",
      "cluster.sharing",
      "cluster.type",
      "cluster.topologyPreferred",
      "cluster.topologyRequired",
      "cluster.requiredBytes",
      "cluster.limitBytes",
      "cluster.group",
    ],
  ],
]);

import { Container, RemoteImage } from "@pulumi/docker";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { imageProblem, requireDigestSchema } from "../lib/images";
import { asArray, peek, Unknown } from "../lib/values";

const containerName = (c: { name?: string }, fallback: string) => c.name ?? fallback;

const privilegedInfo: RuleInfo = {
  name: "docker-not-privileged",
  description: 'Docker containers are never privileged (CIS Docker Benchmark 5.5, KICS "Privileged Containers Enabled").',
  severity: "critical",
  remediation: "Remove `privileged: true`; grant the single capability the container needs (capabilities.adds) instead.",
};

export const dockerNotPrivileged = resourceRule(
  privilegedInfo,
  validateResourceOfType(Container, (c, args, report) => {
    if (c.privileged === true) report(`Container "${containerName(c, args.name)}" is privileged.`);
  }),
);

const socketInfo: RuleInfo = {
  name: "docker-no-docker-socket",
  description:
    'No container mounts the Docker socket, which is root on the host (CIS Docker Benchmark 5.32, Checkov CKV_K8S_27, KICS "Docker Socket Mounted In Container").',
  severity: "critical",
  remediation: "Remove the /var/run/docker.sock volume or mount; run the job that needs Docker from the host or CI instead.",
};

export const dockerNoDockerSocket = resourceRule(
  socketInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const sources = [...asArray(c.volumes).map((v) => v.hostPath), ...asArray(c.mounts).map((m) => m.source)];
    for (const source of sources) {
      if (source && /docker\.sock$/.test(source)) report(`Container "${containerName(c, args.name)}" mounts the Docker socket ${source}.`);
    }
  }),
);

const hostNamespaceInfo: RuleInfo = {
  name: "docker-no-host-network",
  description: "No container shares the host's network, PID or IPC namespace (CIS Docker Benchmark 5.10, 5.16, 5.17).",
  severity: "high",
  remediation: "Attach the container to the product's Docker network (`networksAdvanced`) and publish only the ports it serves.",
};

export const dockerNoHostNetwork = resourceRule(
  hostNamespaceInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const shared = (["networkMode", "pidMode", "ipcMode"] as const).filter((k) => c[k] === "host");
    if (shared.length) report(`Container "${containerName(c, args.name)}" uses the host's namespace for ${shared.join(", ")}.`);
  }),
);

const memoryInfo: RuleInfo = {
  name: "docker-memory-limit",
  description: "Every container has a memory limit, so one leak cannot take the whole host down (CIS Docker Benchmark 5.11).",
  severity: "medium",
  remediation: "Set `memory` (MB) for the container in Pulumi.<stack>.yaml.",
};

export const dockerMemoryLimit = resourceRule(
  memoryInfo,
  validateResourceOfType(Container, (c, args, report) => {
    if (!(typeof c.memory === "number" && c.memory > 0)) report(`Container "${containerName(c, args.name)}" has no memory limit.`);
  }),
);

const healthInfo: RuleInfo = {
  name: "docker-healthcheck",
  description: "Every container has a healthcheck, so Docker (and `wait`) know when it is really up (CIS Docker Benchmark 5.27).",
  severity: "medium",
  remediation: 'Set `healthcheck.tests` (for example ["CMD", "pg_isready"] or a curl of the health path) for the container.',
};

export const dockerHealthcheck = resourceRule(
  healthInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const tests = asArray(c.healthcheck?.tests);
    if (!tests.length || tests[0] === "NONE") report(`Container "${containerName(c, args.name)}" has no healthcheck.`);
  }),
);

const imageInfo: RuleInfo = {
  name: "docker-image-pinned",
  description:
    "Docker images follow the one image rule of every workload kind (policies/lib/images.ts): a release tag, never untagged, :latest or a moving channel/major tag, and a digest where required (CIS Docker Benchmark 5.28).",
  severity: "high",
  remediation: "Use a fixed version tag (postgres:16.4) or `@sha256:<digest>` for the image in Pulumi.<stack>.yaml.",
  config: { requireDigest: requireDigestSchema(false) },
};

export const dockerImagePinned = resourceRule(
  imageInfo,
  validateResourceOfType(Container, (c, args, report) => {
    const { requireDigest } = settings<{ requireDigest: boolean }>(imageInfo, args);
    // An unknown image is a RemoteImage's id: that image is checked where it is named.
    const image = peek(() => c.image);
    if (image === Unknown) return;
    const problem = imageProblem(image, requireDigest);
    if (problem) report(`Container "${containerName(c, args.name)}": ${problem}.`);
  }),
  validateResourceOfType(RemoteImage, (i, args, report) => {
    const { requireDigest } = settings<{ requireDigest: boolean }>(imageInfo, args);
    const problem = imageProblem(i.name, requireDigest);
    if (problem) report(`RemoteImage ${args.name}: ${problem}.`);
  }),
);

export const dockerPolicies: ResourceValidationPolicy[] = [
  dockerNotPrivileged,
  dockerNoDockerSocket,
  dockerNoHostNetwork,
  dockerMemoryLimit,
  dockerHealthcheck,
  dockerImagePinned,
];

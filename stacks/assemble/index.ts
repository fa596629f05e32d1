import * as pulumi from "@pulumi/pulumi";
import { StackSpec } from "../schema";
import { assembleAtlas } from "./atlas";
import { assembleCloudRun } from "./cloudRun";
import { createAssembly } from "./context";
import { assembleDocker, DockerHostOutputs } from "./docker";
import { assembleKubernetes, KubernetesAppOutputs } from "./kubernetes";
import { assembleMonitoring } from "./monitoring";
import { assembleOncall } from "./oncall";
import { assembleSecrets } from "./secrets";
import { assembleCiAccess } from "./ciAccess";
import { assembleVercel, VercelProjectOutputs } from "./vercel";

/** The stack's outputs: what an on-call engineer looks up after `pulumi up`. */
export interface StackOutputs {
  cloudRunUrls: Record<string, pulumi.Output<string>>;
  /** Production URL and health endpoint URLs per Vercel project (for monitoring). */
  vercelProjects: Record<string, VercelProjectOutputs>;
  /** Context, namespace and in-cluster address per Kubernetes app (for kubectl). */
  kubernetesApps: Record<string, KubernetesAppOutputs>;
  /** The Docker host and its containers' published addresses (Spilt Tea), when declared. */
  dockerHost?: DockerHostOutputs;
}

/** Spec → components. The only place that knows both the stack files and the components. */
export function assembleStack(spec: StackSpec): StackOutputs {
  const a = createAssembly(spec);
  const atlas = assembleAtlas(a);
  const secrets = assembleSecrets(a, atlas.connectionStrings);
  const services = assembleCloudRun(a, secrets);
  const vercelProjects = assembleVercel(a, secrets, services);
  const kubernetesApps = assembleKubernetes(a, secrets);
  const dockerHost = assembleDocker(a, secrets);
  const oncall = assembleOncall(a);
  assembleMonitoring(a, { oncall, secrets, cloudRun: services, vercelProjects, atlasProjects: atlas.projectIds, atlasProvider: atlas.provider });
  assembleCiAccess(a, secrets);
  return {
    cloudRunUrls: Object.fromEntries([...services].map(([name, service]) => [name, service.url])),
    vercelProjects: Object.fromEntries(vercelProjects),
    kubernetesApps: Object.fromEntries(kubernetesApps),
    // A stack without a Docker host has no such output (an undefined one only earns a warning).
    ...(dockerHost ? { dockerHost } : {}),
  };
}

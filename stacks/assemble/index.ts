import * as pulumi from "@pulumi/pulumi";
import { StackSpec } from "../schema";
import { assembleCloudRun } from "./cloudRun";
import { createAssembly } from "./context";
import { assembleSecrets } from "./secrets";
import { assembleVercel, VercelProjectOutputs } from "./vercel";

/** The stack's outputs: what an on-call engineer looks up after `pulumi up`. */
export interface StackOutputs {
  cloudRunUrls: Record<string, pulumi.Output<string>>;
  /** Production URL and health endpoint URLs per Vercel project (for monitoring). */
  vercelProjects: Record<string, VercelProjectOutputs>;
}

/** Spec → components. The only place that knows both the stack files and the components. */
export function assembleStack(spec: StackSpec): StackOutputs {
  const a = createAssembly(spec);
  const secrets = assembleSecrets(a);
  const services = assembleCloudRun(a, secrets);
  const vercelProjects = assembleVercel(a, secrets, services);
  return {
    cloudRunUrls: Object.fromEntries([...services].map(([name, service]) => [name, service.url])),
    vercelProjects: Object.fromEntries(vercelProjects),
  };
}

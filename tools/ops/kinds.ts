import { at, keysAt } from "./config";
import { Config, Target, TargetKind } from "./procedure";

/** The workloads the runbooks operate: one kind per platform, named as `--kind` takes them. */

/** One target per key of the map at `base`, named by its key (and any aliases). */
export const mapTargets = (kind: string, base: string[], config: Config, aliases: (id: string) => string[] = () => []): Target[] =>
  keysAt(config, base).map((id) => ({ kind, id, aliases: aliases(id), path: [...base, id] }));

/** `cloudrun` is its name of before issue 23 (one spelling per area: cloudRun, kebab-case cloud-run). */
export const CloudRunKind: TargetKind = {
  name: "cloud-run",
  formerNames: ["cloudrun"],
  noun: "Cloud Run service",
  list: (config) => mapTargets("cloud-run", ["platform:cloudRun"], config),
};

/** `k8s` is its name of before issue 23, kept as the short name kubectl users type. */
export const KubernetesKind: TargetKind = {
  name: "kubernetes",
  formerNames: ["k8s"],
  noun: "Kubernetes app",
  list: (config) => mapTargets("kubernetes", ["platform:kubernetes", "apps"], config),
};

/** A project is known by its key; staging's physical `name:` (fixzit-staging) resolves too. */
export const VercelKind: TargetKind = {
  name: "vercel",
  noun: "Vercel project",
  list: (config) =>
    mapTargets("vercel", ["platform:vercel", "projects"], config, (id) => {
      const name = at(config, ["platform:vercel", "projects", id, "name"]);
      return typeof name === "string" && name !== id ? [name] : [];
    }),
};

/** Containers also answer to their docker-compose service name (`backend` for spilttea-backend). */
export const DockerKind: TargetKind = {
  name: "docker",
  noun: "Docker container",
  list: (config) => {
    const product = at(config, ["platform:docker", "product"]);
    return mapTargets("docker", ["platform:docker", "containers"], config, (id) =>
      typeof product === "string" && id.startsWith(`${product}-`) ? [id.slice(product.length + 1)] : [],
    );
  },
};

export const WorkloadKinds = [CloudRunKind, KubernetesKind, VercelKind, DockerKind];

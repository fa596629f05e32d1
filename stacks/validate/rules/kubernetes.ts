import { egressProblem } from "../../../components/kubernetes/networkPolicy";
import { cpuCores, memoryBytes } from "../../../components/quantity";
import { StackSpec } from "../../schema";
import { suggestion } from "../closest";
import { entriesOf, Rule, RuleContext } from "./context";

const Kubernetes = "platform:kubernetes";

export type KubernetesSpec = NonNullable<StackSpec["kubernetes"]>;
export type KubernetesAppSpec = KubernetesSpec["apps"][string];

type At = (...key: (string | number)[]) => (string | number)[];

export const kubernetesRules: Rule = (ctx) => {
  const settings = ctx.config[Kubernetes];
  if (!settings || typeof settings !== "object") return;
  const clusters = entriesOf(settings.clusters).map(([key]) => key);
  const physical = new Map<string, string>();
  for (const [appName, app] of entriesOf(settings.apps)) {
    if (app === null || typeof app !== "object") continue;
    const at: At = (...path) => [Kubernetes, "apps", appName, ...path];
    // Each check reads only parts that passed the schema, so one bad key does not hide the others.
    if (ctx.isSound(at("cluster")) && !clusters.includes(app.cluster)) {
      ctx.report(at("cluster"), `expected a cluster declared under ${Kubernetes}.clusters, found "${app.cluster}"${suggestion(app.cluster, clusters)}`);
    }
    if (ctx.isSound(at("autoscaling")) && ctx.isSound(at("replicas"))) checkScaling(ctx, app, at);
    if (ctx.isSound(at("resources"))) checkResources(ctx, app, at);
    if (ctx.isSound(at("probes")) && ctx.isSound(at("port"))) checkProbes(ctx, app, at);
    if (ctx.isSound(at("secret"))) checkSecret(ctx, app, at);
    if (ctx.isSound(at("networkPolicy"))) checkNetworkPolicy(ctx, app, at);
    if (ctx.isSound(at("namespace")) && ctx.isSound(at("secret")) && ctx.isSound(at("service"))) {
      checkNames(ctx, appName, app, at, physical);
    }
  }
};

/** The fewest and most pods the app runs, as the component will deploy it. */
function podRange(app: KubernetesAppSpec): [number, number] | undefined {
  if (app.autoscaling.enabled) return [app.autoscaling.minReplicas, app.autoscaling.maxReplicas];
  return app.replicas === undefined ? undefined : [app.replicas, app.replicas];
}

function checkScaling(ctx: RuleContext, app: KubernetesAppSpec, at: At) {
  const { autoscaling } = app;
  if (autoscaling.minReplicas > autoscaling.maxReplicas) {
    ctx.report(at("autoscaling", "minReplicas"), `expected at most maxReplicas (${autoscaling.maxReplicas}), found ${autoscaling.minReplicas}`);
  }
  if (autoscaling.enabled && app.replicas !== undefined) {
    // pulumi-kubernetes #2491/#2569: a static count under an HPA is reset by every `pulumi up`.
    ctx.report(at("replicas"), `expected no replicas while autoscaling is enabled (the HPA owns the pod count), found ${app.replicas}`);
  }
  if (!autoscaling.enabled && app.replicas === undefined) {
    ctx.report(at("replicas"), "missing; expected a pod count from 1 to 1000 while autoscaling.enabled is false");
  }
  const range = podRange(app);
  if (!range || autoscaling.minReplicas > autoscaling.maxReplicas) return;
  const [minPods, maxPods] = range;
  const minAvailable = app.disruptionBudget?.minAvailable;
  if (minAvailable !== undefined && ctx.isSound(at("disruptionBudget")) && minAvailable >= minPods) {
    ctx.report(
      at("disruptionBudget", "minAvailable"),
      `expected fewer than the fewest pods (${minPods}), or no node can ever be drained, found ${minAvailable}`,
    );
  }
  const maxUnavailable = app.rollout?.maxUnavailable;
  const floor = minAvailable ?? minPods - 1;
  if (maxUnavailable !== undefined && ctx.isSound(at("rollout")) && minPods - maxUnavailable < floor) {
    ctx.report(
      at("rollout", "maxUnavailable"),
      `expected at most ${Math.max(minPods - floor, 0)}, so a rollout never drops below the disruption budget (${floor} of ${minPods} pods), found ${maxUnavailable}`,
    );
  }
  if (app.storage && ctx.isSound(at("storage"))) checkStorageWriters(ctx, app.storage, maxPods, at);
}

/**
 * A claim other than ReadWriteMany has one writer. Several pods spread over nodes cannot all attach
 * it, and even one pod has a second beside it at every rollout (maxSurge ≥ 1, maxUnavailable 0): on
 * the same node both write it at once, on another the new pod waits for it and the rollout never
 * ends. ReadWriteOnce is accepted for one pod only when the stack file declares it `shared`.
 */
function checkStorageWriters(ctx: RuleContext, storage: NonNullable<KubernetesAppSpec["storage"]>, maxPods: number, at: At) {
  const mode = storage.accessMode;
  if (mode === "ReadWriteMany") return;
  if (maxPods > 1) {
    ctx.report(
      at("storage", "accessMode"),
      `expected ReadWriteMany for up to ${maxPods} pods spread over several nodes (a ${mode} volume attaches to one node${mode === "ReadWriteOncePod" ? " and one pod" : ""}), found ${mode}`,
    );
  } else if (mode === "ReadWriteOncePod") {
    ctx.report(
      at("storage", "accessMode"),
      `expected ReadWriteMany (or ReadWriteOnce with shared: true): a rollout's new pod waits for this ReadWriteOncePod claim while the old pod waits for the new one, so the rollout never ends, found ${mode}`,
    );
  } else if (storage.shared !== true) {
    ctx.report(
      at("storage", "accessMode"),
      `expected ReadWriteMany, or shared: true if two pods may write it at once: at every rollout the new pod mounts this ReadWriteOnce claim read-write beside the old one (on another node it waits for it, and the rollout never ends), found ${mode}`,
    );
  }
}

function checkResources(ctx: RuleContext, app: KubernetesAppSpec, at: At) {
  for (const kind of ["cpu", "memory"] as const) {
    const parse = kind === "cpu" ? cpuCores : memoryBytes;
    const request = app.resources.requests[kind];
    const limit = app.resources.limits[kind];
    if (parse(limit)! < parse(request)!) {
      ctx.report(at("resources", "limits", kind), `expected at least the request (requests.${kind}: ${request}), found ${limit}`);
    }
  }
}

function checkProbes(ctx: RuleContext, app: KubernetesAppSpec, at: At) {
  for (const [kind, probe] of Object.entries(app.probes ?? {})) {
    if (probe?.port !== undefined && probe.port !== app.port) {
      ctx.report(at("probes", kind, "port"), `expected a port the container exposes (port: ${app.port}), found ${probe.port}`);
    }
  }
}

function checkSecret(ctx: RuleContext, app: KubernetesAppSpec, at: At) {
  if (!app.secret) return;
  const secrets = Object.fromEntries(entriesOf(ctx.config["platform:secrets"]));
  const declared = Object.keys(secrets);
  for (const [key, ref] of Object.entries(app.secret.data)) {
    const where = at("secret", "data", key);
    if (ctx.isSound(at("env")) && key in app.env) {
      ctx.report(where, `expected a key not also set in env, found ${key} in both (a secret must never be a plain value)`);
    }
    if (!declared.includes(ref.secret)) {
      ctx.report([...where, "secret"], `expected a secret declared under platform:secrets, found "${ref.secret}"${suggestion(ref.secret, declared)}`);
    } else if (secrets[ref.secret]?.generate && ref.version !== undefined) {
      ctx.report([...where, "version"], `expected no version: ${ref.secret} is generated and follows its rotation key, found "${ref.version}"`);
    }
  }
}

/** What the schema cannot say of an egress rule: octets above 255, or a /0 that opens the cluster itself. */
function checkNetworkPolicy(ctx: RuleContext, app: KubernetesAppSpec, at: At) {
  for (const [name, rule] of Object.entries(app.networkPolicy?.egress ?? {})) {
    const problem = egressProblem(rule);
    if (problem) ctx.report(at("networkPolicy", "egress", name, problem.key), `expected ${problem.expected}, found ${JSON.stringify(problem.found)}`);
  }
}

/** Two apps in one namespace must not claim the same object names. */
function checkNames(ctx: RuleContext, appName: string, app: KubernetesAppSpec, at: At, physical: Map<string, string>) {
  const claim = (kind: string, name: string, path: (string | number)[]) => {
    const key = `${app.cluster}/${app.namespace}/${kind}/${name}`;
    const other = physical.get(key);
    if (other !== undefined) ctx.report(path, `expected a ${kind} name unused in namespace ${app.namespace}, found "${name}", also used by ${other}`);
    else physical.set(key, `${Kubernetes}.apps.${appName}`);
  };
  claim("Service", app.service?.name ?? `${appName}-service`, at("service", "name"));
  if (app.secret) claim("Secret", app.secret.name, at("secret", "name"));
}

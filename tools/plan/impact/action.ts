import type { Step } from "../diff";
import { pathWithin } from "../paths";

/**
 * What the provider will really do for a step, in words: a replacement that deletes first is
 * downtime, a Cloud Run template change is a new revision, a pod template change is a rollout.
 * Only what the step's own record shows is said; where it depends on the cloud, the words say so.
 */
export function actionOf(step: Step): string {
  switch (step.op) {
    case "same":
      return step.aliasedFrom ? "unchanged in the cloud: only its URN changes in the state" : "unchanged";
    case "create":
      return step.silentReplacement ? "created (the old URN's resource is deleted: no alias)" : "created";
    case "delete":
      return step.old!.retainOnDelete ? "removed from the stack; kept in the cloud (retainOnDelete)" : "deleted";
    case "replace":
      return replacement(step);
    case "update":
      return update(step);
  }
}

const changed = (step: Step, entry: string) => step.changes.some((c) => c.inputDiff && (pathWithin(c.path, entry) || pathWithin(entry, c.path)));
const onlyChanged = (step: Step, entries: string[]) => step.changes.every((c) => !c.inputDiff || entries.some((e) => pathWithin(c.path, e)));

function replacement(step: Step): string {
  const r = step.new!;
  const name = fixedName(r.inputs);
  if (step.type === "vercel:index/deployment:Deployment") return "a new production build, promoted when it is ready; the old deployment stays in Vercel";
  if (step.type === "random:index/randomPassword:RandomPassword") return "replaced: a new value is generated";
  if (step.type === "gcp:secretmanager/secretVersion:SecretVersion") {
    const policy = r.inputs.deletionPolicy;
    return `replaced: a new version is written${policy === "DISABLE" ? ", the old one disabled" : policy === "ABANDON" ? ", the old one kept" : ", the old one destroyed"}`;
  }
  if (step.type === "docker:index/remoteImage:RemoteImage") return "replaced: the new image is pulled";
  if (r.deleteBeforeReplace) return `replaced, deleting first (deleteBeforeReplace): ${name ? `\`${name}\`` : "it"} is down until the new one is up`;
  // pulumi-kubernetes deletes first when the object is named and keeps its name (provider.go, Diff).
  if (step.type.startsWith("kubernetes:") && name && step.old?.inputs.metadata?.name === name)
    return `replaced, deleting first (the name \`${name}\` is fixed): it is gone until the new one is created`;
  return `replaced: the new one is created, then the old one deleted${name ? ` (with the fixed name \`${name}\` the provider may have to delete first: downtime)` : ""}`;
}

function update(step: Step): string {
  const inputs = step.new!.inputs;
  if (step.changes.every((c) => !c.inputDiff)) return "updated: resource options only, nothing changes in the cloud";
  switch (step.type) {
    case "gcp:cloudrunv2/service:Service": {
      const serves = ((inputs.traffics ?? []) as { type?: string; percent?: number }[]).some(
        (t) => t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" && (t.percent ?? 0) > 0,
      );
      if (changed(step, "template"))
        return serves
          ? "updated in place: rolls a new revision, which takes the traffic"
          : "updated in place: rolls a new revision that gets no traffic (traffic stays pinned)";
      if (changed(step, "traffics")) return "updated in place: traffic moves between revisions, no new revision";
      return "updated in place: no new revision";
    }
    case "kubernetes:apps/v1:Deployment":
      if (changed(step, "spec.template")) return "rolling update: new pods start and replace the old ones a few at a time";
      if (onlyChanged(step, ["spec.replicas"])) return `scaled to ${inputs.spec?.replicas} pods, no restart`;
      return "updated in place, no new pods";
    case "docker:index/container:Container":
      return "updated in place (docker update): the running container is not restarted";
    case "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable":
      return "updated in place: deployments made from now on get the new value";
    case "kubernetes:core/v1:Secret":
      return "updated in place: pods read it when they start";
    default:
      return "updated in place";
  }
}

/** A physical name the program fixes (not an image reference or a value known only after apply). */
function fixedName(inputs: Record<string, unknown>): string | undefined {
  const metadata = inputs.metadata as Record<string, unknown> | undefined;
  const name = metadata?.name ?? inputs.name;
  return typeof name === "string" && /^[A-Za-z0-9_.-]+$/.test(name) ? name : undefined;
}

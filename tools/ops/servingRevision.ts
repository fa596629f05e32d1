import { at, keysAt } from "./config";
import { OpsError } from "./errors";
import { Config } from "./procedure";
import { DbUserKind } from "./procedures/atlas";

/**
 * While a Cloud Run service's traffic is pinned to a revision (or split between named revisions
 * only), a change of its revision template rolls a new revision that gets 0 % of the traffic
 * (Cloud Run "Rollbacks, gradual rollouts, and traffic migration"): a restart, a scale, an env
 * change, a rotation of a secret it reads or a new image would not reach what serves. Such an edit
 * is refused, with the two ways that do reach it: roll forward (remove the pin), or roll back by
 * image (a new revision of the old image with today's settings, and no pin).
 */
const CloudRun = "platform:cloudRun";

/** Why the service's traffic does not follow the latest revision, or undefined when it does. */
export function servingPin(config: Config, service: string): string | undefined {
  const pin = at(config, [CloudRun, service, "traffic", "pinRevision"]);
  if (typeof pin === "string") return `serves the pinned revision ${pin} (traffic.pinRevision)`;
  const split = at(config, [CloudRun, service, "traffic", "split"]);
  if (Array.isArray(split) && !split.some((t) => at(t as Config, ["latest"]) === true)) {
    return "splits its traffic between named revisions only (traffic.split, no latest: true)";
  }
  return undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The secrets whose value the edit changes: their own entries, or the Atlas user that writes one. */
function changedSecrets(before: Config, after: Config): Set<string> {
  const changed = new Set<string>();
  for (const id of new Set([...keysAt(before, ["platform:secrets"]), ...keysAt(after, ["platform:secrets"])])) {
    if (!same(at(before, ["platform:secrets", id]), at(after, ["platform:secrets", id]))) changed.add(id);
  }
  for (const user of DbUserKind.list(after)) {
    const secret = at(after, [...user.path, "connectionStringSecret"]);
    if (typeof secret === "string" && !same(at(before, user.path), at(after, user.path))) changed.add(secret);
  }
  return changed;
}

/** What of the service's revision the edit changes, as stack-file keys; empty when nothing. */
function revisionChanges(before: Config, after: Config, service: string, secrets: Set<string>): string[] {
  const changes: string[] = [];
  const keys = new Set([...keysAt(before, [CloudRun, service]), ...keysAt(after, [CloudRun, service])]);
  for (const key of [...keys].filter((k) => k !== "traffic").sort()) {
    if (!same(at(before, [CloudRun, service, key]), at(after, [CloudRun, service, key]))) changes.push(key);
  }
  for (const env of keysAt(after, [CloudRun, service, "secretEnv"])) {
    const secret = at(after, [CloudRun, service, "secretEnv", env, "secret"]);
    if (typeof secret === "string" && secrets.has(secret)) changes.push(`the secret ${secret} (read as ${env})`);
  }
  return changes;
}

/** Throws when the edit changes the revision of a Cloud Run service whose traffic stays pinned. */
export function refuseChangesThatMissTheServingRevision(before: Config, after: Config, file: string): void {
  const secrets = changedSecrets(before, after);
  for (const service of keysAt(after, [CloudRun])) {
    const pin = servingPin(after, service);
    if (!pin) continue;
    const changes = revisionChanges(before, after, service, secrets);
    if (changes.length === 0) continue;
    throw new OpsError(
      `${service} ${pin} in ${file}: this change (${changes.join(", ")}) would roll a new revision that gets 0 % of the traffic, ` +
        `so it would not reach what serves. First roll forward (\`rollback ${service} --undo\`), or roll back by image ` +
        `(\`rollback ${service} --to <image>\`: a new revision of that image with today's settings, unpinned); then run this again`,
    );
  }
}

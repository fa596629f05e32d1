import { byCloseness } from "../../stacks/validate/closest";
import { OpsError } from "./errors";
import { Config, Target, TargetKind } from "./procedure";

const names = (t: Target) => [t.id, ...t.aliases];

/**
 * The one target a word names among the given kinds. Exact names first, then any case. An unknown
 * word lists the valid ones, closest first; a word that several kinds share asks for `--kind`.
 */
export function resolveTarget(word: string, kinds: TargetKind[], config: Config, file: string, kindFlag?: string, otherKinds: TargetKind[] = []): Target {
  const pool = kindFlag ? kinds.filter((k) => k.name === kindFlag || k.formerNames?.includes(kindFlag)) : kinds;
  if (pool.length === 0) {
    throw new OpsError(`--kind ${kindFlag}: expected one of ${kinds.map((k) => k.name).join("|")} here`);
  }
  const all = pool.flatMap((k) => k.list(config));
  let matches = all.filter((t) => names(t).includes(word));
  if (matches.length === 0) matches = all.filter((t) => names(t).some((n) => n.toLowerCase() === word.toLowerCase()));
  const nouns = pool.map((k) => `${k.noun}s`).join(", ");
  const nounOr = pool.map((k) => k.noun).join(" or ");
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const kindsHit = [...new Set(matches.map((m) => m.kind))];
    if (kindsHit.length > 1) {
      const what = kindsHit.map((k) => `a ${kinds.find((x) => x.name === k)!.noun}`).join(" and ");
      throw new OpsError(`"${word}" is ${what} in ${file}: say which with --kind ${kindsHit.join("|")}`);
    }
    throw new OpsError(`"${word}" names ${matches.length} ${nouns}: ${matches.map((m) => m.id).join(", ")}; give the full name`);
  }
  // A name of another kind (a Vercel project given to `env`) is not unknown: say what it is.
  const foreign = otherKinds.filter((k) => !pool.includes(k)).find((k) => k.list(config).some((t) => names(t).includes(word)));
  if (foreign) throw new OpsError(`"${word}" is a ${foreign.noun} in ${file}, and this procedure takes ${nouns}`);
  if (all.length === 0) throw new OpsError(`${file} declares no ${nouns}`);
  const valid = byCloseness(word, [...new Set(all.map((t) => t.id))]);
  throw new OpsError(`unknown ${nounOr} "${word}" in ${file}; valid: ${valid.join(", ")} (closest first)`);
}

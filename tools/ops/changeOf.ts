import { OpsArgs } from "./args";
import { OpsError } from "./errors";
import { Change, Config, Procedure } from "./procedure";
import { allKinds, kindsOf } from "./registry";
import { resolveTarget } from "./resolve";

/** Resolves the target(s), picks the procedure for their kind, and collects its edits. */
export function changeOf(args: OpsArgs, variants: Procedure[], config: Config, file: string, stack: string, now: Date): { header: string; change: Change } {
  const name = args.procedure!;
  const kinds = kindsOf(variants);
  const many = variants.some((v) => v.manyTargets);
  const [first, ...rest] = args.words;
  if (first === undefined) throw new OpsError(`${name} what? name the ${kinds.map((k) => k.noun).join(" or ")}`, name);
  const targets = (many ? args.words : [first]).map((word) => resolveTarget(word, kinds, config, file, args.kind, allKinds));
  const change: Change = { edits: [], replaces: [] };
  const already: string[] = [];
  for (const target of targets) {
    const variant = variants.find((v) => v.kinds.includes(target.kind))!;
    const foreign = Object.keys(args.options).filter((o) => !(o in variant.options));
    if (foreign.length) {
      const takes =
        Object.keys(variant.options)
          .map((o) => `--${o}`)
          .join(", ") || "no options of its own";
      throw new OpsError(
        `${foreign.map((o) => `--${o}`).join(", ")} does not apply to ${target.kind} ${target.id} (\`${variant.synopsis}\` takes ${takes})`,
        name,
      );
    }
    const one = variant.change({ stack, file, config, target, words: many ? [] : rest, options: args.options, now });
    change.edits.push(...one.edits);
    change.replaces.push(...one.replaces);
    if (one.alreadySo) already.push(one.alreadySo);
    if (one.notes) change.notes = [...(change.notes ?? []), ...one.notes];
  }
  if (already.length) change.alreadySo = already.join("; ");
  const noun = (kind: string) => kinds.find((k) => k.name === kind)!.noun;
  const header = `${name} ${targets.map((t) => `${noun(t.kind)} ${t.id}`).join(", ")}${many ? "" : rest.length ? ` ${rest.join(" ")}` : ""} (stack ${stack})`;
  return { header, change };
}

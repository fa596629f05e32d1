import { WorkloadKinds } from "./kinds";
import { OptionSpec, Procedure, TargetKind } from "./procedure";
import { families } from "./procedures";

export const allProcedures: Procedure[] = families.flatMap((f) => f.procedures);

export const allKinds: TargetKind[] = [...WorkloadKinds, ...families.flatMap((f) => f.kinds ?? [])];

export const procedureNames = (): string[] => [...new Set(allProcedures.map((p) => p.name))];

/** The procedures called `name` (one per target kind family); [] when there is none. */
export const variantsOf = (name: string): Procedure[] => allProcedures.filter((p) => p.name === name);

export const kindsOf = (variants: Procedure[]): TargetKind[] => allKinds.filter((k) => variants.some((v) => v.kinds.includes(k.name)));

/** The options any variant of a procedure takes (parsing needs them before the target is known). */
export function optionsOf(variants: Procedure[]): Record<string, OptionSpec> {
  return Object.assign({}, ...variants.map((v) => v.options));
}

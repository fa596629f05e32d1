import { StackConfig } from "../../schema";

/**
 * What a cross-field rule sees: the defaulted config, a way to report, and whether a part of the
 * config passed the schema (a rule only reads parts that did, so it can trust their types).
 */
export interface RuleContext {
  config: StackConfig;
  report(path: (string | number)[], message: string): void;
  isSound(path: (string | number)[]): boolean;
}

export type Rule = (ctx: RuleContext) => void;

/** The entries of a map, or none when the value is not a map (the schema has reported that). */
export function entriesOf<T>(value: Record<string, T>): [string, T][] {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? Object.entries(value as Record<string, T>) : [];
}

import { distance } from "fastest-levenshtein";

/** The candidates sorted closest first; the first is a suggestion only when it is plausibly a typo. */
export function byCloseness(word: string, candidates: readonly string[]): string[] {
  const lower = word.toLowerCase();
  return [...candidates].sort((a, b) => distance(lower, a.toLowerCase()) - distance(lower, b.toLowerCase()) || a.localeCompare(b));
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const [best] = byCloseness(word, candidates);
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(best.length / 3));
  return distance(word.toLowerCase(), best.toLowerCase()) <= allowed ? best : undefined;
}

/** `; did you mean "maxInstances"?` or nothing. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  return best ? `; did you mean "${best}"?` : "";
}

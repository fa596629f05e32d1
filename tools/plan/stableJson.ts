import { compareText } from "./record";

/** Deep copy with every map's keys in code-unit order, so equal values always print the same text. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort(compareText)) if (obj[key] !== undefined) out[key] = sortedKeys(obj[key]);
  return out;
}

/** JSON for files and `--json`: sorted keys, 2-space indent, a trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortedKeys(value), null, 2)}\n`;
}

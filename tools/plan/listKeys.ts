/**
 * How the elements of a list are told apart, so that a list of named things is diffed by name, not by
 * position: one env var added in the middle is one added element, not every later element rewritten.
 * A list qualifies only when every element of both sides has a key and no key repeats on a side;
 * otherwise (healthcheck commands, policy items, escalation rules) position is what matters.
 */

/** The fields that name an element of a list of objects, in the order they are tried. */
const NameFields = ["name", "key", "label", "displayName", "mountPath", "target", "file", "typeName"] as const;

const TrafficType = /^TRAFFIC_TARGET_ALLOCATION_TYPE_/;

export interface ListKeys {
  /** The element's key (unique on its side). */
  keyOf: (element: unknown) => string;
  /** What the key is, for a change's label: `name`, `label`, ... */
  field: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const scalar = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number";

/** `KEY=value` strings (a Docker container's env) are named by their KEY. */
const EnvEntry = /^([A-Za-z_][A-Za-z0-9_.-]*)=/;

function candidates(): { field: string; keyOf: (e: unknown) => string | undefined }[] {
  const byField = NameFields.map((field) => ({ field, keyOf: (e: unknown) => (isObj(e) && scalar(e[field]) ? String(e[field]) : undefined) }));
  return [
    ...byField,
    // Cloud Run traffic targets: a named revision, a tag, or "the latest revision".
    {
      field: "revision",
      keyOf: (e) => (isObj(e) && typeof e.type === "string" && TrafficType.test(e.type) ? String(e.revision ?? e.tag ?? e.type) : undefined),
    },
    // Docker ports: the container port and its protocol.
    { field: "port", keyOf: (e) => (isObj(e) && scalar(e.internal) ? `${e.internal}/${e.protocol ?? "tcp"}` : undefined) },
    { field: "name", keyOf: (e) => (typeof e === "string" ? EnvEntry.exec(e)?.[1] : undefined) },
    // Plain strings (deployment targets, security options) are their own key.
    { field: "value", keyOf: (e) => (scalar(e) ? String(e) : undefined) },
  ];
}
const Candidates = candidates();

/** The keys of two versions of a list, or undefined when they must be compared by position. */
export function listKeys(a: readonly unknown[], b: readonly unknown[]): ListKeys | undefined {
  if (a.length + b.length < 2) return undefined;
  for (const { field, keyOf } of Candidates) {
    if ([a, b].every((side) => unique(side.map(keyOf)))) return { field, keyOf: (e) => keyOf(e)! };
  }
  return undefined;
}

function unique(keys: (string | undefined)[]): boolean {
  return keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
}

/** `labels` → `label`, `envs` → `env`: one element of a list, in a change's label ("label platform.ops/env"). */
export const singular = (list: string): string => (list.length > 3 && list.endsWith("s") && !list.endsWith("ss") ? list.slice(0, -1) : list);

import { compareText, RecordedResource } from "./record";
import { childPath, pathWithin } from "./paths";
import { forcesReplacement } from "./forceNew";
import { listKeys, singular } from "./listKeys";
import { propagateReplacements } from "./dependents";

export type Op = "same" | "create" | "update" | "replace" | "delete";

/** One changed value. Option changes (protect, provider, ...) have paths like `(protect)`. */
export interface PropertyChange {
  path: string;
  kind: "add" | "update" | "delete";
  old?: unknown;
  new?: unknown;
  /** False for resource options, which are not inputs. */
  inputDiff: boolean;
  /** The change forces a replacement (it matches the resource's replaceOnChanges). */
  replace?: boolean;
  /** Why: the program's replaceOnChanges, or an input the provider replaces on (forceNew/). */
  replaceBy?: "replaceOnChanges" | "provider";
  /** The named list element the path goes through (`env MONGODB_MAX_POOL_SIZE`): paths keep indexes. */
  label?: string;
  /**
   * Set when the input is not changed by this program but reads an output of these resources, which
   * are replaced: its value is known only after they are (tools/plan/dependents.ts).
   */
  via?: string[];
}

export interface Step {
  op: Op;
  urn: string;
  type: string;
  name: string;
  old?: RecordedResource;
  new?: RecordedResource;
  changes: PropertyChange[];
  /** The old URN, when an alias carried the resource over from it. */
  aliasedFrom?: string;
  /**
   * Pulumi's silent replacement: the URN changed (renamed, moved to another parent) without an alias,
   * so the engine deletes the old resource and creates a new one. Set on both steps of the pair.
   */
  silentReplacement?: { oldUrn: string; newUrn: string };
}

/** Options whose change the reviewed state records; aliases are left out (they change nothing). */
const Options = ["protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "replaceOnChanges", "provider", "dependencies"] as const;

/**
 * The steps that take the reviewed state (`old`) to the planned one (`now`), matched by URN, then by
 * the new resources' aliases. What only the provider knows (which input forces a replacement, what
 * the cloud holds now) is not guessed: an input change is an update unless the program says
 * `replaceOnChanges` or the input is one the provider is known to replace on (forceNew/).
 */
export function diffStates(old: RecordedResource[], now: RecordedResource[]): Step[] {
  const oldByUrn = new Map(old.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const steps: Step[] = [];
  const pending: RecordedResource[] = [];
  for (const r of now) {
    const before = oldByUrn.get(r.urn);
    if (before) {
      matched.add(r.urn);
      steps.push(compare(before, r));
    } else pending.push(r);
  }
  const created: Step[] = [];
  for (const r of pending) {
    const alias = r.aliases.find((a) => oldByUrn.has(a) && !matched.has(a));
    if (alias) {
      matched.add(alias);
      steps.push({ ...compare(oldByUrn.get(alias)!, r), aliasedFrom: alias });
    } else created.push({ op: "create", urn: r.urn, type: r.type, name: r.name, new: r, changes: [] });
  }
  const deleted: Step[] = old.filter((r) => !matched.has(r.urn)).map((r) => ({ op: "delete", urn: r.urn, type: r.type, name: r.name, old: r, changes: [] }));
  pairSilentReplacements(deleted, created);
  const all = [...steps, ...created, ...deleted].sort((a, b) => compareText(a.urn, b.urn) || compareText(a.op, b.op));
  propagateReplacements(all);
  return all;
}

function compare(before: RecordedResource, after: RecordedResource): Step {
  const ignored = after.ignoreChanges;
  const changes: PropertyChange[] = [];
  diffValues(before.inputs, after.inputs, "", changes);
  const inputChanges = changes
    .filter((c) => !ignored.some((e) => pathWithin(c.path, e)))
    .map((c): PropertyChange => {
      if (after.replaceOnChanges.some((e) => pathWithin(c.path, e))) return { ...c, replace: true, replaceBy: "replaceOnChanges" };
      return forcesReplacement(after.type, c.path) ? { ...c, replace: true, replaceBy: "provider" } : c;
    });
  const optionChanges: PropertyChange[] = [];
  for (const option of Options) {
    const [a, b] = [before[option], after[option]];
    if (JSON.stringify(a) !== JSON.stringify(b)) optionChanges.push({ path: `(${option})`, kind: "update", old: a, new: b, inputDiff: false });
  }
  const all = [...inputChanges, ...optionChanges];
  const op: Op = all.length === 0 ? "same" : inputChanges.some((c) => c.replace) ? "replace" : "update";
  return { op, urn: after.urn, type: after.type, name: after.name, old: before, new: after, changes: all };
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

export function diffValues(a: unknown, b: unknown, path: string, out: PropertyChange[]): void {
  if (isMap(a) && isMap(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText)) {
      const p = childPath(path, key);
      if (!(key in a)) out.push({ path: p, kind: "add", new: b[key], inputDiff: true });
      else if (!(key in b)) out.push({ path: p, kind: "delete", old: a[key], inputDiff: true });
      else diffValues(a[key], b[key], p, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffLists(a, b, path, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: "update", old: a, new: b, inputDiff: true });
}

/**
 * Lists of named things (env vars, ports, labels, traffic targets, conditions) are paired by name, so
 * that one element added is one `add`; paths keep Pulumi's index syntax (the new index, or the old
 * one for a removed element) so that forceNew entries, ignoreChanges and replaceOnChanges still match.
 * Elements left unpaired at the same index are compared in place (a renamed env var is one update).
 */
function diffLists(a: unknown[], b: unknown[], path: string, out: PropertyChange[]): void {
  const keys = listKeys(a, b);
  if (!keys) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = childPath(path, i);
      if (i >= a.length) out.push({ path: p, kind: "add", new: b[i], inputDiff: true });
      else if (i >= b.length) out.push({ path: p, kind: "delete", old: a[i], inputDiff: true });
      else diffValues(a[i], b[i], p, out);
    }
    return;
  }
  const oldAt = new Map(a.map((e, i) => [keys.keyOf(e), i]));
  const pairs: [number | undefined, number | undefined][] = [];
  const paired = new Set<number>();
  b.forEach((e, j) => {
    const i = oldAt.get(keys.keyOf(e));
    if (i !== undefined) paired.add(i);
    pairs.push([i, j]);
  });
  // Unpaired on both sides at the same index: the element changed its name, compared in place.
  for (const pair of pairs) {
    const j = pair[1]!;
    if (pair[0] === undefined && j < a.length && !paired.has(j)) {
      pair[0] = j;
      paired.add(j);
    }
  }
  const list = path.split(/[.[]/).filter(Boolean).pop()?.replace(/"]$/, "") ?? path;
  for (const [i, j] of pairs) {
    const p = childPath(path, j!);
    if (i === undefined) out.push({ path: p, kind: "add", new: b[j!], inputDiff: true });
    else {
      const inner: PropertyChange[] = [];
      diffValues(a[i], b[j!], p, inner);
      const label = `${singular(list)} ${keys.keyOf(b[j!])}`;
      out.push(...inner.map((c) => (c.label || c.path === p ? c : { ...c, label })));
    }
  }
  a.forEach((e, i) => {
    if (!paired.has(i)) out.push({ path: childPath(path, i), kind: "delete", old: e, inputDiff: true });
  });
  const order = pairs.filter(([i]) => i !== undefined).map(([i]) => i!);
  if (order.some((i, n) => n > 0 && i < order[n - 1])) {
    out.push({ path, kind: "update", old: a.map(keys.keyOf), new: b.map(keys.keyOf), inputDiff: true, label: "order" });
  }
}

/**
 * A deleted and a created resource of the same type that are plainly the same thing (same logical
 * name under another parent, same parent under another name, or the same physical `name` input) are
 * what Pulumi does when a URN changes without an alias: delete the old, create a new one.
 */
function pairSilentReplacements(deleted: Step[], created: Step[]): void {
  const free = new Set(created);
  for (const d of deleted) {
    const candidates = created.filter((c) => free.has(c) && c.type === d.type);
    const physical = (s: Step) => (s.old ?? s.new)!.inputs.name;
    const match =
      candidates.find((c) => c.name === d.name) ??
      candidates.find((c) => c.new!.parent === d.old!.parent) ??
      candidates.find((c) => typeof physical(c) === "string" && physical(c) === physical(d));
    if (!match) continue;
    free.delete(match);
    const pair = { oldUrn: d.urn, newUrn: match.urn };
    d.silentReplacement = pair;
    match.silentReplacement = pair;
  }
}

export function changeSummary(steps: Step[]): Record<Op, number> {
  const summary: Record<Op, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const s of steps) summary[s.op]++;
  return summary;
}

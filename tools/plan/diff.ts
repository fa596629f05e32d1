import { compareText, RecordedResource } from "./record";
import { engineUrn, parseUrn } from "./urn";
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
  const { matches, renamed } = matchOld(oldByUrn, now);
  const steps: Step[] = [];
  const created: Step[] = [];
  for (const r of now) {
    const match = matches.get(r);
    if (!match) created.push({ op: "create", urn: r.urn, type: r.type, name: r.name, new: r, changes: [] });
    else if (match.alias) steps.push({ ...compare(match.before, r, renamed), aliasedFrom: match.alias });
    else steps.push(compare(match.before, r, renamed));
  }
  const matched = new Set([...matches.values()].map((m) => m.before.urn));
  const deleted: Step[] = old.filter((r) => !matched.has(r.urn)).map((r) => ({ op: "delete", urn: r.urn, type: r.type, name: r.name, old: r, changes: [] }));
  pairSilentReplacements(deleted, created);
  const all = [...steps, ...created, ...deleted].sort((a, b) => compareText(a.urn, b.urn) || compareText(a.op, b.op));
  propagateReplacements(all);
  return all;
}

interface Match {
  before: RecordedResource;
  /** The old URN, when an alias matched it. */
  alias?: string;
}

/**
 * The old resource each new one continues, as the engine's step generator finds it (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go, generateSteps and generateAliases): its URN first, then its
 * own aliases, then the aliases it inherits from a parent that was itself matched through an alias.
 * The engine computes those inherited aliases, not the SDK: the SDK sends alias specs whenever the
 * monitor supports them, as the engine and the SDK's mocks both do (@pulumi/pulumi
 * runtime/resource.js, prepareResource: `allAliases` runs only without `supportsAliasSpecs`), so a
 * recorded resource holds only its own. `renamed` maps each old URN matched through an alias to the
 * new one, as the engine rewrites references to it.
 */
function matchOld(oldByUrn: Map<string, RecordedResource>, now: RecordedResource[]): { matches: Map<RecordedResource, Match>; renamed: Map<string, string> } {
  const matches = new Map<RecordedResource, Match>();
  const claimed = new Set<string>();
  const pending: RecordedResource[] = [];
  for (const r of now) {
    const before = oldByUrn.get(r.urn);
    if (before) {
      claimed.add(r.urn);
      matches.set(r, { before });
    } else pending.push(r);
  }
  // The engine's `sg.aliases`: new URN → the old URN an alias matched, read by the children.
  const renamed = new Map<string, string>();
  const matchedAlias = new Map<string, string>();
  const byUrn = new Map(now.map((r) => [r.urn, r]));
  const depth = (r: RecordedResource): number => {
    let n = 0;
    for (let p = r.parent; p && byUrn.has(p); p = byUrn.get(p)!.parent) n++;
    return n;
  };
  const parentsFirst = pending.map((r) => [depth(r), r] as const).sort(([a], [b]) => a - b);
  for (const [, r] of parentsFirst) {
    const parentAlias = r.parent ? matchedAlias.get(r.parent) : undefined;
    const candidates = [...r.aliases, ...(parentAlias ? inheritedAliases(r, parentAlias) : [])];
    const alias = candidates.find((a) => oldByUrn.has(a) && !claimed.has(a));
    if (!alias) continue;
    claimed.add(alias);
    matchedAlias.set(r.urn, alias);
    renamed.set(alias, r.urn);
    matches.set(r, { before: oldByUrn.get(alias)!, alias });
  }
  return { matches, renamed };
}

/**
 * step_generator.go's inheritedChildAlias, for the child's own URN and each of its aliases: the
 * parent's old URN as the parent, and a name that began with the parent's name begins with the old
 * one (`<name>-sa` of a renamed parent was `<old name>-sa`).
 */
function inheritedAliases(r: RecordedResource, parentAlias: string): string[] {
  const parentName = parseUrn(r.parent!).name;
  const oldParentName = parseUrn(parentAlias).name;
  const { stack, project } = parseUrn(r.urn);
  const inherit = (urn: string) => {
    const { type, name } = parseUrn(urn);
    const aliasName = name.startsWith(parentName) ? oldParentName + name.slice(parentName.length) : name;
    return engineUrn(stack, project, parentAlias, type, aliasName);
  };
  return [r.urn, ...r.aliases].map(inherit);
}

function compare(before: RecordedResource, after: RecordedResource, renamed: ReadonlyMap<string, string> = new Map()): Step {
  const ignored = after.ignoreChanges;
  const changes: PropertyChange[] = [];
  diffValues(before.inputs, after.inputs, "", changes);
  const inputChanges = changes
    .filter((c) => !ignored.some((e) => pathWithin(c.path, e)))
    .map((c): PropertyChange => {
      if (after.replaceOnChanges.some((e) => pathWithin(c.path, e))) return { ...c, replace: true, replaceBy: "replaceOnChanges" };
      return forcesReplacement(after.type, c.path) ? { ...c, replace: true, replaceBy: "provider" } : c;
    });
  // A dependency or provider renamed through an alias is the same resource under its new URN.
  const carried = (urn: string) => renamed.get(urn) ?? urn;
  const options: Pick<RecordedResource, (typeof Options)[number]> = {
    ...before,
    ...(before.provider ? { provider: carried(before.provider) } : {}),
    dependencies: renamed.size ? [...new Set(before.dependencies.map(carried))].sort() : before.dependencies,
  };
  const optionChanges: PropertyChange[] = [];
  for (const option of Options) {
    const [a, b] = [options[option], after[option]];
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

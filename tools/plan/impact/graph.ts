import type { Step } from "../diff";

/**
 * Which changed resources change because of which: an edge from a changed resource to each changed
 * resource that reads it (its inputs' dependencies, a replaced output it reads) or waits for it
 * (`dependsOn`). A root is a change with no changed resource before it: what the edit itself did.
 */
export interface ChangeGraph {
  changed: Step[];
  /** urn → the changed resources it depends on. */
  causes: Map<string, Step[]>;
  /** urn → the changed resources that depend on it. */
  rolls: Map<string, Step[]>;
  roots: Step[];
}

/** `cloudOnly`: leave out components (they change nothing in the cloud themselves), for the overviews. */
export function changeGraph(steps: Step[], { cloudOnly = false }: { cloudOnly?: boolean } = {}): ChangeGraph {
  const changed = steps.filter((s) => s.op !== "same" && (!cloudOnly || (s.new ?? s.old)!.custom));
  const byUrn = new Map(changed.map((s) => [s.urn, s]));
  const causes = new Map<string, Step[]>();
  const rolls = new Map<string, Step[]>();
  for (const s of changed) {
    const r = (s.new ?? s.old)!;
    const upstream = new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat(), ...s.changes.flatMap((c) => c.via ?? [])]);
    const before = [...upstream]
      .filter((u) => u !== s.urn && byUrn.has(u))
      .sort()
      .map((u) => byUrn.get(u)!);
    causes.set(s.urn, before);
    for (const c of before) rolls.set(c.urn, [...(rolls.get(c.urn) ?? []), s]);
  }
  return { changed, causes, rolls, roots: changed.filter((s) => causes.get(s.urn)!.length === 0) };
}

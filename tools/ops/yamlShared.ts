import { Document, isAlias, isMap, isScalar, Node, visit } from "yaml";
import { keyPath } from "../../stacks/validate/issues";
import { yamlKeyPath } from "../../stacks/validate/yamlKeyPath";

/**
 * Where YAML shares one node between keys: an anchor (`generate: &gen {...}`) and its aliases
 * (`generate: *gen`), or a merge key (`<<: *gen`). A splice at a shared node changes every key that
 * shares it (a rotation of one secret would rotate all five), so an edit that reaches one is refused,
 * naming the keys that share it; the file is left as it was. Un-aliasing is a person's decision (the
 * sharing may be on purpose), made by hand once.
 */

interface Sharing {
  /** Anchor name → the key paths of the aliases that refer to it. */
  aliases: Map<string, string[]>;
  /** Anchor name → the key path of the node that carries it. */
  anchors: Map<string, string>;
}

function sharingOf(doc: Document): Sharing {
  const sharing: Sharing = { aliases: new Map(), anchors: new Map() };
  visit(doc, {
    Alias(_, node, ancestors) {
      sharing.aliases.set(node.source, [...(sharing.aliases.get(node.source) ?? []), yamlKeyPath(ancestors, node)]);
    },
    Node(_, node, ancestors) {
      if (node.anchor) sharing.anchors.set(node.anchor, yamlKeyPath(ancestors, node));
    },
  });
  return sharing;
}

const WriteOut = "write the shared block out in full under each key that uses it, then run this again";

/**
 * Why the edit of the key at `path` (below the document root) would reach a
 * node that other keys share: an alias on the way, a node on the way that carries an anchor some alias
 * refers to, a merge key in a map on the way, or (for a removal) an anchor inside what is removed.
 * Undefined when it reaches no shared node.
 */
export function sharedNodeProblem(doc: Document, path: readonly string[], removes: boolean): string | undefined {
  const sharing = sharingOf(doc);
  if (sharing.aliases.size === 0 && !hasMergeKey(doc)) return undefined;
  let node: unknown = doc.contents;
  for (let depth = 0; depth < path.length; depth++) {
    if (!isMap(node)) return undefined;
    const here = keyPath(path.slice(1, depth + 1));
    if (node.items.some((pair) => isScalar(pair.key) && pair.key.value === "<<")) {
      return `${keyPath(path.slice(1, depth)) || "config"} takes keys from a merge (<<), which other keys may share: ${WriteOut}`;
    }
    const child = node.get(path[depth], true) as Node | undefined;
    if (child === undefined) return undefined;
    if (isAlias(child)) {
      const others = [sharing.anchors.get(child.source), ...(sharing.aliases.get(child.source) ?? []).filter((p) => p !== here)].filter(Boolean);
      return `${here} is *${child.source}, an alias: an edit there would also change ${others.join(", ")}, which share &${child.source}; ${WriteOut}`;
    }
    if (child.anchor && sharing.aliases.has(child.anchor)) {
      return `${here} carries the anchor &${child.anchor}, which ${sharing.aliases.get(child.anchor)!.join(", ")} refer to (*${child.anchor}): an edit there would change them too; ${WriteOut}`;
    }
    node = child;
  }
  if (removes && node) {
    const used = anchorsInside(node as Node).filter((anchor) => sharing.aliases.has(anchor));
    if (used.length)
      return `${keyPath(path.slice(1))} holds the anchor &${used[0]}, which ${sharing.aliases.get(used[0])!.join(", ")} refer to: removing it would break them; ${WriteOut}`;
  }
  return undefined;
}

function anchorsInside(node: Node): string[] {
  const anchors: string[] = [];
  visit(node, {
    Node(_, n) {
      if (n.anchor) anchors.push(n.anchor);
    },
  });
  return anchors;
}

function hasMergeKey(doc: Document): boolean {
  let found = false;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<") found = true;
    },
  });
  return found;
}

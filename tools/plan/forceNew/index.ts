import { pathWithin } from "../paths";
import { Docker } from "./docker";
import { Gcp } from "./gcp";
import { Kubernetes, KubernetesIdentity } from "./kubernetes";
import { MongoDbAtlas } from "./mongodbatlas";
import { PagerDuty } from "./pagerduty";
import { Random } from "./random";
import { Sentry } from "./sentry";
import { ForceNewTable } from "./types";
import { Vercel } from "./vercel";

/**
 * Inputs whose change makes the provider replace the resource: Terraform's `ForceNew` (SDKv2) and
 * `RequiresReplace` plan modifiers (plugin framework) behind the bridged providers, and
 * pulumi-kubernetes' own forceNew list. The plan has no provider schema, so these lists are read from
 * the providers' sources, one file per provider, each list with the repository, version and file it
 * encodes; every type this project creates has one (an empty list: read, and nothing forces a new
 * resource). A type not listed changes by update unless the program says `replaceOnChanges`.
 *
 * Entries are Pulumi input paths, as the plan's diff names them (`template.containers[0].image`):
 * - `a.b`: a change at or inside `a.b` replaces; so does adding or removing a block that holds it
 *   (the provider then sees the field set or unset);
 * - `[*]`: any element of a list;
 * - `a.#`: Terraform's count of a ForceNew list of blocks (`a` is a list or, for a block of at most one,
 *   an object): only adding or removing the block or one of its elements replaces; a change of a field
 *   inside follows that field's own entry. SDKv2 gives a block's ForceNew to its count alone (its fields
 *   keep theirs); a set of blocks is listed whole, since a changed element is a removed one and an
 *   added one;
 * - `*`: every input.
 */
const Tables: readonly ForceNewTable[] = [Docker, Gcp, Kubernetes, MongoDbAtlas, PagerDuty, Random, Sentry, Vercel];

const ByType: ReadonlyMap<string, readonly string[]> = new Map(Tables.flatMap((t) => [...t]));

/** The reviewed entries of a type (Kubernetes objects add their identity); empty when none or not reviewed. */
export function forceNewPaths(type: string): readonly string[] {
  const paths = ByType.get(type) ?? [];
  return type.startsWith("kubernetes:") ? [...KubernetesIdentity, ...paths] : paths;
}

/** True when the type's provider source has been read for this table (even if nothing forces a new resource). */
export function hasForceNewList(type: string): boolean {
  return ByType.has(type);
}

/** True when the provider replaces a resource of this type for a change at this input path. */
export function forcesReplacement(type: string, path: string): boolean {
  return forceNewPaths(type).some((entry) => entryMatches(path, entry));
}

/** `spec.ports[2].port` → `spec.ports[*].port`: list indexes as the entries write them. */
const anyIndex = (path: string): string => path.replace(/\[\d+\]/g, "[*]");

function entryMatches(path: string, entry: string): boolean {
  if (entry === "*") return true;
  const p = anyIndex(path);
  if (entry.endsWith(".#")) {
    const block = entry.slice(0, -2);
    return p === `${block}[*]` || pathWithin(block, p);
  }
  return pathWithin(p, entry) || pathWithin(entry, p);
}

/**
 * One provider's reviewed lists: resource type token → the input paths whose change makes that
 * provider replace the resource (syntax in index.ts). A type listed with `[]` was read and has none; a
 * type not listed has not been reviewed.
 */
export type ForceNewTable = ReadonlyMap<string, readonly string[]>;

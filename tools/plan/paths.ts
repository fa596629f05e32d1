/** Property paths in Pulumi's syntax: `template.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** True when `path` is `entry` or inside it (ignoreChanges and replaceOnChanges entries; "*" is all). */
export function pathWithin(path: string, entry: string): boolean {
  return entry === "*" || path === entry || path.startsWith(`${entry}.`) || path.startsWith(`${entry}[`);
}

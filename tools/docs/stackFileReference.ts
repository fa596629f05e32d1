import { StackConfigSchema } from "../../stacks/schema";
import { code, generatedNotice, table } from "./markdown";

/** One key of the stack file, as the reference lists it. */
export interface KeyRow {
  /** `platform:cloudRun.<name>.cpu`: a record's entries are `<name>`, a list's items `[]`. */
  path: string;
  type: string;
  /** The schema's default, "required", or "" for an optional key without one. */
  default: string;
  constraint: string;
}

/** The JSON Schema keywords the stack-file schema uses (TypeBox builds plain objects: walked as data). */
interface Node {
  type?: string;
  properties?: Record<string, Node>;
  required?: string[];
  patternProperties?: Record<string, Node>;
  propertyNames?: { expected?: string };
  items?: Node;
  enum?: unknown[];
  default?: unknown;
  expected?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

/** Every key of `StackConfigSchema`, depth first in the schema's own order. */
export function stackFileKeys(schema: Node = StackConfigSchema as unknown as Node): KeyRow[] {
  const rows: KeyRow[] = [];
  const visit = (node: Node, path: string, required: boolean) => {
    rows.push({ path, type: typeOf(node), default: defaultOf(node, required), constraint: constraintOf(node) });
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, join(path, key), (node.required ?? []).includes(key));
    for (const child of Object.values(node.patternProperties ?? {})) visit(child, join(path, "<name>"), true);
    if (node.items) visit(node.items, `${path}[]`, true);
  };
  for (const [key, child] of Object.entries(schema.properties ?? {})) visit(child, key, (schema.required ?? []).includes(key));
  return rows;
}

const join = (path: string, key: string) => `${path}.${key}`;

function typeOf(node: Node): string {
  if (node.patternProperties) return "map";
  if (node.enum) return node.type === "string" ? "enum" : `${node.type} enum`;
  if (node.type === "array") return `list of ${node.items ? typeOf(node.items) : "any"}`;
  return String(node.type);
}

function defaultOf(node: Node, required: boolean): string {
  if (node.default !== undefined) return code(JSON.stringify(node.default));
  return required ? "required" : "";
}

/** The phrase an error message uses (`expected`), else what the schema says in JSON Schema terms. */
function constraintOf(node: Node): string {
  const keys = node.propertyNames?.expected ? `keys: ${node.propertyNames.expected}` : "";
  const own = node.expected ?? bounds(node);
  return [own, keys].filter(Boolean).join("; ");
}

function bounds(node: Node): string {
  const parts: string[] = [];
  if (node.enum) parts.push(`one of ${node.enum.join(", ")}`);
  if (node.minimum !== undefined || node.maximum !== undefined) parts.push(`${node.minimum ?? "…"} to ${node.maximum ?? "…"}`);
  if (node.minItems !== undefined) parts.push(`at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}`);
  if (node.maxItems !== undefined) parts.push(`at most ${node.maxItems} items`);
  if (node.pattern) parts.push(`matches ${code(node.pattern)}`);
  return parts.join(", ");
}

export function stackFilePage(): string {
  const rows = stackFileKeys();
  return [
    generatedNotice("stacks/schema (StackConfigSchema)"),
    "",
    "# Stack-file reference",
    "",
    "Every key a `Pulumi.<stack>.yaml` may hold under `config:`, as the schema accepts it: any other key is an",
    "error that names the closest valid one. Paths are in `pulumi config --path` form; `<name>` is an entry",
    "of a map (a service, a secret id, an env var name), `[]` an item of a list. **Default** is filled in",
    "when the key is absent; *required* keys must be given. **Constraint** is what an error message says",
    "was expected. Rules that span keys (min ≤ max, a secret that must be declared) are in",
    "`stacks/validate/rules/` and on each area's page.",
    "",
    `${rows.length} keys.`,
    "",
    ...table(
      ["Key", "Type", "Default", "Constraint"],
      rows.map((r) => [code(r.path), r.type, r.default, r.constraint]),
    ),
    "",
  ].join("\n");
}

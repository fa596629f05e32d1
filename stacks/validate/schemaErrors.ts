import { ErrorObject } from "ajv";
import { StackConfigSchema } from "../schema";
import { cachedValidator } from "./cachedValidator";
import { suggestion } from "./closest";
import { describeValue, keyPath, SpecIssue } from "./issues";

/** The parts of a JSON Schema node (TypeBox's, with the `expected` annotation) the messages read. */
interface Schema {
  expected?: string;
  enum?: string[];
  type?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  propertyNames?: Schema;
}

// `expected` only annotates a schema node with the phrase error messages use. Compiled on first use
// (after the plan has turned its disk cache on, or in memory under the CLI): see cachedValidator.ts.
let compiled: ReturnType<typeof cachedValidator> | undefined;
const validator = () =>
  (compiled ??= cachedValidator(StackConfigSchema, { allErrors: true, useDefaults: true, verbose: true, strict: true, allowUnionTypes: true }, [
    { keyword: "expected", schemaType: "string" },
  ]));

/**
 * Checks the config map against the schema, filling in defaults in place. Returns every problem,
 * worded for a person: the key path, what was expected and what was found.
 */
export function schemaIssues(config: Record<string, unknown>): SpecIssue[] {
  const validateConfig = validator();
  if (validateConfig(config)) return [];
  const issues = new Map<string, string>();
  for (const error of validateConfig.errors ?? []) {
    const issue = toIssue(error);
    // One message per key: the first is the most specific (ajv reports type before range).
    if (issue && !issues.has(issue.path)) issues.set(issue.path, issue.message);
  }
  return [...issues].map(([path, message]) => ({ path, message }));
}

function toIssue(error: ErrorObject): SpecIssue | undefined {
  const at = pointer(error.instancePath);
  const parent = (error.parentSchema ?? {}) as Schema;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      return { path: keyPath([...at, key]), message: `unknown key${suggestion(key, known)} (expected one of: ${known.join(", ")})` };
    }
    case "propertyNames": {
      const key = String(error.params.propertyName);
      return { path: keyPath([...at, key]), message: `invalid name; expected ${expectedOf(parent.propertyNames)}` };
    }
    case "required": {
      const key = String(error.params.missingProperty);
      return { path: keyPath([...at, key]), message: `missing; expected ${expectedOf(parent.properties?.[key])}` };
    }
    case "enum": {
      const found = error.data;
      const hint = typeof found === "string" ? suggestion(found, parent.enum ?? []) : "";
      return { path: keyPath(at), message: `expected ${expectedOf(parent)}, found ${describeValue(found)}${hint}` };
    }
    default:
      // The property-name check reports its own failure above; skip its inner pattern error.
      if ((error as { propertyName?: string }).propertyName !== undefined) return undefined;
      return { path: keyPath(at), message: `expected ${expectedOf(parent)}, found ${describeValue(error.data)}` };
  }
}

function pointer(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The `expected` annotation of a schema node, or a phrase derived from its type and bounds. */
export function expectedOf(schema: Schema | undefined): string {
  if (!schema) return "a value";
  if (schema.expected) return schema.expected;
  if (schema.enum) return `one of ${schema.enum.join(", ")}`;
  switch (schema.type) {
    case "boolean":
      return "true or false";
    case "integer":
    case "number": {
      const kind = schema.type === "integer" ? "an integer" : "a number";
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `${kind} from ${schema.minimum} to ${schema.maximum}`;
      if (schema.minimum !== undefined) return `${kind} of at least ${schema.minimum}`;
      return kind;
    }
    case "string":
      return schema.pattern ? `a string matching ${schema.pattern}` : "a string";
    case "array":
      return "a list";
    case "object":
      return "a map";
    default:
      return "a value";
  }
}

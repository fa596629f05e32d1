import { ConfigNamespace, StackConfig, StackSpec } from "./schema";
import { SpecIssue, StackSpecError, keyPath } from "./validate/issues";
import { rules } from "./validate/rules";
import { schemaIssues } from "./validate/schemaErrors";
import { secretKeyIssues } from "./validate/secureValues";

export interface SpecSource {
  /** Stack name. */
  stack: string;
  /** Stack file name for messages, e.g. Pulumi.prod.yaml. */
  file: string;
  /**
   * The top-level keys that held a `secure:` value, as the CLI tells the program; only
   * platform:secretValues may (validate/secureValues.ts). @default [] (no secure value)
   */
  secretKeys?: readonly string[];
}

/**
 * Turns a stack's config map (keys `platform:...`, values already decoded) into the validated spec.
 * Throws a StackSpecError listing every problem of the file; nothing may be created from a config
 * that fails here, so the program calls this before it registers any resource.
 */
export function parseStackSpec(rawConfig: Record<string, unknown>, source: SpecSource): StackSpec {
  // Validation fills in defaults, so work on a copy: the caller's map stays as it was read. (A JSON
  // copy, not structuredClone: under jest that makes arrays of another realm, which the SDK misreads.)
  const config = JSON.parse(JSON.stringify(rawConfig)) as Record<string, unknown>;
  const issues: SpecIssue[] = [...secretKeyIssues(config, source.secretKeys ?? []), ...schemaIssues(config)];
  const unsound = issues.map((issue) => issue.path);
  const ctx = {
    config: config as StackConfig,
    report: (path: (string | number)[], message: string) => issues.push({ path: keyPath(path), message }),
    isSound: (path: (string | number)[]) => {
      const prefix = keyPath(path);
      return !unsound.some((bad) => bad === prefix || bad.startsWith(`${prefix}.`) || bad.startsWith(`${prefix}[`));
    },
  };
  for (const rule of rules) rule(ctx);
  if (issues.length > 0) {
    throw new StackSpecError(
      source.file,
      issues.sort((a, b) => a.path.localeCompare(b.path)),
    );
  }
  return toSpec(config as StackConfig, source);
}

function toSpec(config: StackConfig, source: SpecSource): StackSpec {
  const spec: Record<string, unknown> = { stack: source.stack, file: source.file };
  const prefix = `${ConfigNamespace}:`;
  for (const [key, value] of Object.entries(config)) spec[key.slice(prefix.length)] = value;
  return spec as StackSpec;
}

export function stackFileName(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}

import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";
import { parseDocument } from "yaml";
import { cacheDir, cacheKey, diskCacheEnabled, packageVersion, writeAtomic } from "./cache/diskCache";
import { SpecIssue, StackSpecError } from "./validate/issues";
import { secureLeafIssues } from "./validate/secureValues";
import { dialectIssues } from "./validate/yamlDialect";
import { stackFileName } from "./spec";

/** A stack's config as the CLI would hand it to the program: project defaults, then the stack file. */
export interface StackConfigFile {
  stack: string;
  file: string;
  config: Record<string, unknown>;
}

/**
 * Reads `Pulumi.<stack>.yaml` (and the config defaults of `Pulumi.yaml`) from a project directory.
 * Throws StackSpecError for a missing file, a YAML syntax error or a file without a config map.
 */
export function readStackConfig(projectDir: string, stack: string): StackConfigFile {
  const file = stackFileName(stack);
  const stackPath = path.join(projectDir, file);
  if (!fs.existsSync(stackPath)) {
    const known = listStacks(projectDir);
    const hint = known.length ? `; stacks here: ${known.join(", ")}` : "";
    throw new StackSpecError(file, [{ path: "", message: `stack file not found in ${projectDir}${hint}` }]);
  }
  return stackConfigFromText(projectDir, stack, fs.readFileSync(stackPath, "utf8"));
}

/**
 * As readStackConfig, for the text of `Pulumi.<stack>.yaml` given rather than read: `npm run ops`
 * validates an edited stack file before it writes it.
 */
export function stackConfigFromText(projectDir: string, stack: string, text: string): StackConfigFile {
  const file = stackFileName(stack);
  const stackFile = parseYamlText(text, file);
  const config = mapAt(stackFile, "config", file) ?? {};
  const misplaced = secureLeafIssues(config);
  if (misplaced.length > 0) throw new StackSpecError(file, misplaced);
  const project = parseYamlMap(path.join(projectDir, "Pulumi.yaml"), "Pulumi.yaml");
  return { stack, file, config: { ...projectDefaults(project), ...config } };
}

/** Stack names that have a `Pulumi.<name>.yaml` in the directory. */
export function listStacks(projectDir: string): string[] {
  return fs
    .readdirSync(projectDir)
    .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/** The top-level map of a YAML file (Pulumi.yaml, a stack file); `file` names it in errors. */
export function parseYamlMap(filePath: string, file: string): Record<string, unknown> {
  return parseYamlText(fs.readFileSync(filePath, "utf8"), file);
}

/**
 * A parse that succeeded is kept in the disk cache under a hash of the text and yaml's version: the
 * first parse in a process costs 25–45 ms (the parser's code is still cold), reading the kept value
 * back 1 ms, on every plan and every ops command. A file with an error is parsed each time.
 */
function parseYamlText(text: string, file: string): Record<string, unknown> {
  if (!diskCacheEnabled()) return parseYamlTextUncached(text, file);
  const cached = path.join(cacheDir(), `yaml-${cacheKey("2", packageVersion("yaml"), text)}.v8`);
  try {
    return v8.deserialize(fs.readFileSync(cached)) as Record<string, unknown>;
  } catch {
    // not parsed before (or unreadable): parse below
  }
  const value = parseYamlTextUncached(text, file);
  writeAtomic(cached, v8.serialize(value));
  return value;
}

function parseYamlTextUncached(text: string, file: string): Record<string, unknown> {
  // Duplicate keys are an error (uniqueKeys), so a key written twice never silently wins.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: SpecIssue[] = doc.errors.map((error) => {
      const where = error.linePos?.[0];
      const at = where ? `line ${where.line}, column ${where.col}: ` : "";
      return { path: "", message: `${at}YAML syntax error: ${firstLine(error.message)}` };
    });
    throw new StackSpecError(file, issues);
  }
  const dialect = dialectIssues(doc);
  if (dialect.length > 0) throw new StackSpecError(file, dialect);
  const value = doc.toJS() ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new StackSpecError(file, [{ path: "", message: "expected a YAML map at the top of the file" }]);
  }
  return value as Record<string, unknown>;
}

function mapAt(doc: Record<string, unknown>, key: string, file: string): Record<string, unknown> | undefined {
  const value = doc[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new StackSpecError(file, [{ path: key, message: "expected a map of config keys" }]);
  }
  return value as Record<string, unknown>;
}

/** `config: {key: {default: v}}` or `config: {key: v}` in Pulumi.yaml: the project-wide defaults. */
function projectDefaults(project: Record<string, unknown>): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  const declared = project.config;
  if (!declared || typeof declared !== "object") return defaults;
  for (const [key, decl] of Object.entries(declared as Record<string, unknown>)) {
    const qualified = key.includes(":") ? key : `${project.name}:${key}`;
    if (decl !== null && typeof decl === "object" && !Array.isArray(decl)) {
      const d = decl as Record<string, unknown>;
      if ("default" in d) defaults[qualified] = d.default;
      else if ("value" in d) defaults[qualified] = d.value;
    } else {
      defaults[qualified] = decl;
    }
  }
  return defaults;
}

/** yaml's message without its own position suffix and code frame (the position is given first). */
function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

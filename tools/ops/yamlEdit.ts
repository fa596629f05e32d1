import { isDeepStrictEqual } from "util";
import { Document, isMap, isScalar, Node, parse, parseDocument, Scalar, YAMLMap } from "yaml";
import { resolvePlainScalar } from "../../stacks/validate/goYaml";
import { keyPath } from "../../stacks/validate/issues";
import { sharedNodeProblem } from "./yamlShared";

/**
 * Edits of a stack file that leave every other byte of it alone. The yaml Document API finds each key
 * (its source range) and says what the file must mean afterwards; the edit itself is a splice of the
 * source text at that range. Re-printing the whole Document (`doc.toString()`) is not used: it moves
 * some comments (a comment after a commented-out block is re-indented), and a stack file's comments
 * are part of its review.
 */

export type ScalarValue = string | number | boolean;

/**
 * Set a key (creating the maps on the way) or remove it (and the maps it leaves empty, unless
 * `keepEmptyMap`: then its map stays, as `{}`, with the comments above it). A new key goes at the end
 * of its map, or right after the sibling `after` names (`replicas` after `autoscaling`).
 */
export type Edit = { path: string[]; value: ScalarValue; after?: string } | { path: string[]; remove: true; keepEmptyMap?: boolean };

/** One key that changed, for the output: `platform:cloudRun.mixillo-backend.minInstances: 0 → 5`. */
export interface KeyChange {
  path: string[];
  old?: unknown;
  new?: unknown;
}

export interface EditResult {
  text: string;
  changes: KeyChange[];
}

/** The file cannot be edited in place (not a map where a key must go, or the splice would not mean the edit). */
export class YamlEditError extends Error {}

const Root = ["config"];

/**
 * Applies the edits in order to the stack file's text; keys are paths below `config:`. An edit changes
 * the key it names and nothing else: one through a YAML alias, anchor or merge key is refused
 * (yamlShared.ts), and any other key the result changes is an error, so `changes` is every change.
 */
export function applyEdits(text: string, edits: Edit[]): EditResult {
  // Each text is parsed once (the yaml parser is most of an edit's cost): the original, then each splice's result.
  const original = parseOrThrow(text);
  const expected = original.clone();
  const changes: KeyChange[] = [];
  let current = text;
  let [before, beforeText] = [original, text];
  for (const edit of edits) {
    const path = [...Root, ...edit.path];
    if (current !== beforeText) [before, beforeText] = [parseOrThrow(current), current];
    const shared = sharedNodeProblem(before, path, "remove" in edit);
    if (shared) throw new YamlEditError(shared);
    const old = before.getIn(path);
    if ("remove" in edit) {
      if (before.getIn(path, true) === undefined) continue;
      current = removeKey(current, before, path, edit.keepEmptyMap === true);
      if (edit.keepEmptyMap) expected.deleteIn(path);
      else removeFromModel(expected, path);
      changes.push({ path: edit.path, old });
    } else {
      if (old === edit.value) continue;
      current = setKey(current, before, path, edit.value, edit.after);
      expected.setIn(path, edit.value);
      changes.push({ path: edit.path, ...(old === undefined ? {} : { old }), new: edit.value });
    }
  }
  // The splices must mean exactly what the Document API says the edits mean.
  const result = (current === beforeText ? before : parseOrThrow(current)).toJS();
  if (!isDeepStrictEqual(result, expected.toJS())) {
    throw new YamlEditError("the edit could not be made in place without changing other keys; make it by hand");
  }
  const others = uncoveredChanges(original.toJS(), result, changes);
  if (others.length) throw new YamlEditError(`the edit would also change ${others.join(", ")}, which it does not name; make it by hand`);
  return { text: current, changes };
}

/** The config keys (leaves) whose values differ between the two files and that no change's path covers. */
function uncoveredChanges(before: unknown, after: unknown, changes: KeyChange[]): string[] {
  const [a, b] = [leaves(configOf(before)), leaves(configOf(after))];
  // A change covers the keys below it, and an empty map it fills (`c: {}` → `c: {k: v}`).
  const prefix = (short: string[], long: string[]) => short.every((segment, i) => long[i] === segment);
  const covered = (key: string[]) => changes.some((c) => prefix(c.path, key) || prefix(key, c.path));
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((key) => a.get(key) !== b.get(key))
    .map((key) => JSON.parse(key) as string[])
    .filter((key) => !covered(key))
    .map((key) => keyPath(key));
}

const configOf = (file: unknown) => (file !== null && typeof file === "object" ? (file as Record<string, unknown>).config : undefined);

/** Each scalar, list or empty map by its key path (JSON-encoded), with its value as JSON. */
function leaves(value: unknown, path: string[] = [], out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, v] of Object.entries(value)) leaves(v, [...path, key], out);
  } else out.set(JSON.stringify(path), JSON.stringify(value));
  return out;
}

function parseOrThrow(text: string): Document {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new YamlEditError(`not valid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  return doc;
}

/** deleteIn, then the maps the removal left empty (a block map cannot be empty). */
function removeFromModel(doc: Document, path: string[]): void {
  doc.deleteIn(path);
  for (let depth = path.length - 1; depth > Root.length + 1; depth--) {
    const parent = doc.getIn(path.slice(0, depth), true);
    if (!isMap(parent) || parent.items.length > 0) break;
    doc.deleteIn(path.slice(0, depth));
  }
}

function setKey(text: string, doc: Document, path: string[], value: ScalarValue, after?: string): string {
  const node = doc.getIn(path, true) as Node | undefined;
  if (node !== undefined) {
    if (!isScalar(node) || !node.range) throw new YamlEditError(`${path.slice(1).join(".")} holds a map or list, not a value`);
    const [start, end] = node.range;
    return splice(text, start, end, renderScalar(value, node.type));
  }
  // The deepest map that exists takes the rest of the path as new keys.
  for (let depth = path.length - 1; depth >= 1; depth--) {
    const parent = doc.getIn(path.slice(0, depth), true);
    if (parent === undefined) continue;
    if (!isMap(parent)) throw new YamlEditError(`${path.slice(1, depth).join(".")} is not a map`);
    const rest = path.slice(depth);
    return parent.flow ? replaceFlowMap(text, parent, rest, value) : appendToBlockMap(text, parent, rest, value, rest.length === 1 ? after : undefined);
  }
  throw new YamlEditError("the stack file has no config: map");
}

function removeKey(text: string, doc: Document, path: string[], keepEmptyMap = false): string {
  const parent = doc.getIn(path.slice(0, -1), true) as YAMLMap | undefined;
  if (!isMap(parent)) throw new YamlEditError(`${path.slice(1, -1).join(".")} is not a map`);
  const key = path[path.length - 1];
  if (parent.flow) return replaceFlowMap(text, parent, [key], undefined);
  // A block map cannot be left empty: remove the map itself (never the top-level `platform:` keys),
  // or write it as `{}` where the edit keeps it (its key and the comments above it stay).
  if (parent.items.length === 1 && keepEmptyMap) return emptyBlockMap(text, doc, path.slice(0, -1));
  if (parent.items.length === 1 && path.length - 1 > Root.length + 1) return removeKey(text, doc, path.slice(0, -1));
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key)!;
  const keyNode = pair.key as Scalar;
  let start = lineStart(text, keyNode.range![0]);
  // Comment lines right above the key, at its indentation, describe it: they go with it.
  const indent = keyNode.range![0] - start;
  for (let above = previousLine(text, start); above !== undefined; above = previousLine(text, above)) {
    const line = text.slice(above, start - 1);
    if (!new RegExp(`^ {${indent}}#`).test(line)) break;
    start = above;
  }
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? keyNode.range![1];
  return splice(text, start, lineEnd(text, valueEnd), "");
}

/** `access:` and its block of entries → `access: {}` on the key's line. */
function emptyBlockMap(text: string, doc: Document, path: string[]): string {
  const grandparent = doc.getIn(path.slice(0, -1), true);
  const pair = isMap(grandparent) ? grandparent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]) : undefined;
  const keyNode = pair?.key as Scalar | undefined;
  const map = pair?.value as YAMLMap | undefined;
  if (!keyNode?.range || !map?.range) throw new YamlEditError(`cannot locate ${path.slice(1).join(".")} in the file`);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return splice(text, keyNode.range[1], lineEnd(text, map.range[1]), `: {}${eol}`);
}

/** New keys at the end of a block map, at its keys' indentation. */
function appendToBlockMap(text: string, map: YAMLMap, rest: string[], value: ScalarValue, after?: string): string {
  const first = map.items[0]?.key as Scalar | undefined;
  const last = map.items.find((p) => after !== undefined && isScalar(p.key) && p.key.value === after) ?? map.items[map.items.length - 1];
  if (!first?.range || !last) throw new YamlEditError("cannot add a key to an empty map written in block style");
  const indent = " ".repeat(first.range[0] - lineStart(text, first.range[0]));
  const end = lineEnd(text, (last.value as Node | null)?.range?.[1] ?? (last.key as Scalar).range![1]);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = rest.map((key, i) => `${indent}${"  ".repeat(i)}${renderKey(key)}:${i === rest.length - 1 ? ` ${renderScalar(value)}` : ""}`);
  const prefix = end > 0 && text[end - 1] !== "\n" ? eol : "";
  return splice(text, end, end, `${prefix}${lines.join(eol)}${eol}`);
}

/** A flow map (`{enabled: false}`) is re-written whole, still in flow style, with the key set or removed. */
function replaceFlowMap(text: string, map: YAMLMap, rest: string[], value: ScalarValue | undefined): string {
  if (!map.range) throw new YamlEditError("cannot locate a flow map in the file");
  const model = new Document(map.toJS(new Document()) as object);
  if (value === undefined) model.deleteIn(rest);
  else model.setIn(rest, value);
  return splice(text, map.range[0], map.range[1], renderFlow(model.toJS()));
}

function renderFlow(value: unknown): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${renderKey(k)}: ${renderFlow(v)}`)
      .join(", ")}}`;
  }
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(", ")}]`;
  return renderScalar(value as ScalarValue);
}

/**
 * A value as YAML, in the style the key had (a quoted rotation key stays quoted). A string that
 * another YAML reader could take for something else (a date, a number, yes/no) is always quoted.
 */
export function renderScalar(value: ScalarValue, style?: Scalar.Type): string {
  if (typeof value !== "string") return String(value);
  if (style === "QUOTE_SINGLE" && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === "QUOTE_DOUBLE" || readsAsOtherThanString(value) || /[\n\r\t]/.test(value)) return JSON.stringify(value);
  const plain = new Document(value).toString({ lineWidth: 0 }).trimEnd();
  return plain.includes("\n") ? JSON.stringify(value) : plain;
}

function renderKey(key: string): string {
  return renderScalar(key);
}

function readsAsOtherThanString(value: string): boolean {
  // The Pulumi CLI's reader (a date, 0755, 1_000), anything a person reads as a date, then this
  // reader and YAML 1.1's (yes/no).
  if (resolvePlainScalar(value).tag !== "str" || /^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$/.test(value)) return true;
  try {
    return parse(value, { version: "1.1" }) !== value || parse(value) !== value;
  } catch {
    return true;
  }
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset just after the line that holds the content ending at `end` (a block node's range ends after its newline). */
function lineEnd(text: string, end: number): number {
  if (end > 0 && text[end - 1] === "\n") return end;
  const newline = text.indexOf("\n", end);
  return newline === -1 ? text.length : newline + 1;
}

function previousLine(text: string, start: number): number | undefined {
  return start === 0 ? undefined : lineStart(text, start - 1);
}

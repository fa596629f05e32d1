import { PropertyChange, Step } from "../diff";
import { singular } from "../listKeys";

/** A value in a headline: the part that differs, cut here. */
const ValueWidth = 24;

/** Hash-like values (a digest of env values) say nothing when something readable says it too. */
export function tidy(phrases: string[]): string[] {
  const readable = phrases.filter((p) => !/\b[0-9a-f]{16,}\b/.test(p) || /sha256:/.test(p));
  return readable.length ? readable : phrases;
}

/** What changed on one resource, in short phrases (`image v1.2.3 → v1.2.4`). */
export function stepPhrases(step: Step): string[] {
  const r = (step.new ?? step.old)!;
  // An env var reads as its value (plain ones are shown; a sensitive one is "[secret]").
  if (/EnvironmentVariable$/.test(step.type) && step.op !== "update") return [step.op === "delete" ? "removed" : `set to ${quoted(r.inputs.value)}`];
  if (step.op === "create" || step.op === "delete") return [step.op === "create" ? "created" : "deleted"];
  const changes = step.changes.filter((c) => c.inputDiff && !c.via);
  if (changes.length === 0) return [step.op === "replace" ? "replaced" : "updated"];
  const phrases: string[] = [];
  const used = new Set<PropertyChange>();
  // Cloud Run traffic reads as where it goes: `traffic latest → mixillo-backend-00075-82j`.
  const traffic = changes.filter((c) => c.path === "traffics" || c.path.startsWith("traffics["));
  if (traffic.length && step.old && step.new) {
    traffic.forEach((c) => used.add(c));
    phrases.push(`traffic ${trafficText(step.old.inputs.traffics)} → ${trafficText(step.new.inputs.traffics)}`);
  }
  // min/max pairs read as a range: `instances 0–10 → 2–20`.
  for (const c of changes) {
    const m = /^(.*?)(?:\.|^)min([A-Z]\w*)$/.exec(c.path);
    if (!m || used.has(c)) continue;
    const maxPath = `${m[1] ? `${m[1]}.` : ""}max${m[2]}`;
    const max = changes.find((d) => d.path === maxPath);
    const oldMax = max ? max.old : lookup(step.old!.inputs, maxPath);
    const newMax = max ? max.new : lookup(step.new!.inputs, maxPath);
    if (oldMax === undefined) continue;
    used.add(c);
    if (max) used.add(max);
    phrases.push(`${rangeName(m[2])} ${c.old}–${oldMax} → ${c.new}–${newMax}`);
  }
  const rest = changes.filter((c) => !used.has(c)).sort((a, b) => rank(a) - rank(b));
  for (const c of rest) phrases.push(...changePhrases(c, step.type));
  return phrases;
}

/** What an operator changes on purpose is named first; flags that follow it (auto-scaling paused) after. */
const Primary = ["image", "instanceSize", "replicas", "memory", "cpu", "value", "rotation", "env"];
const rank = (c: PropertyChange) => {
  const i = Primary.indexOf(leafName(c));
  return i < 0 ? Primary.length : i;
};

function trafficText(targets: unknown): string {
  const list = Array.isArray(targets) ? (targets as { type?: string; revision?: string; tag?: string; percent?: number }[]) : [];
  const name = (t: (typeof list)[number]) => (t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" ? "latest" : (t.revision ?? t.tag ?? "?"));
  return list.length === 1 ? name(list[0]) : list.map((t) => `${name(t)} ${t.percent ?? 0} %`).join(" + ");
}

function rangeName(stem: string): string {
  if (stem === "InstanceCount") return "instances";
  return stem.charAt(0).toLowerCase() + stem.slice(1);
}

/** `label platform.ops/env` → `env`, `annotations["platform.ops.rotation"]` → `rotation`, `x.image` → `image`. */
function leafName(c: PropertyChange, type?: string): string {
  if (type === "docker:index/remoteImage:RemoteImage" && c.path === "name") return "image";
  const segments = c.path.match(/[A-Za-z_$][\w$-]*|\["[^"]*"\]/g) ?? [c.path];
  let last = segments[segments.length - 1].replace(/^\["|"\]$/g, "");
  if (c.label && c.label !== "order" && (last === "value" || last === "name")) last = c.label.split(" ").slice(1).join(" ");
  return last.split(/[./]/).pop() || last;
}

function changePhrases(c: PropertyChange, type: string): string[] {
  const leaf = leafName(c, type);
  if (c.label === "order") return [`${leaf} reordered`];
  if (c.kind === "add") {
    const name = elementName(c.new);
    const one = /\]$/.test(c.path) ? singular(leaf) : leaf;
    const value = (c.new as { value?: unknown } | undefined)?.value;
    return [
      name === undefined ? `${one} +${short(c.new)}` : `${one} +${name}${typeof value === "string" || typeof value === "number" ? `=${short(value)}` : ""}`,
    ];
  }
  if (c.kind === "delete") return [`${/\]$/.test(c.path) ? singular(leaf) : leaf} −${elementName(c.old) ?? short(c.old)}`];
  const keys = jsonObjects(c.old, c.new);
  if (keys) return keys.map((k) => `${leaf} ${k}`);
  const [a, b] = shortPair(c.old, c.new);
  return [`${leaf} ${a} → ${b}`];
}

/** What names an added or removed list element: its `name`/`key`/`label`, or `KEY` of `KEY=value`. */
function elementName(v: unknown): string | undefined {
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const name = o.name ?? o.key ?? o.label ?? o.displayName;
    return typeof name === "string" ? name : undefined;
  }
  return typeof v === "string" ? /^([A-Za-z_][\w.-]*)=/.exec(v)?.[1] : undefined;
}

function jsonObjects(a: unknown, b: unknown): string[] | undefined {
  const parse = (v: unknown) => {
    try {
      const o = typeof v === "string" && v.startsWith("{") ? JSON.parse(v) : undefined;
      return o && typeof o === "object" && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return undefined;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].sort().flatMap((k) => {
    if (!(k in x)) return [`+${k}=${short(y[k])}`];
    if (!(k in y)) return [`−${k}`];
    if (JSON.stringify(x[k]) === JSON.stringify(y[k])) return [];
    const [p, q] = shortPair(x[k], y[k]);
    return [`${k} ${p} → ${q}`];
  });
}

const quoted = (v: unknown) => (typeof v === "string" ? `"${short(v)}"` : short(v));

function short(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > ValueWidth ? `${text.slice(0, ValueWidth - 1)}…` : text;
}

/**
 * Two values as short as they can be and still differ where they differ: what both start with is
 * dropped up to a separator (`rezapp/merchant-backend:v1.2.3` → `v1.2.3`), then each is cut.
 */
function shortPair(a: unknown, b: unknown): [string, string] {
  if (typeof a !== "string" || typeof b !== "string") return [short(a), short(b)];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let start = prefix;
  while (start > 0 && !/[/@:]/.test(a[start - 1])) start--;
  // Keep the token before a digest (`sha256:`) so that it still reads as one.
  if (start > 0 && /sha256:$/.test(a.slice(0, start))) start -= "sha256:".length;
  // A digest by its first 12 digits, as `docker images` shortens ids (the details have it whole).
  const digest = (s: string) => s.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]{52}$/, "$1…");
  const [x, y] = [digest(a.slice(start)), digest(b.slice(start))];
  // Still too long to show where they differ: from a few characters before the difference.
  if (Math.max(x.length, y.length) > ValueWidth && prefix - start > 8) return [short(`…${a.slice(prefix - 4)}`), short(`…${b.slice(prefix - 4)}`)];
  return [short(x), short(y)];
}

function lookup(inputs: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), inputs);
}

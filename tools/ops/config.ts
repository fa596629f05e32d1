import { OpsError } from "./errors";
import { Config, ProcedureContext } from "./procedure";

/** The value at a path of the config, or undefined. */
export function at(config: Config, path: readonly string[]): unknown {
  let node: unknown = config;
  for (const key of path) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The keys of the map at a path ([] when there is none). */
export function keysAt(config: Config, path: readonly string[]): string[] {
  const node = at(config, path);
  return node !== null && typeof node === "object" && !Array.isArray(node) ? Object.keys(node) : [];
}

/** `--min 5` as a whole number; the spec decides whether it is in range. */
export function intOption(ctx: ProcedureContext, name: string): number | undefined {
  const raw = ctx.options[name];
  if (raw === undefined) return undefined;
  if (raw === true || !/^-?[0-9]+$/.test(raw)) throw new OpsError(`--${name}: expected a whole number, found ${JSON.stringify(raw === true ? "" : raw)}`);
  return Number(raw);
}

export function stringOption(ctx: ProcedureContext, name: string): string | undefined {
  const raw = ctx.options[name];
  return raw === true ? undefined : raw;
}

/** `on`/`off` (or the words the stack file uses) as a boolean. */
export function onOff(word: string | undefined, usage: string): boolean {
  const w = word?.toLowerCase();
  if (w === "on" || w === "enabled" || w === "enable" || w === "true") return true;
  if (w === "off" || w === "disabled" || w === "disable" || w === "false") return false;
  throw new OpsError(word === undefined ? `on or off? ${usage}` : `expected on or off, found ${JSON.stringify(word)}: ${usage}`);
}

/** A token for restarts: the minute, in the README's form (`2025-11-22T03-10`). */
export function minuteToken(now: Date): string {
  return now.toISOString().slice(0, 16).replace(":", "-");
}

export function dayToken(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export const pathText = (path: readonly string[]): string => path.join(".");

/** The stack's GCP region, as the runbook commands name it (`--region=europe-west1`). */
export const gcpRegion = (ctx: ProcedureContext): string => String(at(ctx.config, ["platform:gcp", "region"]) ?? "<region>");

/** The target Kubernetes app's namespace, as the runbook commands name it (`-n production`). */
export const namespaceOf = (ctx: ProcedureContext): string => String(at(ctx.config, [...ctx.target.path, "namespace"]) ?? "<namespace>");

/** A Docker container's docker-compose service name (`backend` for spilttea-backend), as the runbook uses it. */
export const composeName = (ctx: ProcedureContext): string => ctx.target.aliases[0] ?? ctx.target.id;

import * as pulumi from "@pulumi/pulumi";
import { StackSpec } from "./schema";
import { parseStackSpec, stackFileName } from "./spec";

/**
 * The spec of the running stack, from the config the engine passed in (secure values already
 * decrypted by the CLI). Structured values arrive JSON-encoded; plain strings arrive as they are.
 */
export function runtimeStackSpec(): StackSpec {
  const stack = pulumi.getStack();
  const config: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(pulumi.runtime.allConfig())) config[key] = decodeConfigValue(raw);
  return parseStackSpec(config, { stack, file: stackFileName(stack) });
}

export function decodeConfigValue(raw: string): unknown {
  if (!/^\s*[[{]/.test(raw)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

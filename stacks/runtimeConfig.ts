import * as pulumi from "@pulumi/pulumi";
import { StackSpec } from "./schema";
import { parseStackSpec, stackFileName } from "./spec";
import { cliDecodedIssues } from "./validate/cliDecoded";
import { StackSpecError } from "./validate/issues";

/**
 * The spec of the running stack, from the config the engine passed in: secure values already
 * decrypted (by the CLI, or stand-ins from the plan), and the keys that held one. Structured values
 * arrive JSON-encoded; plain strings arrive as they are.
 */
export function runtimeStackSpec(): StackSpec {
  const stack = pulumi.getStack();
  const file = stackFileName(stack);
  const config: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(pulumi.runtime.allConfig())) config[key] = decodeConfigValue(raw);
  const decoded = cliDecodedIssues(config);
  if (decoded.length > 0) throw new StackSpecError(file, decoded);
  return parseStackSpec(config, { stack, file, secretKeys: Object.keys(config).filter(isConfigSecret) });
}

/**
 * Whether the key held a `secure:` value. The SDK reads the language host's PULUMI_CONFIG_SECRET_KEYS
 * in `runtime.isConfigSecret` (sdk/nodejs/runtime/config.ts), which its type declarations leave out
 * (@internal); the mocks' `setAllConfig(config, secretKeys)` sets the same list.
 */
function isConfigSecret(key: string): boolean {
  const sdk = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  if (typeof sdk.isConfigSecret !== "function") {
    throw new Error("@pulumi/pulumi no longer has runtime.isConfigSecret: secret config keys cannot be told apart; see stacks/runtimeConfig.ts");
  }
  return sdk.isConfigSecret(key);
}

export function decodeConfigValue(raw: string): unknown {
  if (!/^\s*[[{]/.test(raw)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

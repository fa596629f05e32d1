import { isSecureValue } from "../../stacks/validate/configValues";
import { Secret } from "./values";

/** A stack file's config with its `secure:` values replaced, and what the engine would mark secret. */
export interface RedactedConfig {
  config: Record<string, unknown>;
  /** Top-level keys that hold a secure value anywhere inside (the engine marks the whole key secret). */
  secretKeys: string[];
}

/**
 * `secure:` values are ciphertext only the stack's secrets provider can decrypt, which the offline plan
 * has no access to. The CLI would hand the program the plaintext string; the plan hands it "[secret]"
 * instead, so the program (and its validation) sees a string where the engine would, and whatever that
 * string reaches prints as "[secret]". The ciphertext itself never goes further than this function.
 */
export function redactSecureValues(config: Record<string, unknown>): RedactedConfig {
  const secretKeys: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    let found = false;
    const walk = (v: unknown): unknown => {
      if (isSecureValue(v)) {
        found = true;
        return Secret;
      }
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    out[key] = walk(value);
    if (found) secretKeys.push(key);
  }
  return { config: out, secretKeys: secretKeys.sort() };
}

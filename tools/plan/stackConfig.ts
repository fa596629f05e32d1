import { readStackConfig } from "../../stacks/stackFile";

/** A stack file's config as the engine hands it to a program: every value a string, objects as JSON. */
export function engineConfig(config: Record<string, unknown>): Record<string, string> {
  const encoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) encoded[key] = typeof value === "string" ? value : JSON.stringify(value);
  return encoded;
}

export { readStackConfig };

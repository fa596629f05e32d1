/** Walking a stack's config map: the checks that look at every value, wherever it is. */

/** A `secure:` value as a stack file holds it: `{secure: <ciphertext>}` and nothing else. */
export const isSecureValue = (v: unknown): v is { secure: unknown } =>
  v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;

/**
 * Calls `visit` with every value of the config and its key path (`["platform:secrets", "X", "generate"]`),
 * parents before children; when `visit` returns false, the value's children are not visited.
 */
export function eachConfigValue(config: Record<string, unknown>, visit: (value: unknown, path: (string | number)[]) => boolean | void): void {
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (visit(value, path) === false) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  for (const [key, value] of Object.entries(config)) walk(value, [key]);
}

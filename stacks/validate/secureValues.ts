import { eachConfigValue, isSecureValue } from "./configValues";
import { keyPath, SpecIssue } from "./issues";

/**
 * Where `secure:` values may be. The CLI decrypts them and tells the program only which top-level
 * keys held one (`PULUMI_CONFIG_SECRET_KEYS`, pulumi/pulumi sdk/nodejs/runtime/config.ts
 * isConfigSecret), never which value inside: so one key holds them all, and a secure value anywhere
 * else would reach a resource as plain text. It is refused instead, on both paths: by key from what
 * the CLI says (secretKeyIssues), and by exact path where the YAML is at hand (secureLeafIssues).
 */
export const SecretValuesKey = "platform:secretValues";
const ValueField = "value";

const howTo = `secret values go in ${SecretValuesKey}.<SECRET_ID>.value (pulumi config set --secret --path '${SecretValuesKey}.<SECRET_ID>.value' <value>), and the setting refers to the secret by id`;

/** The CLI's view: the top-level keys it marks secret, and the values the program got in plain text. */
export function secretKeyIssues(config: Record<string, unknown>, secretKeys: readonly string[]): SpecIssue[] {
  const issues: SpecIssue[] = secretKeys
    .filter((key) => key !== SecretValuesKey)
    .map((key) => ({ path: key, message: `holds a secure: value, which would reach its resource as plain text: ${howTo}` }));
  const values = config[SecretValuesKey];
  const given = values !== null && typeof values === "object" && Object.keys(values).length > 0;
  if (given && !secretKeys.includes(SecretValuesKey)) {
    issues.push({ path: SecretValuesKey, message: "expected secure: values, found plain text: set each with pulumi config set --secret --path" });
  }
  return issues;
}

/** The stack file's view: each secure value by path, and each secret value that is not secure. */
export function secureLeafIssues(config: Record<string, unknown>): SpecIssue[] {
  const issues: SpecIssue[] = [];
  eachConfigValue(config, (value, path) => {
    const allowed = path.length === 3 && path[0] === SecretValuesKey && path[2] === ValueField;
    if (isSecureValue(value)) {
      if (!allowed) issues.push({ path: keyPath(path), message: `is a secure: value, which would reach its resource as plain text: ${howTo}` });
      return false;
    }
    if (allowed)
      issues.push({
        path: keyPath(path),
        message: `expected a secure: value, found plain text: set it with pulumi config set --secret --path '${keyPath(path)}' <value>`,
      });
    return true;
  });
  return issues;
}

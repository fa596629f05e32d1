import { eachConfigValue } from "./configValues";
import { keyPath, SpecIssue } from "./issues";

/**
 * What the Pulumi CLI makes of an unquoted YAML date (yaml.v3 reads a timestamp, and the config
 * value is its `time.Time.String()`: pulumi/pulumi sdk/go/common/resource/config/object.go,
 * unmarshalObject). The plan rejects the unquoted date in the file (yamlDialect.ts); under the CLI
 * the program sees only this string, and says the same.
 */
const GoTimeString = /^([0-9]{4}-[0-9]{2}-[0-9]{2}) [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})? [-+][0-9]{4} [A-Za-z0-9+-]+$/;

export function cliDecodedIssues(config: Record<string, unknown>): SpecIssue[] {
  const issues: SpecIssue[] = [];
  eachConfigValue(config, (value, path) => {
    const date = typeof value === "string" ? GoTimeString.exec(value) : null;
    if (!date) return true;
    const written = value === `${date[1]} 00:00:00 +0000 UTC` ? ` ("${date[1]}")` : "";
    issues.push({ path: keyPath(path), message: `the Pulumi CLI read an unquoted date here ("${value}"): quote it in the stack file${written}` });
    return true;
  });
  return issues;
}

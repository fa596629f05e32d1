/** One problem found in a stack file, at a key path in `pulumi config --path` syntax. */
export interface SpecIssue {
  path: string;
  message: string;
}

/**
 * A stack file that cannot be turned into a spec. The message lists every problem of the file, each
 * line naming the file and the key, so that one run shows everything to fix.
 */
export class StackSpecError extends Error {
  constructor(
    readonly file: string,
    readonly issues: SpecIssue[],
  ) {
    super(formatIssues(file, issues));
    this.name = "StackSpecError";
  }
}

export function formatIssues(file: string, issues: SpecIssue[]): string {
  const count = issues.length === 1 ? "1 error" : `${issues.length} errors`;
  const lines = issues.map((issue) => (issue.path ? `  ${file}: ${issue.path}: ${issue.message}` : `  ${file}: ${issue.message}`));
  return [`${file} is not a valid stack file (${count}):`, ...lines].join("\n");
}

/** JSON pointer segments → `platform:cloudRun.mixillo-backend.traffic.split[0].percent`. */
export function keyPath(segments: readonly (string | number)[]): string {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number" || /^[0-9]+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z0-9_:-]+$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** How a found value reads in a message: `"ten"`, `-1`, `a list`, `an encrypted secure: value`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") {
    if ("secure" in (value as object)) return "an encrypted secure: value (secret values belong in platform:secretValues.<SECRET_ID>.value)";
    return "a map";
  }
  if (typeof value === "string") return JSON.stringify(value);
  return `${String(value)} (a ${typeof value})`;
}

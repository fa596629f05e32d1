import { stackConfigFromText } from "../stacks/stackFile";

/**
 * The areas of a stack file (its top-level `platform:` keys besides environment, owner and gcp). A test
 * that needs only some of them plans a focused stack: the whole estate is 212 resources in prod, the
 * Cloud Run service alone 22, and planning time follows the count.
 */
export type Area = "cloudRun" | "kubernetes" | "atlas" | "vercel" | "docker" | "secrets" | "oncall" | "monitoring" | "allowReplace";

/**
 * The areas that cannot be planned alone, with what they cannot go without: a Vercel project reads the
 * Cloud Run service's URL, and monitoring pages through on-call and watches the service, the project
 * and the app its products name.
 */
export const Focused = {
  vercel: ["vercel", "cloudRun"],
  monitoring: ["monitoring", "oncall", "cloudRun", "vercel", "kubernetes"],
} as const satisfies Record<string, readonly Area[]>;

/**
 * The stack file cut down to the given areas, line for line as the fixture has them (comments
 * included), with the secrets those areas name (`secret:`, `connectionStringSecret:`, ...) unless
 * `secrets` is one of them. A key's block goes with the comment lines right above it.
 */
export function focusedText(projectDir: string, stack: string, text: string, areas: readonly Area[]): string {
  const config = stackConfigFromText(projectDir, stack, text).config as Record<string, unknown>;
  const named = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string") named.add(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const area of areas) collect(config[`platform:${area}`]);
  // The secrets block stays, cut down to the named secrets when it is not one of the areas asked for.
  const keptAreas = new Set<string>(["environment", "owner", "gcp", "secrets", ...areas]);

  const lines = text.split("\n");
  const drop = new Set<number>();
  for (const area of keyBlocks(lines, lines.indexOf("config:") + 1, lines.length, 2)) {
    const name = area.key.replace(/^platform:/, "");
    if (!keptAreas.has(name)) for (let i = area.start; i < area.end; i++) drop.add(i);
    else if (name === "secrets" && !areas.includes("secrets")) {
      const secrets = keyBlocks(lines, area.keyLine + 1, area.end, 4);
      const unnamed = secrets.filter((secret) => !named.has(secret.key));
      // No secret named at all: the whole block goes (an empty map is not a valid `platform:secrets`).
      for (const block of unnamed.length === secrets.length ? [area] : unnamed) for (let i = block.start; i < block.end; i++) drop.add(i);
    }
  }
  return lines.filter((_, i) => !drop.has(i)).join("\n");
}

/**
 * The keys at one indentation between two lines, each with its lines: from the comments right above it
 * to the line before the next key's comments (or the first line indented less, or `end`).
 */
function keyBlocks(lines: string[], from: number, end: number, indent: number): { key: string; keyLine: number; start: number; end: number }[] {
  const pad = " ".repeat(indent);
  const keyAt = (line: string) =>
    line.startsWith(pad) && !line.startsWith(`${pad} `) && !line.startsWith(`${pad}#`) ? /^\s*([^\s#]\S*?):(?:\s|$)/.exec(line)?.[1] : undefined;
  const outdented = (line: string) => line.trim() !== "" && !line.startsWith(pad);
  const blocks: { key: string; keyLine: number; start: number; end: number }[] = [];
  let commentsFrom: number | undefined;
  for (let i = from; i < end; i++) {
    const line = lines[i];
    if (outdented(line)) {
      end = i;
      break;
    }
    const key = keyAt(line);
    if (key !== undefined) {
      const start = commentsFrom ?? i;
      if (blocks.length) blocks[blocks.length - 1].end = start;
      blocks.push({ key, keyLine: i, start, end });
      commentsFrom = undefined;
    } else if (line.startsWith(`${pad}#`)) commentsFrom ??= i;
    else commentsFrom = undefined;
  }
  if (blocks.length) blocks[blocks.length - 1].end = end;
  return blocks;
}

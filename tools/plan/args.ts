/** The command line of `npm run plan -- <stack> [flags]`. */
export interface PlanArgs {
  stack: string;
  mode: "plan" | "write" | "check";
  format: "tree" | "json" | "markdown";
  allowReplace: string[];
  baseline?: string;
  projectDir?: string;
}

export const Usage = `usage: npm run plan -- <stack> [--json | --markdown] [--write | --check] [--allow-replace <urn|type::name>]... [--base <state.json>] [--dir <project>]
  (no flag)        diff the plan against plans/<stack>.json and print it as a tree
  --write          write plans/<stack>.json (the reviewed desired state)
  --check          fail (exit 1) when plans/<stack>.json is stale
  --json           one JSON object shaped like \`pulumi preview --json --show-sames\`
  --markdown       the plan as a pull-request comment
  --allow-replace  allow deleting or replacing this one stateful resource (repeatable)
  --base           diff against this state file instead of plans/<stack>.json (e.g. the base branch's)
  --dir            the project directory (default: this repository)`;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): PlanArgs {
  const args: PlanArgs = { stack: "", mode: "plan", format: "tree", allowReplace: [] };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const set = <K extends "mode" | "format">(key: K, v: PlanArgs[K], flag: string) => {
    if (args[key] !== (key === "mode" ? "plan" : "tree") && args[key] !== v) throw new UsageError(`${flag} cannot be combined with --${args[key]}`);
    args[key] = v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--write" || a === "--check") set("mode", a.slice(2) as PlanArgs["mode"], a);
    else if (a === "--json" || a === "--markdown") set("format", a.slice(2) as PlanArgs["format"], a);
    else if (a === "--allow-replace") args.allowReplace.push(value(i++, a));
    else if (a === "--base") args.baseline = value(i++, a);
    else if (a === "--dir") args.projectDir = value(i++, a);
    else if (a.startsWith("-")) throw new UsageError(`unknown flag ${a}`);
    else if (args.stack) throw new UsageError(`one stack at a time (got ${args.stack} and ${a})`);
    else args.stack = a;
  }
  if (!args.stack) throw new UsageError("which stack? name it first, e.g. npm run plan -- prod");
  if (!/^[A-Za-z0-9_.-]+$/.test(args.stack)) throw new UsageError(`not a stack name: ${args.stack}`);
  return args;
}

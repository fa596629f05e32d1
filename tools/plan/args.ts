import { npmSwallowedFlags } from "../cli/npmSwallowed";
import { FlagSpec, strictArgs } from "../cli/strictArgs";

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

const Flags: Record<string, FlagSpec> = {
  write: { takesValue: false },
  check: { takesValue: false },
  json: { takesValue: false },
  markdown: { takesValue: false },
  "allow-replace": { takesValue: true, multiple: true },
  base: { takesValue: true },
  dir: { takesValue: true },
};

/** `env` is where npm leaves a flag it took for itself (`npm run plan prod --markdown`, without `--`). */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): PlanArgs {
  const swallowed = npmSwallowedFlags("plan", argv, Flags, env);
  if (swallowed) throw new UsageError(swallowed);
  const { flags, positionals } = strictArgs(argv, Flags, (message) => new UsageError(message));
  const one = <T extends string>(names: T[], fallback: T): T => {
    const given = names.filter((name) => flags[name]);
    if (given.length > 1) throw new UsageError(`--${given[1]} cannot be combined with --${given[0]}`);
    return given[0] ?? fallback;
  };
  const args: PlanArgs = {
    stack: positionals[0] ?? "",
    mode: one(["write", "check"], "plan"),
    format: one(["json", "markdown"], "tree"),
    allowReplace: (flags["allow-replace"] as string[] | undefined) ?? [],
    ...(flags.base ? { baseline: flags.base as string } : {}),
    ...(flags.dir ? { projectDir: flags.dir as string } : {}),
  };
  if (positionals.length > 1) throw new UsageError(`one stack at a time (got ${positionals.join(" and ")})`);
  if (!args.stack) throw new UsageError("which stack? name it first, e.g. npm run plan -- prod");
  if (!/^[A-Za-z0-9_.-]+$/.test(args.stack)) throw new UsageError(`not a stack name: ${args.stack}`);
  return args;
}

import { suggestion } from "../../stacks/validate/closest";
import { OpsError } from "./errors";
import { OptionSpec } from "./procedure";

/** The command line of `npm run ops -- <procedure> <target> [words] [--options] --stack <stack>`. */
export interface OpsArgs {
  procedure?: string;
  /** Target(s) and words (`on`, `off`, a threshold), in order. */
  words: string[];
  /** The procedure's own options. */
  options: Record<string, string | true>;
  stack?: string;
  kind?: string;
  dir?: string;
  dryRun: boolean;
  writePlan: boolean;
  help: boolean;
  allowReplace: string[];
}

export const CommonOptions: Record<string, OptionSpec> = {
  stack: { takesValue: true, help: "the stack whose Pulumi.<stack>.yaml is edited (required)" },
  kind: { takesValue: true, help: "cloudrun|k8s|vercel|docker|...: when a name belongs to several kinds" },
  "dry-run": { takesValue: false, help: "show the edit and its plan diff; write nothing" },
  "write-plan": { takesValue: false, help: "also regenerate plans/<stack>.json (as `npm run plan -- <stack> --write`)" },
  "allow-replace": { takesValue: true, help: "allow deleting or replacing this stateful resource (as `npm run plan`), repeatable" },
  dir: { takesValue: true, help: "the project directory (default: this repository)" },
  help: { takesValue: false, help: "this help, or a procedure's" },
};

/**
 * Parses argv; `procedureOptions` gives the options of the procedure once its name is read (flags
 * may come before or after it).
 */
export function parseArgs(argv: string[], procedureOptions: (name: string) => Record<string, OptionSpec>): OpsArgs {
  const args: OpsArgs = { words: [], options: {}, dryRun: false, writePlan: false, help: false, allowReplace: [] };
  let own: Record<string, OptionSpec> = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "-h") {
      args.help = true;
      continue;
    }
    if (!token.startsWith("--")) {
      if (args.procedure === undefined) {
        args.procedure = token;
        own = procedureOptions(token);
      } else args.words.push(token);
      continue;
    }
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = CommonOptions[name] ?? own[name];
    if (!spec) {
      const known = [...Object.keys(CommonOptions), ...Object.keys(own)];
      throw new OpsError(`unknown option --${name}${suggestion(name, known).replace(/"([^"]+)"/, '"--$1"')}`, args.procedure);
    }
    let value: string | true = true;
    if (spec.takesValue) {
      value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new OpsError(`--${name} needs a value`, args.procedure);
    } else if (inline !== undefined) throw new OpsError(`--${name} takes no value`, args.procedure);
    setOption(args, name, value);
  }
  return args;
}

function setOption(args: OpsArgs, name: string, value: string | true): void {
  switch (name) {
    case "stack":
      args.stack = value as string;
      return;
    case "kind":
      args.kind = value as string;
      return;
    case "dir":
      args.dir = value as string;
      return;
    case "dry-run":
      args.dryRun = true;
      return;
    case "write-plan":
      args.writePlan = true;
      return;
    case "help":
      args.help = true;
      return;
    case "allow-replace":
      args.allowReplace.push(value as string);
      return;
    default:
      if (args.options[name] !== undefined) throw new OpsError(`--${name} given twice`, args.procedure);
      args.options[name] = value;
  }
}

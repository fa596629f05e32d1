import { parseArgs as nodeParseArgs } from "node:util";
import { byCloseness, closest } from "../../stacks/validate/closest";
import { npmSwallowedFlags } from "../cli/npmSwallowed";
import { FlagSpec, strictArgs } from "../cli/strictArgs";
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
  kind: {
    takesValue: true,
    help: "cloud-run, kubernetes, vercel, docker, ...: when a name belongs to several kinds (cloudrun and k8s, the old and short spellings, still work)",
  },
  "dry-run": { takesValue: false, help: "show the edit and its plan diff; write nothing" },
  "write-plan": { takesValue: false, help: "also regenerate plans/<stack>.json (as `npm run plan -- <stack> --write`)" },
  "allow-replace": { takesValue: true, help: "allow deleting or replacing this stateful resource (as `npm run plan`), repeatable" },
  dir: { takesValue: true, help: "the project directory (default: this repository)" },
  help: { takesValue: false, help: "this help, or a procedure's (also -h)" },
};

const Common: Record<string, FlagSpec> = { ...CommonOptions, "allow-replace": { takesValue: true, multiple: true }, help: { takesValue: false, short: "h" } };

export interface ProcedureOptions {
  /** The procedure names there are (for `did you mean`). */
  names: string[];
  /** The options of the procedure called `name`, or undefined when there is none. */
  of(name: string): Record<string, OptionSpec> | undefined;
  /** Every option of every procedure: finding the procedure's name needs to know which flags take a value. */
  all: Record<string, OptionSpec>;
}

/**
 * Parses argv strictly (node:util parseArgs): the procedure is the first word, its options and the
 * common ones may come before or after it, and anything else is an error before the stack file is
 * read. `env` is where npm leaves flags it took for itself (`npm run ops scale ... --dry-run`).
 */
export function parseArgs(argv: string[], procedures: ProcedureOptions, env: NodeJS.ProcessEnv = process.env): OpsArgs {
  const swallowed = npmSwallowedFlags("ops", argv, { ...procedures.all, ...Common }, env);
  if (swallowed) throw new OpsError(swallowed);
  const name = procedureName(argv, procedures.all);
  const own = name === undefined || name === "help" ? {} : procedures.of(name);
  if (own === undefined) {
    const best = closest(name!, procedures.names);
    throw new OpsError(
      `unknown procedure "${name}"; ${best ? `did you mean "${best}"?` : `procedures, closest first: ${byCloseness(name!, procedures.names).join(", ")}`}`,
    );
  }
  const { flags, positionals } = strictArgs(argv, { ...own, ...Common }, (message) => new OpsError(message, name));
  const options: Record<string, string | true> = {};
  for (const [flag, value] of Object.entries(flags)) if (!(flag in Common)) options[flag] = value as string | true;
  return {
    procedure: positionals[0],
    words: positionals.slice(1),
    options,
    ...(flags.stack ? { stack: flags.stack as string } : {}),
    ...(flags.kind ? { kind: flags.kind as string } : {}),
    ...(flags.dir ? { dir: flags.dir as string } : {}),
    dryRun: flags["dry-run"] === true,
    writePlan: flags["write-plan"] === true,
    help: flags.help === true,
    allowReplace: (flags["allow-replace"] as string[] | undefined) ?? [],
  };
}

/** The first word that is not a flag's value: the procedure. */
function procedureName(argv: string[], all: Record<string, OptionSpec>): string | undefined {
  const options = Object.fromEntries(
    Object.entries({ ...all, ...Common }).map(([n, s]) => [n, { type: s.takesValue ? ("string" as const) : ("boolean" as const) }]),
  );
  const { positionals } = nodeParseArgs({ args: argv, options, strict: false, allowPositionals: true });
  return positionals[0];
}

/**
 * The words after the procedure, checked against what it takes, before anything is read: one target
 * (or several, when it does all of them) and at most `max` words after it.
 */
export function checkWords(procedure: string, words: string[], takes: { manyTargets: boolean; max: number; usage?: string }, nouns: string): void {
  if (takes.manyTargets || words.length <= 1 + takes.max) return;
  const extra = words.slice(1 + takes.max);
  const option = extra.map((w) => closest(w.replace(/^-+/, ""), Object.keys(Common))).find(Boolean);
  const asOption = option ? `; did you mean --${option}?` : "";
  const after = takes.max === 0 ? "nothing but options after it" : `at most ${takes.usage} after it`;
  throw new OpsError(
    `unexpected ${extra.length > 1 ? "arguments" : "argument"} ${extra.map((w) => JSON.stringify(w)).join(" ")}${asOption} (${procedure} takes one ${nouns} and ${after}: run it once per target)`,
    procedure,
  );
}

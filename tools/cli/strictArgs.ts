import { parseArgs } from "node:util";
import { closest, suggestion } from "../../stacks/validate/closest";

/**
 * A strict command line for `npm run plan` and `npm run ops`: node:util parseArgs reads it (long
 * flags, `--flag value` and `--flag=value`, `--` ending the flags), and every token is checked before
 * the command does anything, so that a misspelt or single-dash flag (`-n`, `-dry-run`) can never be
 * read as a word or ignored. The messages name the flag and the closest known one.
 */

export interface FlagSpec {
  /** `--stack prod` (true) or a switch such as `--dry-run` (false). */
  takesValue: boolean;
  /** May be given several times (`--allow-replace`). */
  multiple?: boolean;
  /** A one-letter alias (`-h` for `--help`); flags have none unless they say so. */
  short?: string;
}

export interface CommandLine {
  /** Switches are `true`; repeatable flags hold every value in order. */
  flags: Record<string, string | true | string[]>;
  positionals: string[];
}

/** Reads argv against `specs`, or throws `fail(message)` for the first token that is not one of them. */
export function strictArgs(argv: string[], specs: Record<string, FlagSpec>, fail: (message: string) => Error): CommandLine {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, s]) => [
      name,
      { type: s.takesValue ? ("string" as const) : ("boolean" as const), multiple: s.multiple ?? false, ...(s.short ? { short: s.short } : {}) },
    ]),
  );
  // Lenient first, for tokens this file can explain; strict after, as node defines it.
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const flags: CommandLine["flags"] = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const spec = specs[token.name];
    const shortAllowed = spec?.short !== undefined && token.rawName === `-${spec.short}`;
    if (!token.rawName.startsWith("--") && !shortAllowed) throw fail(singleDash(argv[token.index], Object.keys(specs)));
    if (!spec) throw fail(`unknown option --${token.name}${dashed(suggestion(token.name, Object.keys(specs)))}`);
    if (spec.takesValue) {
      if (token.value === undefined) throw fail(`--${token.name} needs a value`);
      if (!token.inlineValue && token.value.startsWith("-")) {
        throw fail(
          `--${token.name} needs a value, found ${JSON.stringify(token.value)}, which reads as an option (write --${token.name}=${token.value} if it is the value)`,
        );
      }
    } else if (token.inlineValue) throw fail(`--${token.name} takes no value`);
    const value = spec.takesValue ? token.value! : true;
    if (spec.multiple) flags[token.name] = [...((flags[token.name] as string[] | undefined) ?? []), value as string];
    else if (flags[token.name] !== undefined) throw fail(`--${token.name} given twice`);
    else flags[token.name] = value;
  }
  try {
    parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw fail((error as Error).message.split("\n")[0]);
  }
  return { flags, positionals };
}

/** `-n`, `-d`, `-dry-run`: flags are long, and a single dash is never taken for some other meaning. */
function singleDash(word: string, names: string[]): string {
  const letters = word.replace(/^-+/, "").split("=")[0];
  // One letter: the flags it starts (and `-n`, the usual dry run); more: the closest flag.
  const oneLetter = [...names.filter((n) => n.startsWith(letters)), ...(letters === "n" && names.includes("dry-run") ? ["dry-run"] : [])];
  const guesses = letters.length > 1 ? [closest(letters, names)].filter((g): g is string => g !== undefined) : [...new Set(oneLetter)];
  const hint = guesses.length ? `; did you mean ${guesses.map((g) => `"--${g}"`).join(" or ")}?` : "";
  return `unknown option ${word}: options are written with two dashes${hint}`;
}

/** `; did you mean "min"?` → `; did you mean "--min"?` */
const dashed = (hint: string) => hint.replace(/"([^"]+)"/, '"--$1"');

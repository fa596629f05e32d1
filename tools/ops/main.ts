import * as fs from "fs";
import * as path from "path";
import { parseStackSpec, stackFileName } from "../../stacks/spec";
import { listStacks, stackConfigFromText } from "../../stacks/stackFile";
import { StackSpecError } from "../../stacks/validate/issues";
import { ExitCode } from "../plan/exitCodes";
import { loadPack } from "../plan/loadPack";
import { PolicyPackRun } from "../plan/policies";
import { reviewedStatePath, serializeState } from "../plan/reviewedState";
import { redactSecureValues } from "../plan/secureConfig";
import { checkWords, OpsArgs, parseArgs } from "./args";
import { OpsError } from "./errors";
import { expiredSilenceWarnings } from "./expiredSilences";
import { onFile } from "./fileErrors";
import { changeOf } from "./changeOf";
import { generalHelp, procedureHelp, shortUsage } from "./help";
import { planEdit } from "./planEdit";
import { Change, Procedure } from "./procedure";
import { allProcedures, kindsOf, optionsOf, procedureNames, variantsOf } from "./registry";
import { keyChangeLines, planLines, runbookLines } from "./report";
import { refuseChangesThatMissTheServingRevision } from "./servingRevision";
import { beginStackEdit, StackEdit } from "./transaction";
import { applyEdits, YamlEditError } from "./yamlEdit";
import type { Io } from "../plan/main";
import { enableDiskCache } from "../../stacks/cache/diskCache";

/** This repository (this file is tools/ops/main.ts): its program and policy pack. */
export const CodeDir = path.resolve(__dirname, "..", "..");

export type { Io };

export interface OpsDeps {
  program: () => unknown;
  /** Tests fix the clock (restart tokens, rotation keys, silences' `--for`). */
  now?: () => Date;
  /** Tests may pass a pack; undefined loads policies/pack.ts with policies/config/<stack>.json. */
  pack?: (stack: string) => PolicyPackRun | undefined;
}

/** `npm run ops -- <procedure> ...`, returning the exit code. Input errors print their message only. */
export async function main(argv: string[], io: Io, deps: OpsDeps): Promise<ExitCode> {
  enableDiskCache();
  let procedure: string | undefined;
  try {
    const args = parseArgs(argv, {
      names: procedureNames(),
      of: (name) => (variantsOf(name).length ? optionsOf(variantsOf(name)) : undefined),
      all: optionsOf(allProcedures),
    });
    procedure = args.procedure === "help" ? args.words[0] : args.procedure;
    if (args.procedure === "help" || args.help) {
      io.out(procedure && variantsOf(procedure).length ? procedureHelp(procedure) : generalHelp());
      return ExitCode.Clean;
    }
    if (!args.procedure) throw new OpsError("which procedure?");
    return await run(args, io, deps);
  } catch (error) {
    if (error instanceof OpsError) {
      const usage = error.usageOf !== undefined || !procedure ? `\n${shortUsage(error.usageOf ?? procedure)}` : "";
      io.err(`error: ${error.message}${usage}\n`);
      return ExitCode.Invalid;
    }
    if (error instanceof StackSpecError || error instanceof YamlEditError) {
      io.err(`error: ${error.message}\nnothing written.\n`);
      return ExitCode.Invalid;
    }
    // Not the user's input: a defect of ops, the plan or the program.
    io.err(
      `error: ${(error as Error).message ?? String(error)}\n${process.env.OPS_DEBUG ? `${(error as Error).stack}\n` : "(set OPS_DEBUG=1 for the stack trace)\n"}`,
    );
    return ExitCode.Invalid;
  }
}

async function run(args: OpsArgs, io: Io, deps: OpsDeps): Promise<ExitCode> {
  const name = args.procedure!;
  const variants = variantsOf(name);
  checkWords(
    name,
    args.words,
    wordsTaken(variants),
    kindsOf(variants)
      .map((k) => k.noun)
      .join(" or "),
  );
  if (args.dryRun && args.writePlan) throw new OpsError("--dry-run writes nothing, so not plans/ either: drop --write-plan", name);
  const projectDir = projectDirOf(args);
  const stack = requireStack(args, projectDir);
  const file = stackFileName(stack);
  const stackPath = path.join(projectDir, file);
  const planFile = { path: reviewedStatePath(projectDir, stack), label: `plans/${stack}.json` };
  // A real edit holds the stack file's lock from before it is read until its files are written.
  const session = args.dryRun
    ? undefined
    : beginStackEdit({ path: stackPath, label: file }, args.writePlan ? [planFile] : [], ["ops", name, ...args.words].join(" "));
  try {
    return await edit(args, io, deps, { projectDir, stack, file, stackPath, planFile, session });
  } finally {
    session?.release();
  }
}

interface Where {
  projectDir: string;
  stack: string;
  file: string;
  stackPath: string;
  planFile: { path: string; label: string };
  session?: StackEdit;
}

async function edit(args: OpsArgs, io: Io, deps: OpsDeps, w: Where): Promise<ExitCode> {
  const { projectDir, stack, file } = w;
  const text = w.session?.stackText ?? onFile(file, "read", () => fs.readFileSync(w.stackPath, "utf8"));
  const config = stackConfigFromText(projectDir, stack, text).config;
  const now = deps.now?.() ?? new Date();

  const { header, change } = changeOf(args, variantsOf(args.procedure!), config, file, stack, now);
  const edited = editedText(text, change, file);

  // The edited file must be a valid stack file before anything else happens to it.
  const after = stackConfigFromText(projectDir, stack, edited.text).config;
  const redacted = redactSecureValues(after);
  parseStackSpec(redacted.config, { stack, file, secretKeys: redacted.secretKeys });
  refuseChangesThatMissTheServingRevision(config, after, file);
  io.out(`${header}\n${runbookLines(change.replaces).join("\n")}\n\n`);
  for (const warning of expiredSilenceWarnings(after, file, stack, now)) io.err(`${warning}\n`);
  if (edited.changes.length === 0) {
    io.out(`${file}: already so, nothing to change${change.alreadySo ? ` (${change.alreadySo})` : ""}.\n`);
    return ExitCode.Clean;
  }
  io.out(`${file}:\n${keyChangeLines(edited.changes).join("\n")}\n\n`);
  if (change.notes?.length) io.out(`${change.notes.map((n) => `note: ${n}`).join("\n")}\n\n`);

  const pack = (deps.pack ?? ((s) => loadPack(CodeDir, s)))(stack);
  const plan = await planEdit({ projectDir, stack, program: deps.program, before: config, after, pack, allowReplace: args.allowReplace });
  io.out(`${planLines(plan, file).join("\n")}\n\n`);

  if (plan.plan.exitCode !== ExitCode.Clean) {
    const why = plan.plan.exitCode === ExitCode.Blocked ? "the plan of this edit is blocked (see above)" : "the program fails on this edit (see above)";
    io.out(`${file} not written: ${why}.\n`);
    return plan.plan.exitCode;
  }
  if (!w.session) {
    io.out(`dry run: ${file} not written.\n`);
    return ExitCode.Clean;
  }
  // Both files or neither (tools/ops/transaction.ts).
  w.session.commit({ [file]: edited.text, ...(args.writePlan ? { [w.planFile.label]: serializeState(plan.plan.state) } : {}) });
  io.out(`wrote ${file}.\n`);
  if (args.writePlan) {
    io.out(`wrote ${w.planFile.label} (${plan.plan.state.resources.length} resources).\n`);
  } else {
    io.out(`Before committing, regenerate the reviewed state: npm run plan -- ${stack} --write (or add --write-plan), review both diffs.\n`);
  }
  io.out(`Then open a pull request; CI's \`pulumi up\` applies it after review.\n`);
  return ExitCode.Clean;
}

/** The edits applied to the text; an edit the editor refuses names the file. */
function editedText(text: string, change: Change, file: string) {
  try {
    return applyEdits(text, change.edits);
  } catch (error) {
    if (error instanceof YamlEditError) throw new YamlEditError(`${file}: ${error.message}`);
    throw error;
  }
}

/** What the procedure's variants take after its name: several targets, or one and some words. */
function wordsTaken(variants: Procedure[]) {
  const usages = [...new Set(variants.map((v) => v.words?.usage).filter((u): u is string => u !== undefined))];
  return { manyTargets: variants.some((v) => v.manyTargets === true), max: Math.max(0, ...variants.map((v) => v.words?.max ?? 0)), usage: usages.join(" or ") };
}

const projectDirOf = (args: OpsArgs) => path.resolve(args.dir ?? CodeDir);

function requireStack(args: OpsArgs, projectDir: string): string {
  const stacks = fs.existsSync(projectDir) ? listStacks(projectDir) : [];
  const known = stacks.length ? ` (stacks here: ${stacks.join(", ")})` : "";
  if (!args.stack) throw new OpsError(`which stack? add --stack <stack>${known}`, args.procedure);
  if (!stacks.includes(args.stack)) throw new OpsError(`no ${stackFileName(args.stack)} in ${projectDir}${known}`);
  return args.stack;
}

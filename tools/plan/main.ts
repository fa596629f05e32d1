import * as path from "path";
import { StackSpecError } from "../../stacks/validate/issues";
import { parseArgs, Usage, UsageError } from "./args";
import { ExitCode } from "./exitCodes";
import { blocked } from "./guard";
import { loadPack, PackConfigError } from "./loadPack";
import { makePlan, Plan } from "./plan";
import { PolicyPackRun } from "./policies";
import { ReviewedStateError, reviewedStatePath, writeState } from "./reviewedState";
import { renderJson } from "./render/json";
import { renderFailureMarkdown, renderMarkdown } from "./render/markdown";
import { Gate, verdictOf } from "./render/summary";
import { renderTree } from "./render/tree";
import { BaselineError, checkBaseline } from "./baselineFile";
import { enableDiskCache } from "../../stacks/cache/diskCache";

/** The repository whose program is planned (this file is tools/plan/main.ts). */
export const CodeDir = path.resolve(__dirname, "..", "..");

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface MainDeps {
  /** The program to plan; the CLI passes stacks/program.ts. */
  program: () => unknown;
  /** Tests pass small fixture packs; undefined loads policies/pack.ts when it exists. */
  pack?: (stack: string) => PolicyPackRun | undefined;
}

/** `npm run plan -- <stack> [flags]`, returning the exit code. Input errors print their message only. */
export async function main(argv: string[], io: Io, deps: MainDeps): Promise<ExitCode> {
  enableDiskCache();
  let markdownFor: string | undefined;
  try {
    const args = parseArgs(argv);
    if (args.format === "markdown") markdownFor = args.stack;
    const projectDir = path.resolve(args.projectDir ?? CodeDir);
    if (args.baseline) checkBaseline(path.resolve(args.baseline));
    const gate: Gate = { check: args.mode === "check" };
    const plan = await makePlan({
      projectDir,
      stack: args.stack,
      program: deps.program,
      allowReplace: args.allowReplace,
      pack: (deps.pack ?? ((stack) => loadPack(CodeDir, stack)))(args.stack),
      ...(args.baseline ? { baselineFile: path.resolve(args.baseline) } : {}),
    });
    io.out(args.format === "json" ? renderJson(plan, gate) : args.format === "markdown" ? renderMarkdown(plan, gate) : renderTree(plan, gate));
    if (args.mode === "write") return write(plan, projectDir, io);
    if (args.mode === "check") return check(plan, io);
    return plan.exitCode;
  } catch (error) {
    // A pull-request comment still says why there is no plan.
    if (markdownFor && !(error instanceof UsageError)) io.out(renderFailureMarkdown(markdownFor, ExitCode.Invalid, (error as Error).message ?? String(error)));
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n${Usage}\n`);
      return ExitCode.Invalid;
    }
    if (
      error instanceof StackSpecError ||
      error instanceof ReviewedStateError ||
      error instanceof BaselineError ||
      error instanceof PackConfigError ||
      /^invalid policy pack config/.test((error as Error).message)
    ) {
      io.err(`error: ${(error as Error).message}\n`);
      return ExitCode.Invalid;
    }
    // Not the user's input: a defect of the plan or the program. The message, and the trace on request.
    io.err(
      `error: ${(error as Error).message ?? String(error)}\n${process.env.PLAN_DEBUG ? `${(error as Error).stack}\n` : "(set PLAN_DEBUG=1 for the stack trace)\n"}`,
    );
    return ExitCode.Invalid;
  }
}

/** --write: the reviewed state, unless the program failed or the plan would lose data unallowed. */
function write(plan: Plan, projectDir: string, io: Io): ExitCode {
  const file = `plans/${plan.stack}.json`;
  if (plan.exitCode === ExitCode.Invalid) {
    io.err(`${file} not written: the program failed\n`);
    return ExitCode.Invalid;
  }
  if (blocked(plan.guard).length > 0) {
    io.err(`${file} not written: it would delete or replace a stateful resource that is not allowed (see BLOCKED above)\n`);
    return ExitCode.Blocked;
  }
  if (plan.fresh) io.err(`${file} is already up to date\n`);
  else {
    writeState(reviewedStatePath(projectDir, plan.stack), plan.state);
    io.err(`wrote ${file} (${plan.state.resources.length} resources)\n`);
  }
  return plan.exitCode;
}

/** --check: CI's gate. Stale reviewed state or a blocking plan fails. */
function check(plan: Plan, io: Io): ExitCode {
  const { code, problems } = verdictOf(plan, { check: true });
  if (problems.includes(`plans/${plan.stack}.json is stale`)) {
    io.err(
      `plans/${plan.stack}.json is stale: the program and Pulumi.${plan.stack}.yaml now plan something else. Run \`npm run plan -- ${plan.stack} --write\`, review the diff and commit it.\n`,
    );
  }
  return code;
}

import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../../stacks/program";
import { listStacks } from "../../stacks/stackFile";
import { main as ops } from "../ops/main";
import { Steps } from "./steps";

/**
 * `npm run check:ops`: proves that a day of routine operations passes CI as it is. On a scratch copy
 * of this working tree, every step of ./steps.ts runs on each stack with `--write-plan` (as on-call
 * would, then open a pull request), and then the tests that read the committed stack files
 * (test/committedStacks.test.ts: valid, reviewed state current, no mandatory violation) run on that
 * copy. The working tree itself is never written. Exit 0 when every step applied (or was already so)
 * and those tests pass; `--keep` leaves the copy for a look.
 */
const CodeDir = path.resolve(__dirname, "..", "..");
const LiveTests = "test/committedStacks.test.ts";

async function checkOps(keep: boolean): Promise<number> {
  const scratch = scratchCopy();
  let failed = 0;
  try {
    for (const stack of listStacks(scratch)) {
      for (const step of Steps.filter((s) => !s.stacks || s.stacks.includes(stack))) {
        let [out, err] = ["", ""];
        const argv = [...step.argv, "--stack", stack, "--write-plan", "--dir", scratch];
        const code = await ops(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { program });
        const verdict = code !== 0 ? `FAILED (exit ${code})` : out.includes("already so, nothing to change") ? "already so" : "applied";
        process.stdout.write(`${stack.padEnd(8)} ${verdict.padEnd(16)} ops ${step.argv.map(quoted).join(" ")}   [${step.runbook}]\n`);
        if (code !== 0) {
          failed++;
          process.stdout.write(indent(`${out}${err}`));
        }
      }
    }
    process.stdout.write(`\n${failed ? `${failed} step(s) failed` : "every step applied"}; now ${LiveTests} on the edited copy:\n`);
    const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--rootDir", scratch, "--ci", LiveTests], { cwd: scratch, stdio: "inherit" });
    if (jest.status !== 0) failed++;
  } finally {
    if (keep) process.stdout.write(`the copy is kept in ${scratch}\n`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(failed ? "check:ops FAILED\n" : "check:ops passed: a day of operations passes CI as it is\n");
  return failed ? 1 : 0;
}

/** This working tree's files (tracked and untracked, not ignored) in a temporary directory, node_modules linked. */
function scratchCopy(): string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "check-ops-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: CodeDir, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(CodeDir, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    fs.copyFileSync(from, path.join(scratch, file));
  }
  fs.symlinkSync(path.join(CodeDir, "node_modules"), path.join(scratch, "node_modules"), "dir");
  return scratch;
}

const quoted = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `"${word}"`);
const indent = (text: string) => text.replace(/^(?=.)/gm, "    ");

checkOps(process.argv.includes("--keep")).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  },
);

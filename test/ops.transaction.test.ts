import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../stacks/program";
import { main } from "../tools/ops/main";
import { ExitCode } from "../tools/plan/exitCodes";
import { ProjectDir, StackFile } from "./harness";
import { Now, ops, projectCopy, read } from "./opsHarness";

/**
 * An ops edit is a transaction: the stack file and plans/<stack>.json are written together or not at
 * all, and a concurrent writer is detected (tools/ops/transaction.ts, stackLock.ts).
 */

const StackTrace = /^\s+at .+:\d+:\d+\)?$/m;
const planPath = (dir: string) => path.join(dir, "plans", "prod.json");

describe("two edits of one stack file never both succeed silently", () => {
  test("GIVEN two ops commands on one stack file at once WHEN both run THEN one is refused naming the other, and the file holds the edit of the one that ran", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const [first, second] = await Promise.all([
      ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod"),
      ops(p.dir, "scale", "mixillo-backend", "--min", "2", "--stack", "prod"),
    ]);
    expect([first.code, second.code]).toEqual([ExitCode.Clean, ExitCode.Invalid]);
    expect(second.err).toContain(`${StackFile.prod} is being edited by \`ops scale mixillo-backend\` (pid ${process.pid}`);
    expect(second.err).toContain(`nothing read, nothing written. Run this again when it has finished`);
    expect(read(p.file)).toContain("maxInstances: 12");
    expect(read(p.file)).toContain("minInstances: 0");
    // The lock goes with the command that held it: the refused one may now run.
    expect(fs.existsSync(`${p.file}.lock`)).toBe(false);
    expect((await ops(p.dir, "scale", "mixillo-backend", "--min", "2", "--stack", "prod")).code).toBe(ExitCode.Clean);
    expect(read(p.file)).toContain("minInstances: 2");
  });

  test("GIVEN the stack file is changed by another writer while the plan runs WHEN ops would write THEN exit 2 naming the changed line, and the other writer's text stays", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const byHand = p.original.replace("maxInstances: 10", "maxInstances: 11");
    let edited = false;
    // The program runs while ops plans the edit: the moment another writer would get in.
    const racing = () => {
      if (!edited) fs.writeFileSync(p.file, byHand);
      edited = true;
      return program();
    };
    let [out, err] = ["", ""];
    const code = await main(
      ["restart", "mixillo-backend", "--stack", "prod", "--write-plan", "--dir", p.dir],
      { out: (t) => (out += t), err: (t) => (err += t) },
      { program: racing, now: () => Now },
    );
    expect(code).toBe(ExitCode.Invalid);
    expect(err).toMatch(
      new RegExp(
        `${StackFile.prod.replace(/\./g, "\\.")} changed while this command ran \\(line \\d+ was "      maxInstances: 10", is now "      maxInstances: 11"\\)`,
      ),
    );
    expect(err).toContain("nothing written");
    expect(out).not.toContain("wrote");
    expect(read(p.file)).toBe(byHand);
  });

  test("GIVEN a lock left by a process that no longer runs WHEN ops runs THEN it takes the lock over and edits", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(
      `${p.file}.lock`,
      JSON.stringify({ pid: Number(gone.stdout), host: os.hostname(), since: "2030-11-25T06:00:00Z", command: "ops restart mixillo-backend" }),
    );
    const r = await ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Clean);
    expect(read(p.file)).toContain("maxInstances: 12");
    expect(fs.existsSync(`${p.file}.lock`)).toBe(false);
  });

  test("GIVEN a lock held by a running process WHEN ops runs THEN exit 2, nothing written, and the lock is left to its holder", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const lock = JSON.stringify({ pid: process.ppid, host: os.hostname(), since: "2030-11-25T06:00:00Z", command: "ops rotate JWT_SECRET" });
    fs.writeFileSync(`${p.file}.lock`, lock);
    const r = await ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(`${StackFile.prod} is being edited by \`ops rotate JWT_SECRET\``);
    expect(r.err).toContain(`If no such command runs, delete ${StackFile.prod}.lock.`);
    expect(read(p.file)).toBe(p.original);
    expect(read(`${p.file}.lock`)).toBe(lock);
  });
});

describe("the stack file and plans/<stack>.json are written together or not at all", () => {
  test.each([
    [
      "plans/ is a file",
      (dir: string) => (fs.rmSync(path.join(dir, "plans"), { recursive: true }), fs.writeFileSync(path.join(dir, "plans"), "")),
      "cannot write plans/prod.json: a part of its path is a file, not a directory (ENOTDIR); nothing written",
    ],
    [
      "plans/prod.json is a directory",
      (dir: string) => (fs.rmSync(planPath(dir)), fs.mkdirSync(planPath(dir))),
      "cannot write plans/prod.json: it is a directory; nothing written",
    ],
  ])("GIVEN %s WHEN an edit runs with --write-plan THEN exit 2 before the plan, and the stack file is byte-identical", async (_, breakPlans, message) => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    breakPlans(p.dir);
    const r = await ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod", "--write-plan");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(`error: ${message}`);
    expect(`${r.out}${r.err}`).not.toMatch(StackTrace);
    expect(r.out).toBe("");
    expect(read(p.file)).toBe(p.original);
    expect(fs.readdirSync(p.dir).filter((f) => f.endsWith(".tmp") || f.endsWith(".lock"))).toEqual([]);
  });

  test("GIVEN no plans/ yet WHEN an edit runs with --write-plan THEN both files are written and no temporary file is left", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    fs.rmSync(path.join(p.dir, "plans"), { recursive: true });
    const r = await ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod", "--write-plan");
    expect(r.code).toBe(ExitCode.Clean);
    expect(read(p.file)).toContain("maxInstances: 12");
    expect(read(planPath(p.dir))).toContain('"maxInstanceCount": 12');
    expect([...fs.readdirSync(p.dir), ...fs.readdirSync(path.join(p.dir, "plans"))].filter((f) => f.endsWith(".tmp") || f.endsWith(".lock"))).toEqual([]);
  });

  test("GIVEN a stack file written through a symlink WHEN edited THEN the file it points to changes and the link stays a link", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const real = path.join(p.dir, "stacks-prod.yaml");
    fs.renameSync(p.file, real);
    fs.symlinkSync("stacks-prod.yaml", p.file);
    expect((await ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod")).code).toBe(ExitCode.Clean);
    expect(fs.lstatSync(p.file).isSymbolicLink()).toBe(true);
    expect(read(real)).toContain("maxInstances: 12");
  });
});

describe("broken pipes", () => {
  test("GIVEN ops piped into a reader that has already gone WHEN it prints THEN it exits with its own code, quietly", () => {
    const cli = ["-r", path.join(ProjectDir, "tools", "plan", "register.js"), path.join(ProjectDir, "tools", "ops", "cli.ts"), "--help"];
    // `true` exits without reading, so every write of ops meets a closed pipe (EPIPE).
    const r = spawnSync("bash", ["-c", `"$0" "$@" | true; exit "\${PIPESTATUS[0]}"`, process.execPath, ...cli], { cwd: ProjectDir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(ExitCode.Clean);
  });
});

import * as fs from "fs";
import * as path from "path";
import { OpsError } from "./errors";
import { fileProblem, onFile } from "./fileErrors";
import { lockStackFile } from "./stackLock";

/**
 * An edit of a stack file (and of its plans/<stack>.json with --write-plan) as a transaction: under
 * the stack file's lock, every file is checked writable before anything is planned, the new texts go
 * to temporary files beside their targets, each target is compared with what was read at the start
 * (a hand edit or a checkout in the meantime is refused, naming what changed), and only then are the
 * temporary files renamed over the targets. A failure before the renames leaves every file as it was;
 * the one rename that could still fail (the second) puts the first file back.
 */

export interface EditFile {
  /** Where the file is. */
  path: string;
  /** `Pulumi.prod.yaml`, `plans/prod.json`: how messages name it. */
  label: string;
}

export interface StackEdit {
  /** The stack file's text, read under the lock. */
  stackText: string;
  /** Writes `texts` (by label) to their files together, or none of them. */
  commit(texts: Record<string, string>): void;
  /** Ends the edit (the lock); after a commit or a refusal alike. */
  release(): void;
}

/** Locks the stack file, checks that every file can be written, and reads them as they are now. */
export function beginStackEdit(stack: EditFile, others: EditFile[], command: string): StackEdit {
  const release = lockStackFile(stack.path, stack.label, command);
  try {
    const files = [stack, ...others].map((f) => ({ ...f, target: resolved(f.path) }));
    for (const f of files) checkWritable(f.target, f.label);
    const before = new Map(files.map((f) => [f.label, readIfAny(f.target, f.label)]));
    return {
      stackText: before.get(stack.label)!,
      commit: (texts) => commit(files.filter((f) => texts[f.label] !== undefined).map((f) => ({ ...f, text: texts[f.label], before: before.get(f.label) }))),
      release,
    };
  } catch (error) {
    release();
    throw nothingWritten(error);
  }
}

const nothingWritten = (error: unknown) => (error instanceof OpsError ? new OpsError(`${error.message}; nothing written`) : error);

/** A symlinked stack file is written where it points (a rename would replace the link). */
function resolved(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file; // does not exist yet (a first plans/<stack>.json)
  }
}

/** The file, or the directory it will be created in, must be writable, and a file must be a file. */
function checkWritable(file: string, label: string): void {
  const stat = onFile(label, "write", () => fs.statSync(file, { throwIfNoEntry: false }));
  if (stat && !stat.isFile()) throw new OpsError(`cannot write ${label}: it is ${stat.isDirectory() ? "a directory" : "not a regular file"}`);
  if (stat) onFile(label, "write", () => fs.accessSync(file, fs.constants.W_OK));
  // The temporary file and the rename need its directory (for a first plans/, the nearest that exists).
  let dir = path.dirname(file);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  if (!fs.statSync(dir).isDirectory()) throw new OpsError(`cannot write ${label}: ${path.basename(dir)} is a file, not a directory`);
  onFile(`${label} (its directory is not writable)`, "write", () => fs.accessSync(dir, fs.constants.W_OK));
}

function readIfAny(file: string, label: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  return onFile(label, "read", () => fs.readFileSync(file, "utf8"));
}

interface Write extends EditFile {
  target: string;
  text: string;
  before: string | undefined;
}

function commit(writes: Write[]): void {
  const temps: string[] = [];
  const madeDirs: string[] = [];
  try {
    const staged = writes.map((w) => {
      madeDirs.push(...makeDir(path.dirname(w.target), w.label));
      const temp = path.join(path.dirname(w.target), `.${path.basename(w.target)}.${process.pid}.${Date.now()}.tmp`);
      temps.push(temp);
      onFile(w.label, "write", () => writeDurably(temp, w.text, w.before === undefined ? undefined : fs.statSync(w.target).mode));
      return { ...w, temp };
    });
    for (const w of staged) refuseIfChanged(w);
    const done: typeof staged = [];
    for (const w of staged) {
      try {
        fs.renameSync(w.temp, w.target);
        done.push(w);
      } catch (error) {
        for (const d of done) putBack(d);
        throw fileProblem(error, w.label, "write");
      }
    }
  } catch (error) {
    for (const dir of madeDirs.reverse()) fs.rmSync(dir, { recursive: true, force: true });
    throw nothingWritten(error);
  } finally {
    for (const temp of temps) fs.rmSync(temp, { force: true });
  }
}

/** The directories created on the way to `dir` (a first plans/), to remove again on failure. */
function makeDir(dir: string, label: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) onFile(label, "write", () => fs.mkdirSync(d));
  return missing;
}

function writeDurably(file: string, text: string, mode: number | undefined): void {
  const fd = fs.openSync(file, "wx", mode === undefined ? 0o666 : mode & 0o7777);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Another writer since the start: refuse, naming the first line that differs. */
function refuseIfChanged(w: Write & { temp: string }): void {
  const now = fs.existsSync(w.target) ? onFile(w.label, "read", () => fs.readFileSync(w.target, "utf8")) : undefined;
  if (now === w.before) return;
  throw new OpsError(
    `${w.label} changed while this command ran (${firstDifference(w.before, now)}), by hand, by a checkout or by another tool: this edit was made on the file as it was, so it is refused. Run the command again`,
  );
}

function firstDifference(before: string | undefined, now: string | undefined): string {
  if (before === undefined) return "it was created";
  if (now === undefined) return "it was deleted";
  const [a, b] = [before.split("\n"), now.split("\n")];
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const show = (text: string | undefined) => (text === undefined ? "(no line)" : JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text));
  return `line ${line + 1} was ${show(a[line])}, is now ${show(b[line])}`;
}

/** The earlier rename of a failed commit, undone: the file as it was before (or gone, if it was new). */
function putBack(w: Write): void {
  if (w.before === undefined) fs.rmSync(w.target, { force: true });
  else fs.writeFileSync(w.target, w.before);
}

import * as fs from "fs";
import * as os from "os";
import { OpsError } from "./errors";
import { fileProblem } from "./fileErrors";

/**
 * One `ops` edit of a stack file at a time. The lock is a file beside it (`Pulumi.prod.yaml.lock`),
 * created exclusively (O_EXCL, so two processes never both get it) before the stack file is read, and
 * removed when the command ends. A lock left by a process that no longer runs (killed) is taken over.
 */
interface Holder {
  pid: number;
  host: string;
  since: string;
  command: string;
}

/** Takes the lock of `stackPath` for `command`, or refuses (exit 2) naming who holds it; returns its release. */
export function lockStackFile(stackPath: string, label: string, command: string): () => void {
  const lockPath = `${stackPath}.lock`;
  const lockName = `${label}.lock`;
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), command } satisfies Holder);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, mine, { flag: "wx" });
      return () => {
        // Only our own lock: after a takeover another command may hold it.
        if (readText(lockPath) === mine) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new OpsError(`${fileProblem(error, `${lockName}, the lock beside ${label}`, "create").message}; nothing written`);
      }
    }
    const holder = parseHolder(readText(lockPath));
    if (holder && holder.host === os.hostname() && !running(holder.pid)) {
      fs.rmSync(lockPath, { force: true }); // left by a process that is gone
      continue;
    }
    const who = holder ? `\`${holder.command}\` (pid ${holder.pid} on ${holder.host}, since ${holder.since})` : "another command";
    throw new OpsError(
      `${label} is being edited by ${who}: nothing read, nothing written. Run this again when it has finished ` +
        `(two edits at once would lose one). If no such command runs, delete ${lockName}.`,
    );
  }
  throw new OpsError(`cannot take the lock ${lockName}: it keeps coming back; delete it if no ops command runs`);
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function parseHolder(text: string | undefined): Holder | undefined {
  try {
    const h = JSON.parse(text ?? "") as Holder;
    return typeof h.pid === "number" && typeof h.host === "string" ? h : undefined;
  } catch {
    return undefined; // being written this instant, or not ours: treat as held
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

import { OpsError } from "./errors";

/** What a person can do about a file the command cannot read or write: the errno in words. */
const Reasons: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of its path is a file, not a directory",
  ENOENT: "it does not exist",
  EEXIST: "it already exists",
  EBUSY: "it is busy",
};

/** An fs error as one line naming the file and the reason (no stack trace: it is the machine's state, not a defect). */
export function fileProblem(error: unknown, file: string, doing: string): OpsError {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const reason = Reasons[code] ?? (error as Error).message;
  return new OpsError(`cannot ${doing} ${file}: ${reason}${code ? ` (${code})` : ""}`);
}

/** Runs `action`; an fs error becomes a fileProblem. */
export function onFile<T>(file: string, doing: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof OpsError || !(error as NodeJS.ErrnoException).code) throw error;
    throw fileProblem(error, file, doing);
  }
}

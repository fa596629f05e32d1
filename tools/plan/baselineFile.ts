import * as fs from "fs";

/**
 * `--base <file>` names the state to diff against. A file that is missing or unreadable must not
 * silently become "no baseline" (every resource a create, nothing deleted, nothing blocked): that is
 * how a typo in CI would hide a deletion. (plans/<stack>.json, by contrast, may not exist yet.)
 */
export function checkBaseline(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    if (!stat.isFile()) throw new BaselineError(`--base ${file}: not a file`);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    if (error instanceof BaselineError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(code === "ENOENT" ? `--base ${file}: no such file` : `--base ${file}: cannot be read (${code ?? (error as Error).message})`);
  }
}

export class BaselineError extends Error {}

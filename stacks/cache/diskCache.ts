import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * Where the plan keeps what it derives from files and packages (ajv's validator, parsed stack files):
 * `node_modules/.cache/platform-plan/` (or `PLAN_CACHE_DIR`), beside the packages it is generated
 * from, never committed. Every entry is named by a hash of all it depends on, so it is never stale
 * and never rewritten.
 */
export function cacheDir(): string {
  return process.env.PLAN_CACHE_DIR ?? path.join(path.dirname(path.dirname(require.resolve("ajv/package.json"))), ".cache", "platform-plan");
}

let enabled = false;

/**
 * The cache is the plan's alone: `npm run plan`, `npm run ops` and the tests turn it on. The program
 * as the CLI runs it (`pulumi preview`, `pulumi up`) never does, so a deploy never loads generated
 * code from a cache directory: it compiles its validator in memory.
 */
export function enableDiskCache(): void {
  enabled = true;
}

export const diskCacheEnabled = (): boolean => enabled;

/** An installed package's version, part of a cache key: a new version derives its entries afresh. */
export function packageVersion(name: "ajv" | "yaml"): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a version read at run time, by name
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** A content address: the SHA-256 of every part (versions, options, contents). */
export function cacheKey(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/**
 * Writes under a unique name and renames, so a concurrent process reads the whole file or none.
 * False when the cache cannot be written (a read-only checkout): the caller only loses the shortcut.
 */
export function writeAtomic(file: string, data: string | Buffer): boolean {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
    return true;
  } catch {
    return false;
  }
}

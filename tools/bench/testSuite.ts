import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * `npm run bench:test` (not a test): what `npm test` costs, as CI runs it. Each run is README.md's
 * test command's three parts, timed apart: `tsc --noEmit` (no incremental state, as on a clean clone),
 * the lint (eslint, then prettier --check) and jest with an empty transform cache of its own (a clean
 * clone in a new folder has none either).
 * RUNS runs (default 3); docs/tests.md reports the medians.
 */
const CodeDir = path.resolve(__dirname, "..", "..");
const Runs = Number(process.env.RUNS ?? 3);
const bin = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [CodeDir] })), file);

function timed(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: CodeDir, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function main(): void {
  console.log(`node ${process.version}, ${os.cpus().length} cores; ${Runs} runs of npm test's three parts`);
  const [tsc, lint, jest, total]: number[][] = [[], [], [], []];
  for (let i = 0; i < Runs; i++) {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "jest-bench-"));
    try {
      tsc.push(timed([bin("typescript", "bin/tsc"), "--noEmit"]));
      lint.push(
        timed([bin("eslint", "bin/eslint.js"), "."]) + timed([bin("prettier", "bin/prettier.cjs"), "--check", "--log-level", "warn", "**/*.{ts,js,mjs}"]),
      );
      jest.push(timed([bin("jest", "bin/jest.js"), "--silent", `--cacheDirectory=${cache}`]));
      total.push(tsc[i] + lint[i] + jest[i]);
      console.log(`run ${i + 1}: tsc ${fmt(tsc[i])}, lint ${fmt(lint[i])}, jest ${fmt(jest[i])}, npm test ${fmt(total[i])}`);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  }
  console.log(`median: tsc ${fmt(median(tsc))}, lint ${fmt(median(lint))}, jest ${fmt(median(jest))}, npm test ${fmt(median(total))} (target: 30 s)`);
}

main();

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cacheDir } from "../../stacks/cache/diskCache";
import { packageBin } from "../checks/checks";

/**
 * `npm run bench:test` (not a test): what `npm test` costs, its two steps timed apart (the checks:
 * tsc, oxlint and oxfmt at once, tools/checks/checks.ts; then jest's suites, jest.suite.config.js).
 * Each of RUNS runs (default 3) is a cold run, as on a clean clone (no tsc, jest or plan
 * cache), then a warm one, as a second `npm test` on the same checkout. docs/tests.md reports the medians.
 */
const CodeDir = path.resolve(__dirname, "..", "..");
const Runs = Number(process.env.RUNS ?? 3);
/** Where tsc keeps its build info (tsconfig.json's tsBuildInfoFile): gone, the check is cold. */
const TscCache = path.join(CodeDir, path.dirname(JSON.parse(fs.readFileSync(path.join(CodeDir, "tsconfig.json"), "utf8")).compilerOptions.tsBuildInfoFile));
/** What the plan's loader and its validator keep: a clean clone has none either. */
const PlanCache = cacheDir();
const jestBin = packageBin("jest", "bin/jest.js");

function timed(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: CodeDir, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Times {
  checks: number[];
  jest: number[];
  total: number[];
}

function runOnce(times: Times, jestCache: string): string {
  const checks = timed(["-r", "./tools/plan/register.js", "tools/checks/cli.ts"]);
  const jest = timed([jestBin, "-c", "jest.suite.config.js", "--silent", `--cacheDirectory=${jestCache}`]);
  times.checks.push(checks);
  times.jest.push(jest);
  times.total.push(checks + jest);
  return `checks ${fmt(checks)}, jest ${fmt(jest)}, npm test ${fmt(checks + jest)}`;
}

function main(): void {
  console.log(`node ${process.version}, ${os.cpus().length} cores; ${Runs} cold and warm runs of npm test's two steps`);
  const cold: Times = { checks: [], jest: [], total: [] };
  const warm: Times = { checks: [], jest: [], total: [] };
  for (let i = 0; i < Runs; i++) {
    const jestCache = fs.mkdtempSync(path.join(os.tmpdir(), "jest-bench-"));
    try {
      for (const cache of [TscCache, PlanCache]) fs.rmSync(cache, { recursive: true, force: true });
      console.log(`run ${i + 1} cold: ${runOnce(cold, jestCache)}`);
      console.log(`run ${i + 1} warm: ${runOnce(warm, jestCache)}`);
    } finally {
      fs.rmSync(jestCache, { recursive: true, force: true });
    }
  }
  for (const [name, t] of [
    ["cold", cold],
    ["warm", warm],
  ] as const)
    console.log(`median ${name}: checks ${fmt(median(t.checks))}, jest ${fmt(median(t.jest))}, npm test ${fmt(median(t.total))} (target: 30 s)`);
}

main();

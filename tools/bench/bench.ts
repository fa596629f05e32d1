import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateProject } from "./generate";

/**
 * `npm run bench` (not a test): cold `plan prod` against the floor (a bare Node process requiring the
 * same node_modules files), and the cost per resource on generated stacks of 1x, 10x, 50x services.
 * Each figure is the median of RUNS cold processes; docs/tests.md reports them. The plan is started as
 * `npm run plan` starts it, with the transpile and validator caches warm (one run first, as after a
 * clone's first plan); the floor's file list is taken from such a warm run.
 */
const CodeDir = path.resolve(__dirname, "..", "..");
const Runs = Number(process.env.RUNS ?? 7);
const Loader = ["-r", path.join(CodeDir, "tools", "plan", "register.js")];
const Plan = [...Loader, path.join(CodeDir, "tools", "plan", "cli.ts")];

function timed(args: string[]): { ms: number; stdout: string; status: number | null } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: CodeDir, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout, status: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function main(): void {
  // Warm-up: the first runs fill the caches (and load swc to do it), as a fresh clone's first plan does.
  timed([...Plan, "prod"]);
  const collect = () => spawnSync(process.execPath, [...Loader, path.join(__dirname, "collect.ts")], { cwd: CodeDir, encoding: "utf8" });
  collect();
  const collected = collect();
  if (collected.status !== 0) throw new Error(`collect.ts exited ${collected.status}: ${collected.stderr}`);
  const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-bench-")), "modules.json");
  fs.writeFileSync(list, collected.stdout);
  const files = JSON.parse(collected.stdout) as string[];
  console.log(`node ${process.version}, ${os.cpus().length} cores; ${files.length} node_modules files loaded by a prod plan; ${Runs} runs each`);

  // Interleaved, so that a slow moment of the machine hits both sides alike.
  const floor: number[] = [];
  const plan: number[] = [];
  for (let i = 0; i < Runs; i++) {
    floor.push(timed([path.join(__dirname, "floor.js"), list]).ms);
    plan.push(timed([...Plan, "prod"]).ms);
  }
  const [f, p] = [median(floor), median(plan)];
  console.log(`floor (require the same files): ${fmt(f)}`);
  console.log(`plan prod (cold, tree output):  ${fmt(p)}  ratio ${(p / f).toFixed(2)}x (target <= 1.5x)`);

  const scale: { copies: number; resources: number; ms: number }[] = [];
  for (const copies of [1, 10, 50]) {
    const dir = generateProject(CodeDir, copies);
    const runs = Array.from({ length: Runs }, () => timed([...Plan, "prod", "--json", "--dir", dir]));
    const resources = (JSON.parse(runs[0].stdout) as { steps: unknown[] }).steps.length;
    scale.push({ copies, resources, ms: median(runs.map((r) => r.ms)) });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const s of scale) console.log(`${String(s.copies).padStart(2)}x services: ${String(s.resources).padStart(4)} resources  ${fmt(s.ms)}`);
  const [one, ten, fifty] = scale;
  const slope = (a: typeof one, b: typeof one) => ((b.ms - a.ms) / (b.resources - a.resources)).toFixed(2);
  // Two slopes: on a shared machine one noisy median moves one of them, rarely both.
  console.log(`per-resource cost: ${slope(one, fifty)} ms (1x→50x), ${slope(ten, fifty)} ms (10x→50x) (target <= 3 ms)`);
}

main();

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../stacks/program";
import { main } from "../tools/ops/main";
import { stackFileName } from "../stacks/spec";
import { Area, fixtureProject } from "./harness";

/** The tests' clock: restart tokens read 2030-11-25T06-49, rotation keys 2030-11-25 (in the future: the program compares silences with the real clock). */
export const Now = new Date("2030-11-25T06:49:12Z");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ops-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let copies = 0;

/**
 * A copy of the fixture project (harness.fixtureProject: Pulumi.yaml, the baseline stack file, focused
 * on `areas` when given, and its reviewed plans/<stack>.json) for one test to edit; `text` replaces
 * the stack file.
 */
export async function projectCopy(
  stack = "prod",
  { areas, text }: { areas?: readonly Area[]; text?: string } = {},
): Promise<{ dir: string; file: string; original: string }> {
  const dir = path.join(tmp, `p${++copies}`);
  fs.cpSync(await fixtureProject(stack, areas), dir, { recursive: true });
  const file = path.join(dir, stackFileName(stack));
  const original = text ?? fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, original);
  return { dir, file, original };
}

export interface OpsRun {
  code: number;
  out: string;
  err: string;
}

/** `npm run ops -- <argv> --dir <dir>` in-process, with the tests' clock. */
export async function ops(dir: string, ...argv: string[]): Promise<OpsRun> {
  let [out, err] = ["", ""];
  const code = await main([...argv, "--dir", dir], { out: (t) => (out += t), err: (t) => (err += t) }, { program, now: () => Now });
  return { code, out, err };
}

/**
 * The lines only in `before` and only in `after` (a longest-common-subsequence line diff): asserting
 * both lists exactly proves every other line, comments included, is byte-for-byte unchanged.
 */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  // The lines both texts start and end with are matched as they are; the LCS table covers only the
  // changed middle (a table over two whole stack files is a quarter of a million cells per call).
  const [whole, edited] = [before.split("\n"), after.split("\n")];
  let head = 0;
  while (head < whole.length && head < edited.length && whole[head] === edited[head]) head++;
  let tail = 0;
  while (tail < whole.length - head && tail < edited.length - head && whole[whole.length - 1 - tail] === edited[edited.length - 1 - tail]) tail++;
  const a = whole.slice(head, whole.length - tail);
  const b = edited.slice(head, edited.length - tail);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const removed: string[] = [];
  const added: string[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) [i, j] = [i + 1, j + 1];
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) removed.push(a[i++]);
    else added.push(b[j++]);
  }
  return { removed: [...removed, ...a.slice(i)], added: [...added, ...b.slice(j)] };
}

export const read = (file: string): string => fs.readFileSync(file, "utf8");

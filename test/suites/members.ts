import * as fs from "fs";
import * as path from "path";

/**
 * `npm test` runs the test files in two jest files (jest.suite.config.js), one for each worker on this
 * 2-core machine. Each jest file loads `@pulumi/pulumi`, the providers and the program into its own
 * module registry and warms them up again (about 1 s of CPU each): grouped, that is paid twice instead
 * of once per test file (two suites instead of five: jest 23.7 s → 21.5 s here). The two take about
 * the same time, and the files keep their own scope (suite.ts). `npx jest test/<file>.test.ts`
 * (jest.config.js) still runs one file on its own.
 *
 * A file belongs to the first suite whose pattern matches its name, or else to `program`: a new test
 * file is always run (test/suites.test.ts checks that every file is in exactly one suite).
 */
export const Suites: readonly (readonly [suite: string, pattern: RegExp])[] = [
  // What on-call changes and what reviews it: the ops procedures, the plan CLI and the reviewed state.
  ["changes", /^(ops|plan\.|servingRevision|sdkShortcuts|committedStacks|ciAccess)/],
  // The program, its components and stack spec, the policies, and the project (language host, linters, docs).
  ["program", /./],
];

export const TestDir = path.resolve(__dirname, "..");

/** The suite a test file (its base name) belongs to. */
export const suiteOf = (file: string): string => Suites.find(([, pattern]) => pattern.test(file))![0];

/** The test files of `suite`, in name order, as absolute paths. */
export function membersOf(suite: string): string[] {
  return fs
    .readdirSync(TestDir)
    .filter((f) => f.endsWith(".test.ts") && suiteOf(f) === suite)
    .sort()
    .map((f) => path.join(TestDir, f));
}

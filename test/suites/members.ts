import * as fs from "fs";
import * as path from "path";

/**
 * `npm test` runs the test files in a few jest files, one per area (jest.suite.config.js): each jest
 * file loads `@pulumi/pulumi`, the providers and the program into its own module registry and warms
 * them up again (about 1.2 s of CPU each), so 60 files paid that 60 times. Grouped, each suite pays it
 * once and the files keep their own scope (suite.ts). `npx jest test/<file>.test.ts` (jest.config.js)
 * still runs one file on its own.
 *
 * A file belongs to the first suite whose pattern matches its name, or else to `program`: a new test
 * file is always run (test/suites.test.ts checks that every file is in exactly one suite).
 */
export const Suites: readonly (readonly [suite: string, pattern: RegExp])[] = [
  ["ops", /^ops/],
  ["plan", /^(plan\.|servingRevision|sdkShortcuts|committedStacks|ciAccess|forceNew)/],
  ["policies", /^(policies\.|podSecurityStandards)/],
  // Mostly child processes (the language host, the linters, bash): the CPU-heavy suites run beside it.
  ["project", /^(languageHost|lint|build|project|ciCredentials|docs\.|cliConfig)/],
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

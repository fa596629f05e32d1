import { spawn } from "child_process";
import * as path from "path";

/**
 * What `npm test` checks before jest: the type-check, the lint and the format, run at once. tsc keeps
 * its incremental state under node_modules/.cache/tsc/ (tsconfig.json), so a second run re-checks only
 * what changed, and nothing when nothing did; a clean clone has none and checks everything. The lint
 * (oxlint, .oxlintrc.json) and the format check (oxfmt, Prettier's format, .oxfmtrc.json) are native
 * and read the whole code in well under a second, so they keep no cache (ESLint and Prettier took 8
 * and 10 CPU-seconds here on a clean clone).
 */
export interface Check {
  name: string;
  /** Its command line, run with this Node from the project's directory. */
  args: string[];
}

const CodeDir = path.resolve(__dirname, "..", "..");
/** A file of an installed package, e.g. its command: `packageBin("oxlint", "bin/oxlint")`. */
export const packageBin = (pkg: string, file: string): string => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [CodeDir] })), file);

/** oxlint's flags in `npm test`: a disable comment that disables nothing is an error, and so is a warning. */
export const LintFlags = ["--report-unused-disable-directives-severity=error", "--deny-warnings"];

/**
 * The type-checker is TypeScript 7, the native compiler (package.json's `typescript7`, an npm alias of
 * typescript@7): it checks this code in about 1.5 s where TypeScript 5's tsc took 8 to 20 s on a clean
 * clone here, most of it reading the providers' 600 k lines of declarations. The `typescript` package
 * itself stays pinned at 5.x (npm 11 loops resolving 7 against @pulumi/pulumi's peer range): the SDK
 * loads it, and `npm run build` emits bin/ with it (tsconfig.build.json keeps the CommonJS settings that
 * TypeScript 7 no longer reads).
 */
const TypeChecker = packageBin("typescript7", "bin/tsc");

export const Checks: readonly Check[] = [
  // Build mode: when no input changed since the last check (the build info tsconfig.json names), it reads no file again.
  { name: "typecheck", args: [TypeChecker, "--build"] },
  { name: "lint", args: [packageBin("oxlint", "bin/oxlint"), ...LintFlags, "."] },
  { name: "format", args: [packageBin("oxfmt", "bin/oxfmt"), "--check", "."] },
];

export interface CheckResult {
  name: string;
  code: number;
  /** stdout and stderr, in the order they came. */
  output: string;
  ms: number;
}

/** Runs the checks at once; each one's output is kept whole, so that two never interleave. */
export function runChecks(checks: readonly Check[], cwd = CodeDir): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(
      (check) =>
        new Promise<CheckResult>((resolve) => {
          const start = Date.now();
          const child = spawn(process.execPath, check.args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
          let output = "";
          child.stdout.on("data", (chunk) => (output += chunk));
          child.stderr.on("data", (chunk) => (output += chunk));
          child.on("error", (error) => (output += `${error.message}\n`));
          child.on("close", (code, signal) => resolve({ name: check.name, code: code ?? (signal ? 1 : 0), output, ms: Date.now() - start }));
        }),
    ),
  );
}

/** What a person reads: each failed check's output under its name, then one line per check. */
export function report(results: readonly CheckResult[]): string {
  const failed = results.filter((r) => r.code !== 0);
  const sections = failed.map((r) => `── ${r.name} failed (exit ${r.code}) ──\n${r.output.trimEnd() || "(no output)"}\n`);
  const lines = results.map((r) => `${r.code === 0 ? "ok  " : "FAIL"} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
  return [...sections, ...lines].join("\n") + "\n";
}

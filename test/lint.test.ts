import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Checks, LintFlags, packageBin, report, runChecks } from "../tools/checks/checks";
import { ProjectDir } from "./harness";

/**
 * `npm test` lints and checks the format before jest (.oxlintrc.json, .oxfmtrc.json): a lint or format
 * error fails it. Checked on the script itself and on planted mistakes, each run by the real tools.
 */
const scripts = (JSON.parse(fs.readFileSync(path.join(ProjectDir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const run = (args: string[], input = "") => spawnSync(process.execPath, args, { cwd: ProjectDir, input, encoding: "utf8" });

/** `tool` with the project's configuration on one planted file (neither checks stdin as it checks files). */
function onPlanted(tool: string, config: string, flags: string[], code: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lint-planted-"));
  try {
    const file = path.join(dir, "planted.ts");
    fs.writeFileSync(file, code);
    return run([packageBin(tool, `bin/${tool}`), "-c", path.join(ProjectDir, config), ...flags, file]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const lintPlanted = (code: string) => onPlanted("oxlint", ".oxlintrc.json", LintFlags, code);
const formatCheckPlanted = (code: string) => onPlanted("oxfmt", ".oxfmtrc.json", ["--check"], code);

describe("lint and format in npm test", () => {
  test("GIVEN package.json WHEN npm test runs THEN the type-check, oxlint and oxfmt --check run first, and jest only when they pass", () => {
    expect(scripts.test).toBe("node -r ./tools/plan/register.js tools/checks/cli.ts && jest -c jest.suite.config.js");
    expect(scripts.lint).toBe("node -r ./tools/plan/register.js tools/checks/cli.ts lint format");
    const commands = Object.fromEntries(Checks.map((c) => [c.name, c.args.slice(1).join(" ")]));
    expect(commands).toEqual({
      typecheck: "--build",
      lint: "--report-unused-disable-directives-severity=error --deny-warnings .",
      format: "--check .",
    });
  });

  test("GIVEN one check that fails and one that passes WHEN run together THEN the result fails, with the failing one's whole output under its name", async () => {
    const results = await runChecks([
      { name: "planted", args: ["-e", "console.log('line one'); console.error('line two'); process.exit(3)"] },
      { name: "fine", args: ["-e", ""] },
    ]);
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ["planted", 3],
      ["fine", 0],
    ]);
    const text = report(results);
    expect(text).toMatch(/── planted failed \(exit 3\) ──\nline one\nline two\n/);
    expect(text).toMatch(/^FAIL planted \(/m);
    expect(text).toMatch(/^ok {3}fine \(/m);
  });

  test("GIVEN a check name that does not exist WHEN the checks are run by name THEN it exits 2 naming the checks there are", () => {
    const r = run(["-r", path.join(ProjectDir, "tools", "plan", "register.js"), path.join(ProjectDir, "tools", "checks", "cli.ts"), "eslnt"], "");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no check named eslnt; the checks are typecheck, lint, format");
  });

  test("GIVEN a component with an explicit any WHEN linted THEN oxlint fails naming the rule", () => {
    const r = lintPlanted("export const planted = (x: any): number => x;\n");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("typescript(no-explicit-any)");
  });

  test("GIVEN an eslint-disable comment that disables nothing WHEN linted THEN oxlint fails", () => {
    const r = lintPlanted("// eslint-disable-next-line no-console\nexport const planted = 1;\n");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Unused eslint-disable directive");
  });

  test("GIVEN an eslint-disable comment that names a rule the line breaks WHEN linted THEN it passes: the comments the code keeps still work", () => {
    const r = lintPlanted('// eslint-disable-next-line @typescript-eslint/no-require-imports -- planted\nexport const planted = require("fs");\n');
    expect(r.stdout).toContain("Found 0 warnings and 0 errors");
    expect(r.status).toBe(0);
  });

  test("GIVEN badly formatted code WHEN oxfmt checks it THEN it fails; formatted THEN it passes", () => {
    expect(formatCheckPlanted("export   const planted={a:1}\n").status).toBe(1);
    expect(formatCheckPlanted("export const planted = { a: 1 };\n").status).toBe(0);
    // Prettier's quotes and 160 columns (.oxfmtrc.json), not oxfmt's 100.
    expect(formatCheckPlanted(`export const planted = ["${"a".repeat(60)}", "${"b".repeat(60)}"];\n`).status).toBe(0);
  });
});

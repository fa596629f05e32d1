import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Checks, packageBin, report, runChecks } from "../tools/checks/checks";
import { ProjectDir } from "./harness";

/**
 * `npm test` lints and checks the format before jest (eslint.config.mjs, .prettierrc.json): a lint or
 * format error fails it. Checked on the script itself and on planted mistakes, each run by the real tools.
 */
const scripts = (JSON.parse(fs.readFileSync(path.join(ProjectDir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const run = (args: string[], input: string) => spawnSync(process.execPath, args, { cwd: ProjectDir, input, encoding: "utf8" });

describe("lint and format in npm test", () => {
  test("GIVEN package.json WHEN npm test runs THEN the type-check, eslint and prettier --check run first, and jest only when they pass", () => {
    expect(scripts.test).toBe("node -r ./tools/plan/register.js tools/checks/cli.ts && jest -c jest.suite.config.js");
    expect(scripts.lint).toBe("node -r ./tools/plan/register.js tools/checks/cli.ts eslint prettier");
    const commands = Object.fromEntries(Checks.map((c) => [c.name, c.args.slice(1).join(" ")]));
    expect(commands).toEqual({
      typecheck: expect.stringMatching(/^--noEmit --incremental /),
      eslint: expect.stringMatching(/^\. --cache --cache-strategy content /),
      prettier: expect.stringMatching(/^--check --cache .* "?\*\*\/\*\.\{ts,js,mjs\}"?$/),
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
    expect(r.stderr).toContain("no check named eslnt; the checks are typecheck, eslint, prettier");
  });

  test("GIVEN a component with an explicit any WHEN linted THEN eslint fails", () => {
    const r = run(
      [packageBin("eslint", "bin/eslint.js"), "--stdin", "--stdin-filename", "components/planted.ts"],
      "export const planted = (x: any): number => x;\n",
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("@typescript-eslint/no-explicit-any");
  });

  test("GIVEN an eslint-disable comment that disables nothing WHEN linted THEN eslint fails", () => {
    const r = run(
      [packageBin("eslint", "bin/eslint.js"), "--stdin", "--stdin-filename", "components/planted.ts"],
      "// eslint-disable-next-line no-console\nexport const planted = 1;\n",
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Unused eslint-disable directive");
  });

  test("GIVEN badly formatted code WHEN prettier checks it THEN it fails; formatted THEN it passes", () => {
    const check = (code: string) => run([packageBin("prettier", "bin/prettier.cjs"), "--check", "--stdin-filepath", "components/planted.ts"], code);
    expect(check("export   const planted={a:1}\n").status).not.toBe(0);
    expect(check("export const planted = { a: 1 };\n").status).toBe(0);
  });
});

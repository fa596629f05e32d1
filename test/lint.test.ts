import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ProjectDir } from "./harness";

/**
 * `npm test` lints and checks the format before jest (eslint.config.mjs, .prettierrc.json): a lint or
 * format error fails it. Checked on the script itself and on planted mistakes, each run by the real tools.
 */
const scripts = (JSON.parse(fs.readFileSync(path.join(ProjectDir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const bin = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const run = (args: string[], input: string) => spawnSync(process.execPath, args, { cwd: ProjectDir, input, encoding: "utf8" });

describe("lint and format in npm test", () => {
  test("GIVEN package.json WHEN npm test runs THEN eslint and prettier --check run after tsc and before jest", () => {
    expect(scripts.test).toBe("tsc --noEmit && npm run --silent lint && jest");
    expect(scripts.lint).toBe('eslint . && prettier --check --log-level warn "**/*.{ts,js,mjs}"');
  });

  test("GIVEN a component with an explicit any WHEN linted THEN eslint fails", () => {
    const r = run([bin("eslint", "bin/eslint.js"), "--stdin", "--stdin-filename", "components/planted.ts"], "export const planted = (x: any): number => x;\n");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("@typescript-eslint/no-explicit-any");
  });

  test("GIVEN an eslint-disable comment that disables nothing WHEN linted THEN eslint fails", () => {
    const r = run(
      [bin("eslint", "bin/eslint.js"), "--stdin", "--stdin-filename", "components/planted.ts"],
      "// eslint-disable-next-line no-console\nexport const planted = 1;\n",
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Unused eslint-disable directive");
  });

  test("GIVEN badly formatted code WHEN prettier checks it THEN it fails; formatted THEN it passes", () => {
    const check = (code: string) => run([bin("prettier", "bin/prettier.cjs"), "--check", "--stdin-filepath", "components/planted.ts"], code);
    expect(check("export   const planted={a:1}\n").status).not.toBe(0);
    expect(check("export const planted = { a: 1 };\n").status).toBe(0);
  });
});

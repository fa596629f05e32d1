import Ajv2020 from "ajv/dist/2020";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { Checks } from "../tools/checks/checks";
import { ProjectDir } from "./harness";

const projectSchema = JSON.parse(fs.readFileSync(path.join(ProjectDir, "..", "shared", "schemas", "pulumi-project.json"), "utf8"));
const validateProject = new Ajv2020({ allErrors: true, strict: false }).compile(projectSchema);
const readYaml = (file: string) => parse(fs.readFileSync(path.join(ProjectDir, file), "utf8"));

describe("Pulumi.yaml", () => {
  test("GIVEN the project file WHEN checked against the CLI's own schema THEN it is valid", () => {
    const project = readYaml("Pulumi.yaml");
    expect(validateProject(project)).toBe(true);
    expect(validateProject.errors ?? []).toEqual([]);
    expect(project.name).toBe("platform");
  });

  test("GIVEN a project file the CLI would refuse WHEN checked THEN the schema rejects it (the check can fail)", () => {
    expect(validateProject({ name: "platform", runtime: { name: "nodejs", typo: true } })).toBe(false);
    expect(validateProject({ runtime: "nodejs" })).toBe(false);
  });

  test("GIVEN a precompiled program WHEN the CLI starts it THEN main points at the build output of tsconfig.build.json", () => {
    const project = readYaml("Pulumi.yaml");
    const build = JSON.parse(fs.readFileSync(path.join(ProjectDir, "tsconfig.build.json"), "utf8"));
    const base = JSON.parse(fs.readFileSync(path.join(ProjectDir, "tsconfig.json"), "utf8"));
    expect(project.runtime.options.typescript).toBe(false);
    expect(project.main.replace(/\/$/, "")).toBe(build.compilerOptions.outDir ?? base.compilerOptions.outDir);
    expect(build.include).toContain("index.ts");
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ProjectDir, "package.json"), "utf8"));

  test("GIVEN npm 11 WHEN it resolves TypeScript THEN the pin is 5.x (7 loops against @pulumi/pulumi)", () => {
    expect(pkg.devDependencies.typescript).toMatch(/^5\./);
  });

  test("GIVEN a fresh clone WHEN `npm test` runs THEN it type-checks once, lints and checks the format, and runs jest", () => {
    expect(pkg.scripts.test).toBe("node -r ./tools/plan/register.js tools/checks/cli.ts && jest -c jest.suite.config.js");
    // Once: jest only transpiles (swc), tsc is the one type-check (tools/checks/checks.ts).
    expect(Checks.map((c) => c.name)).toEqual(["typecheck", "lint", "format"]);
    expect(Checks.filter((c) => c.args[0].endsWith(path.join("typescript", "bin", "tsc")))).toHaveLength(1);
  });
});

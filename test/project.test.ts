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

  test("GIVEN the two TypeScripts WHEN the code is checked and built THEN TypeScript 7 (an npm alias) type-checks, and TypeScript 5 emits bin/", () => {
    expect(pkg.devDependencies.typescript7).toMatch(/^npm:typescript@7\.\d+\.\d+$/);
    const [checker] = Checks.find((c) => c.name === "typecheck")!.args;
    expect(checker).toBe(path.join(ProjectDir, "node_modules", "typescript7", "bin", "tsc"));
    expect(JSON.parse(fs.readFileSync(path.join(ProjectDir, "node_modules", "typescript7", "package.json"), "utf8")).version).toMatch(/^7\./);
    // Both packages have a `tsc` command, and npm links either one as node_modules/.bin/tsc: the build names its own.
    const emits = pkg.scripts.build.split(" && ").filter((step: string) => step.includes("tsc"));
    expect(emits).toEqual(["node node_modules/typescript/bin/tsc -p tsconfig.build.json", "node node_modules/typescript/bin/tsc -p policies/tsconfig.json"]);
    // TypeScript 7 reads only node16-style resolution; the emit of bin/ keeps the CommonJS settings it always had.
    for (const file of ["tsconfig.build.json", "policies/tsconfig.json"])
      expect(JSON.parse(fs.readFileSync(path.join(ProjectDir, file), "utf8")).compilerOptions).toMatchObject({ module: "commonjs", moduleResolution: "node" });
  });

  test("GIVEN a fresh clone WHEN `npm test` runs THEN it type-checks once, lints and checks the format, and runs jest", () => {
    expect(pkg.scripts.test).toBe("node -r ./tools/plan/register.js tools/checks/cli.ts && jest -c jest.suite.config.js");
    // Once: jest only transpiles (swc), tsc is the one type-check (tools/checks/checks.ts).
    expect(Checks.map((c) => c.name)).toEqual(["typecheck", "lint", "format"]);
    expect(Checks.filter((c) => c.args[0].endsWith(path.join("bin", "tsc")))).toHaveLength(1);
  });
});

import Ajv from "ajv";
import { spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as v8 from "v8";
import { cacheDir } from "../stacks/cache/diskCache";
import { parseYamlMap } from "../stacks/stackFile";
import { cachedValidator } from "../stacks/validate/cachedValidator";
import { ProjectDir } from "./harness";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cache-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the plan's TypeScript loader (tools/plan/register.js) never serves stale code", () => {
  const cacheDir = path.join(tmp, "cache");
  const file = path.join(tmp, "module.ts");
  /** Runs `file` under the loader in a new process; it prints its answer and whether swc was loaded. */
  const run = () => {
    const r = spawnSync(process.execPath, ["-r", path.join(ProjectDir, "tools", "plan", "register.js"), file], {
      cwd: ProjectDir,
      encoding: "utf8",
      env: { ...process.env, PLAN_CACHE_DIR: cacheDir, PLAN_DEBUG: "" },
    });
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout) as { answer: number; swc: boolean };
  };
  const write = (answer: number) =>
    fs.writeFileSync(
      file,
      `const answer: number = ${answer};\nconst swc = Object.keys(require.cache).some((f) => f.includes("@swc"));\nprocess.stdout.write(JSON.stringify({ answer, swc }));\n`,
    );

  test("GIVEN a .ts file WHEN it is run twice THEN the first run transpiles with swc and the second loads the cached JavaScript without it", () => {
    write(1);
    expect(run()).toEqual({ answer: 1, swc: true });
    expect(run()).toEqual({ answer: 1, swc: false });
    expect(fs.readdirSync(cacheDir).some((f) => f.endsWith(".js"))).toBe(true);
  });

  test("GIVEN a cached .ts file WHEN its content changes THEN the next run runs the new content", () => {
    write(2);
    run();
    write(3);
    expect(run()).toEqual({ answer: 3, swc: true });
  });
});

describe("the plan's loader defers what the SDK loads and a plan never calls (tools/plan/lazy/)", () => {
  /** Runs `script` under the loader in a new process and returns what it printed. */
  const under = (script: string) => {
    const file = path.join(tmp, `lazy-${randomBytes(4).toString("hex")}.js`);
    fs.writeFileSync(file, script);
    const r = spawnSync(process.execPath, ["-r", path.join(ProjectDir, "tools", "plan", "register.js"), file], { cwd: ProjectDir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout);
  };
  // The script sits in a scratch directory: it reaches the project's packages through the SDK's own
  // require (createRequire), whose requests are the ones the loader answers with stand-ins.
  const prelude = `const { createRequire } = require("module");
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi", { paths: [${JSON.stringify(ProjectDir)}] }));
const loaded = (name) => Object.keys(require.cache).some((f) => f.includes("/node_modules/" + name + "/"));`;

  test("GIVEN @pulumi/pulumi loaded under the loader WHEN nothing serializes a function THEN neither typescript nor @npmcli/arborist is loaded", () => {
    expect(
      under(`${prelude}\nsdkRequire("@pulumi/pulumi");\nprocess.stdout.write(JSON.stringify([loaded("typescript"), loaded("@npmcli/arborist")]));`),
    ).toEqual([false, false]);
  });

  test("GIVEN the SDK's stand-ins WHEN first used THEN they are the real modules: the same TypeScript version and the same Arborist class", () => {
    const script = `${prelude}
const [ts, arborist] = [sdkRequire("typescript"), sdkRequire("@npmcli/arborist")];
const before = [loaded("typescript"), loaded("@npmcli/arborist")];
const version = ts.version;
const real = require(require.resolve("@npmcli/arborist", { paths: [${JSON.stringify(ProjectDir)}] }));
process.stdout.write(JSON.stringify({ before, version, same: arborist.Arborist === real.Arborist, after: [loaded("typescript"), loaded("@npmcli/arborist")] }));`;
    expect(under(script)).toEqual({
      before: [false, false],
      version: JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version,
      same: true,
      after: [true, true],
    });
  });
});

describe("the stack schema's validator is cached per schema (stacks/validate/cachedValidator.ts)", () => {
  const options = { allErrors: true, useDefaults: true, verbose: true, strict: true, allowUnionTypes: true };
  const keywords = [{ keyword: "expected", schemaType: "string" as const }];
  const schema = (maximum: number) => ({
    type: "object",
    additionalProperties: false,
    properties: { replicas: { type: "integer", minimum: 1, maximum, expected: `an integer from 1 to ${maximum}` }, zone: { type: "string", default: "a" } },
  });

  test("GIVEN two schemas that differ in one bound WHEN each is compiled THEN each validator applies its own bound", () => {
    expect(cachedValidator(schema(5), options, keywords)({ replicas: 6 })).toBe(false);
    expect(cachedValidator(schema(6), options, keywords)({ replicas: 6 })).toBe(true);
  });

  test("GIVEN an invalid value WHEN the cached validator checks it THEN its errors and filled-in defaults equal ajv's own compile", () => {
    const ajv = new Ajv(options);
    for (const keyword of keywords) ajv.addKeyword(keyword);
    const compiled = ajv.compile(schema(5));
    const cached = cachedValidator(schema(5), options, keywords);
    for (const value of [{ replicas: 0 }, { replicas: "3", extra: true }, {}, { replicas: 2 }]) {
      const [a, b] = [structuredClone(value), structuredClone(value)];
      expect([cached(b), cached.errors, b]).toEqual([compiled(a), compiled.errors, a]);
    }
  });
});

describe("parsed YAML files are cached per content (stacks/stackFile.ts)", () => {
  const file = path.join(tmp, "Pulumi.cache.yaml");
  /** Makes this run's contents new to the cache, so that each parse has to write its entry. */
  const runTag = randomBytes(6).toString("hex");
  /** This test's entries: other jest workers parse stack files into the same cache at the same time. */
  const entries = () => fs.readdirSync(cacheDir()).filter((f) => f.startsWith("yaml-") && JSON.stringify(readEntry(f)).includes(`team-${runTag}-`));
  const readEntry = (f: string): unknown => {
    try {
      return v8.deserialize(fs.readFileSync(path.join(cacheDir(), f)));
    } catch {
      return undefined; // another worker's entry, removed or not yet renamed into place
    }
  };

  test("GIVEN a file WHEN it is parsed, changed and parsed again THEN each parse gives its content, and each content has its own entry", () => {
    fs.writeFileSync(file, `config:\n  platform:owner: team-${runTag}-a # a comment\n`);
    expect(parseYamlMap(file, "Pulumi.cache.yaml")).toEqual({ config: { "platform:owner": `team-${runTag}-a` } });
    expect(parseYamlMap(file, "Pulumi.cache.yaml")).toEqual({ config: { "platform:owner": `team-${runTag}-a` } });
    fs.writeFileSync(file, `config:\n  platform:owner: team-${runTag}-b\n`);
    expect(parseYamlMap(file, "Pulumi.cache.yaml")).toEqual({ config: { "platform:owner": `team-${runTag}-b` } });
    expect(entries()).toHaveLength(2);
  });

  test("GIVEN a file with a duplicate key WHEN parsed twice THEN both parses fail with the file and line named", () => {
    fs.writeFileSync(file, "config:\n  platform:owner: a\n  platform:owner: b\n");
    for (let i = 0; i < 2; i++) expect(() => parseYamlMap(file, "Pulumi.cache.yaml")).toThrow(/Pulumi\.cache\.yaml: line 3, column 3: YAML syntax error/);
  });
});

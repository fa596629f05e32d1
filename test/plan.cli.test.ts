import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../stacks/program";
import { ExitCode } from "../tools/plan/exitCodes";
import { main } from "../tools/plan/main";
import { Config, fixtureProject, ProjectDir, setPath, stackConfig, StackFile, stackFileText } from "./harness";

const Ciphertext = "v1:AAABAJ5cK0ciphertextThatMustNeverBePrinted0000==";
const StackTrace = /^\s+at .+:\d+:\d+\)?$/m;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project directory with Pulumi.yaml and one stack file (a config map, or raw YAML text). */
function project(name: string, stack: string, file: Config | string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(ProjectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), typeof file === "string" ? file : stackFileText(file));
  return dir;
}

/** `npm run plan -- <args>` in-process: exit code and everything printed. */
async function plan(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let [out, err] = ["", ""];
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { program });
  return { code, out, err };
}

/** The real command as `npm run plan` starts it (its own loader), in a child process, for what only a process shows (exit status, stderr, traces). */
function cli(...argv: string[]) {
  const r = spawnSync(
    process.execPath,
    ["-r", path.join(ProjectDir, "tools", "plan", "register.js"), path.join(ProjectDir, "tools", "plan", "cli.ts"), ...argv],
    { cwd: ProjectDir, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("invalid input exits 2 with a clear message and no stack trace", () => {
  test("GIVEN a stack file with a YAML syntax error WHEN `plan` runs THEN exit 2, the file and line are named, no stack trace", () => {
    const dir = project("broken-yaml", "prod", "config:\n  platform:environment: prod\n  platform:owner: [unclosed\n");
    const r = cli("prod", "--dir", dir);
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toMatch(/^error: Pulumi\.prod\.yaml is not a valid stack file \(1 error\):\n {2}Pulumi\.prod\.yaml: line \d+, column \d+: YAML syntax error/);
    expect(`${r.out}${r.err}`).not.toMatch(StackTrace);
  });

  test("GIVEN a stack file with a misspelled key WHEN `plan` runs THEN exit 2, the key is named, no stack trace", async () => {
    const config = setPath(stackConfig("prod", ["cloudRun"]), "platform:cloudRun.mixillo-backend.maxInstanes", 20);
    const r = await plan("prod", "--dir", project("typo", "prod", config));
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.out).toContain(`${StackFile.prod}: platform:cloudRun.mixillo-backend.maxInstanes: unknown key; did you mean "maxInstances"?`);
    expect(`${r.out}${r.err}`).not.toMatch(StackTrace);
  });

  test("GIVEN an unknown flag or no stack WHEN `plan` runs THEN exit 2 with the usage", async () => {
    for (const argv of [["prod", "--frobnicate"], []]) {
      const r = await plan(...argv);
      expect(r.code).toBe(ExitCode.Invalid);
      expect(r.err).toContain("usage: npm run plan -- <stack>");
    }
  });

  test("GIVEN a stack that has no file WHEN `plan` runs THEN exit 2 naming the stacks that exist", async () => {
    const r = await plan("qa", "--dir", await fixtureProject("staging"));
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toMatch(/Pulumi\.qa\.yaml: stack file not found in .*; stacks here: staging/);
  });
});

describe("secure: config values", () => {
  test("GIVEN a secure: value in platform:secretValues WHEN planned in every format and written THEN the secret's version gets it as a secret, it prints as [secret] and its ciphertext appears nowhere", async () => {
    const config = setPath(stackConfig("prod", ["cloudRun"]), "platform:secretValues.STRIPE_WEBHOOK_SECRET", {
      value: { secure: Ciphertext },
      rotation: "2030-11-25",
    });
    const dir = project("secure-ok", "prod", config);
    const outputs = [
      await plan("prod", "--dir", dir),
      await plan("prod", "--dir", dir, "--json"),
      await plan("prod", "--dir", dir, "--markdown"),
      await plan("prod", "--dir", dir, "--write"),
    ];
    const written = fs.readFileSync(path.join(dir, "plans", "prod.json"), "utf8");
    for (const text of [...outputs.flatMap((o) => [o.out, o.err]), written]) expect(text).not.toContain(Ciphertext);
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0]);
    expect(JSON.parse(outputs[1].out).config["platform:secretValues"]).toBe("[secret]");
    const version = JSON.parse(written).resources.find((r: { type: string; name: string }) => r.name === "STRIPE_WEBHOOK_SECRET-version");
    expect(version.inputs.secretData).toBe("[secret]");
    expect(outputs[0].out).toContain('platform:secretValues holds a secure: value, which cannot be decrypted offline; it is planned as "[secret]"');
  });

  test.each([
    ["a plain Cloud Run env var", "platform:cloudRun.mixillo-backend.env.WELCOME_BANNER"],
    ["a key that takes no secret", "platform:owner"],
  ])("GIVEN a secure: value on %s WHEN planned THEN exit 2 naming the key, no ciphertext, no stack trace", async (_, key) => {
    const config = setPath(stackConfig("prod", ["cloudRun"]), key, { secure: Ciphertext });
    const r = await plan("prod", "--dir", project(`secure-bad-${key}`, "prod", config), "--json");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(
      `${StackFile.prod}: ${key}: is a secure: value, which would reach its resource as plain text: secret values go in platform:secretValues.<SECRET_ID>.value`,
    );
    expect(`${r.out}${r.err}`).not.toContain(Ciphertext);
    expect(`${r.out}${r.err}`).not.toMatch(StackTrace);
  });
});

describe("the reviewed state: --write and --check", () => {
  test("GIVEN a freshly written state WHEN --check runs THEN exit 0; GIVEN the stack then changes WHEN --check runs THEN exit 1, stale", async () => {
    const config = stackConfig("staging", ["cloudRun"]);
    const dir = project("check", "staging", config);
    expect((await plan("staging", "--dir", dir, "--write")).code).toBe(ExitCode.Clean);
    expect((await plan("staging", "--dir", dir, "--check")).code).toBe(ExitCode.Clean);
    fs.writeFileSync(path.join(dir, StackFile.staging), stackFileText(setPath(config, "platform:cloudRun.mixillo-backend.maxInstances", 4)));
    const stale = await plan("staging", "--dir", dir, "--check");
    expect(stale.code).toBe(ExitCode.Blocked);
    expect(stale.err).toContain("plans/staging.json is stale");
    expect(stale.out).toContain("~ template.scaling.maxInstanceCount:");
  });
});

describe("acceptance", () => {
  test("GIVEN the baseline staging stack WHEN `plan staging --json` runs THEN stdout is one valid JSON object with every resource as a step", async () => {
    const r = cli("staging", "--dir", await fixtureProject("staging"), "--json");
    expect(r.code).not.toBe(ExitCode.Invalid);
    const json = JSON.parse(r.out);
    expect(json.steps.length).toBeGreaterThan(10);
    expect(json.steps.length).toBe(Object.values(json.changeSummary as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(new Set(json.steps.map((s: { urn: string }) => s.urn)).size).toBe(json.steps.length);
  });
});

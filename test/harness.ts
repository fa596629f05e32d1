import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { program } from "../stacks/program";
import { parseStackSpec, stackFileName } from "../stacks/spec";
import { stackConfigFromText } from "../stacks/stackFile";
import { StackSpecError } from "../stacks/validate/issues";
import { makePlan } from "../tools/plan/plan";
import { ProgramRun, RecordedResource, runProgram, RunOptions } from "../tools/plan/record";
import { reviewedStatePath, writeState } from "../tools/plan/reviewedState";
import { engineConfig } from "../tools/plan/stackConfig";
import { Area, Focused, focusedText } from "./focusedStack";

export type { Area };
export { Focused };

/** The code under test (Pulumi.yaml, tools/, policies/). Its stack files are operational data: tests never read them. */
export const ProjectDir = path.resolve(__dirname, "..");

/**
 * The runbooks' baseline estate: frozen copies of the prod and staging stack files that the tests
 * build on (test/fixtures/baseline/README.md). On-call edits the live files every day; these change
 * only with the tests that read them.
 */
export const FixtureDir = path.join(__dirname, "fixtures", "baseline");

/** The file name a stack's messages carry (`Pulumi.<stack>.yaml`), as the code names it. */
export const StackFile = { prod: stackFileName("prod"), staging: stackFileName("staging") } as const;

export type Config = Record<string, any>;

// The fixtures are read-only: each cut and its config are made once per jest file, and handed out as copies.
const texts = new Map<string, string>();
const configs = new Map<string, string>();
const fixtureKey = (stack: string, areas?: readonly Area[]) => JSON.stringify([stack, areas ?? null]);

/** A baseline fixture's stack file, as text; with `areas`, only those (see focusedText). */
export function fixtureText(stack: string, areas?: readonly Area[]): string {
  const key = fixtureKey(stack, areas);
  let text = texts.get(key);
  if (text === undefined) {
    const whole = fs.readFileSync(path.join(FixtureDir, stackFileName(stack)), "utf8");
    text = areas ? focusedText(ProjectDir, stack, whole, areas) : whole;
    texts.set(key, text);
  }
  return text;
}

/** A baseline fixture's config (Pulumi.yaml defaults, then the stack file), as a fresh copy a test may edit. */
export function stackConfig(stack: string, areas?: readonly Area[]): Config {
  const key = fixtureKey(stack, areas);
  let json = configs.get(key);
  if (json === undefined) {
    json = JSON.stringify(stackConfigFromText(ProjectDir, stack, fixtureText(stack, areas)).config);
    configs.set(key, json);
  }
  return JSON.parse(json);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fixture-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const projects = new Map<string, Promise<string>>();

/**
 * A project directory holding Pulumi.yaml, the fixture's stack file (focused on `areas` when given)
 * and `plans/<stack>.json` planned from it, as `npm run plan -- <stack> --write` leaves a clean
 * checkout: planned once per test file, so the reviewed state always matches the code under test.
 * Treat it as read-only; copy it to edit.
 */
export function fixtureProject(stack: string, areas?: readonly Area[]): Promise<string> {
  const key = [stack, ...(areas ?? ["all"])].join("-");
  let made = projects.get(key);
  if (!made) {
    made = (async () => {
      const dir = path.join(scratch, key);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(ProjectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      fs.writeFileSync(path.join(dir, stackFileName(stack)), fixtureText(stack, areas));
      const plan = await makePlan({ projectDir: dir, stack, program });
      if (plan.run.errors.length > 0) throw new Error(`the ${key} fixture does not plan: ${plan.run.errors.map((e) => e.message).join("; ")}`);
      writeState(reviewedStatePath(dir, stack), plan.state);
      return dir;
    })();
    projects.set(key, made);
  }
  return made;
}

/**
 * `pulumi config set --path` for tests: sets `platform:cloudRun.mixillo-backend.minInstances` in a
 * config map, creating maps on the way; `undefined` deletes the key.
 */
export function setPath(config: Config, keyPath: string, value: unknown): Config {
  const [head, ...rest] = keyPath.split(/\.(?![^[]*\])/);
  const keys = [head, ...rest.flatMap((k) => k.split(/\[(\d+)\]/).filter(Boolean))];
  let node = config;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return config;
}

/** A recorded resource for diff tests, with no options and no inputs unless `extra` gives them. */
export function recordedResource(urn: string, extra: Partial<RecordedResource> = {}): RecordedResource {
  const [, , qualified, name] = urn.split("::");
  return {
    urn,
    type: qualified.split("$").pop()!,
    name,
    custom: true,
    parent: "urn:pulumi:prod::p::pulumi:pulumi:Stack::p-prod",
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    ignoreChanges: [],
    replaceOnChanges: [],
    aliases: [],
    inputs: {},
    ...extra,
  };
}

/** A stack file holding `config`, every string quoted so that no reader takes one for a date or a number. */
export const stackFileText = (config: Config): string => stringify({ config }, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" });

/** `config` with `pulumi config set --path` edits applied, in order. */
export function withEdits(config: Config, ...edits: [string, unknown][]): Config {
  for (const [keyPath, value] of edits) setPath(config, keyPath, value);
  return config;
}

/** A fixture stack's config with `pulumi config set --path` edits applied. */
export const editedConfig = (stack: string, ...edits: [string, unknown][]): Config => withEdits(stackConfig(stack), ...edits);

/** The message of the StackSpecError a config raises (fails the test if it parses). */
export function specErrors(config: Config, file: string = StackFile.prod): string {
  try {
    parseStackSpec(config, { stack: "prod", file });
  } catch (error) {
    expect(error).toBeInstanceOf(StackSpecError);
    return (error as Error).message;
  }
  throw new Error("expected the config to be rejected");
}

/** Runs the real program (stacks/program.ts) for a stack's config under the recorder. */
export async function runStack(stack: string, config: Config, hooks: Pick<RunOptions, "mockOutputs" | "onInputs" | "secretKeys"> = {}): Promise<ProgramRun> {
  return runProgram(program, { project: "platform", stack, config: engineConfig(config), ...hooks });
}

/** The recorded resources of one type, by logical name. */
export function ofType(run: ProgramRun, type: string): Map<string, RecordedResource> {
  return new Map(run.resources.filter((r) => r.type === type).map((r) => [r.name, r]));
}

/** The single resource of a type and name; fails loudly when it is missing. */
export function resource(run: ProgramRun, type: string, name: string): RecordedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = run.resources.filter((r) => r.type === type).map((r) => r.name);
    throw new Error(`no ${type} named ${name}; found: ${names.join(", ") || "none"}`);
  }
  return found;
}

export const Types = {
  cloudRunService: "gcp:cloudrunv2/service:Service",
  cloudRunInvoker: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
  serviceAccount: "gcp:serviceaccount/account:Account",
  secret: "gcp:secretmanager/secret:Secret",
  secretVersion: "gcp:secretmanager/secretVersion:SecretVersion",
  secretAccessor: "gcp:secretmanager/secretIamMember:SecretIamMember",
  randomPassword: "random:index/randomPassword:RandomPassword",
} as const;

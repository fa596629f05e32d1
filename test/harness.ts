import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../stacks/program";
import { parseStackSpec, stackFileName } from "../stacks/spec";
import { stackConfigFromText } from "../stacks/stackFile";
import { StackSpecError } from "../stacks/validate/issues";
import { makePlan } from "../tools/plan/plan";
import { ProgramRun, RecordedResource, runProgram, RunOptions } from "../tools/plan/record";
import { reviewedStatePath, writeState } from "../tools/plan/reviewedState";
import { engineConfig } from "../tools/plan/stackConfig";

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

/**
 * The areas of a stack file (its top-level `platform:` keys besides environment, owner and gcp). A test
 * that needs only some of them plans a focused stack: the whole estate is 212 resources in prod, the
 * Cloud Run service alone 22, and planning time follows the count.
 */
export type Area = "cloudRun" | "kubernetes" | "atlas" | "vercel" | "docker" | "secrets" | "oncall" | "monitoring" | "allowReplace";

/** A baseline fixture's stack file, as text; with `areas`, only those (see focusedText). */
export function fixtureText(stack: string, areas?: readonly Area[]): string {
  const text = fs.readFileSync(path.join(FixtureDir, stackFileName(stack)), "utf8");
  return areas ? focusedText(stack, text, areas) : text;
}

/** A baseline fixture's config (Pulumi.yaml defaults, then the stack file), as a fresh copy a test may edit. */
export function stackConfig(stack: string, areas?: readonly Area[]): Config {
  return JSON.parse(JSON.stringify(stackConfigFromText(ProjectDir, stack, fixtureText(stack, areas)).config));
}

/**
 * The stack file cut down to the given areas, line for line as the fixture has them (comments
 * included), with the secrets those areas name (`secret:`, `connectionStringSecret:`, ...) unless
 * `secrets` is one of them. A key's block goes with the comment lines right above it.
 */
function focusedText(stack: string, text: string, areas: readonly Area[]): string {
  const config = stackConfigFromText(ProjectDir, stack, text).config as Config;
  const named = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string") named.add(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const area of areas) collect(config[`platform:${area}`]);
  // The secrets block stays, cut down to the named secrets when it is not one of the areas asked for.
  const keptAreas = new Set<string>(["environment", "owner", "gcp", "secrets", ...areas]);

  const lines = text.split("\n");
  const drop = new Set<number>();
  for (const area of keyBlocks(lines, lines.indexOf("config:") + 1, lines.length, 2)) {
    const name = area.key.replace(/^platform:/, "");
    if (!keptAreas.has(name)) for (let i = area.start; i < area.end; i++) drop.add(i);
    else if (name === "secrets" && !areas.includes("secrets")) {
      const secrets = keyBlocks(lines, area.keyLine + 1, area.end, 4);
      const unnamed = secrets.filter((secret) => !named.has(secret.key));
      // No secret named at all: the whole block goes (an empty map is not a valid `platform:secrets`).
      for (const block of unnamed.length === secrets.length ? [area] : unnamed) for (let i = block.start; i < block.end; i++) drop.add(i);
    }
  }
  return lines.filter((_, i) => !drop.has(i)).join("\n");
}

/**
 * The keys at one indentation between two lines, each with its lines: from the comments right above it
 * to the line before the next key's comments (or the first line indented less, or `end`).
 */
function keyBlocks(lines: string[], from: number, end: number, indent: number): { key: string; keyLine: number; start: number; end: number }[] {
  const pad = " ".repeat(indent);
  const keyAt = (line: string) => (line.startsWith(pad) && !line.startsWith(`${pad} `) && !line.startsWith(`${pad}#`) ? /^\s*([^\s#]\S*?):(?:\s|$)/.exec(line)?.[1] : undefined);
  const outdented = (line: string) => line.trim() !== "" && !line.startsWith(pad);
  const blocks: { key: string; keyLine: number; start: number; end: number }[] = [];
  let commentsFrom: number | undefined;
  for (let i = from; i < end; i++) {
    const line = lines[i];
    if (outdented(line)) {
      end = i;
      break;
    }
    const key = keyAt(line);
    if (key !== undefined) {
      const start = commentsFrom ?? i;
      if (blocks.length) blocks[blocks.length - 1].end = start;
      blocks.push({ key, keyLine: i, start, end });
      commentsFrom = undefined;
    } else if (line.startsWith(`${pad}#`)) commentsFrom ??= i;
    else commentsFrom = undefined;
  }
  if (blocks.length) blocks[blocks.length - 1].end = end;
  return blocks;
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

/** A fixture stack's config with `pulumi config set --path` edits applied. */
export function editedConfig(stack: string, ...edits: [string, unknown][]): Config {
  const config = stackConfig(stack);
  for (const [keyPath, value] of edits) setPath(config, keyPath, value);
  return config;
}

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
export async function runStack(stack: string, config: Config, hooks: Pick<RunOptions, "mockOutputs" | "onInputs"> = {}): Promise<ProgramRun> {
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

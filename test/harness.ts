import * as path from "path";
import { program } from "../stacks/program";
import { parseStackSpec } from "../stacks/spec";
import { readStackConfig } from "../stacks/stackFile";
import { StackSpecError } from "../stacks/validate/issues";
import { ProgramRun, RecordedResource, runProgram, RunOptions } from "../tools/plan/record";
import { engineConfig } from "../tools/plan/stackConfig";

export const ProjectDir = path.resolve(__dirname, "..");

export type Config = Record<string, any>;

/** A committed stack file's config, as a fresh copy a test may edit. */
export function stackConfig(stack: string): Config {
  return JSON.parse(JSON.stringify(readStackConfig(ProjectDir, stack).config));
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

/** A committed stack's config with `pulumi config set --path` edits applied. */
export function editedConfig(stack: string, ...edits: [string, unknown][]): Config {
  const config = stackConfig(stack);
  for (const [keyPath, value] of edits) setPath(config, keyPath, value);
  return config;
}

/** The message of the StackSpecError a config raises (fails the test if it parses). */
export function specErrors(config: Config, file = "Pulumi.prod.yaml"): string {
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

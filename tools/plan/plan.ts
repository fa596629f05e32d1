import * as fs from "fs";
import * as path from "path";
import { parseYamlMap, readStackConfig } from "../../stacks/stackFile";
import { changeSummary, diffStates, Op, Step } from "./diff";
import { ExitCode } from "./exitCodes";
import { blocked, Guard, guardStateful } from "./guard";
import { PolicyDiagnostic, PolicyPackRun, runPolicies } from "./policies";
import { ProgramRun, runProgram } from "./record";
import { readState, ReviewedState, reviewedStatePath, serializeState } from "./reviewedState";
import { redactSecureValues } from "./secureConfig";
import { engineConfig } from "./stackConfig";
import { missedServingRevisions } from "./servingRevision";
import { plainValues } from "./plainValues";
import { Secret } from "./values";

export interface PlanOptions {
  /** Where Pulumi.yaml, Pulumi.<stack>.yaml and plans/ are. */
  projectDir: string;
  stack: string;
  program: () => unknown;
  /** The stack's config instead of its file (tests edit a copy); `secure:` values are handled the same. */
  config?: Record<string, unknown>;
  /** `--allow-replace` entries, added to the stack file's `platform:allowReplace`. */
  allowReplace?: string[];
  /** The policy pack to run; undefined runs none and says so. */
  pack?: PolicyPackRun;
  /** The state to diff against instead of plans/<stack>.json (e.g. the base branch's copy). */
  baselineFile?: string;
}

/** A non-policy diagnostic: a program error, or a warning of the plan itself. */
export interface PlanDiagnostic {
  severity: "error" | "warning";
  message: string;
  urn?: string;
}

export type Diagnostic = PlanDiagnostic | PolicyDiagnostic;

export interface Plan {
  project: string;
  stack: string;
  /** The file the diff is against, relative to the project, and whether it existed. */
  baseline: { file: string; found: boolean };
  run: ProgramRun;
  /** The planned state as it would be committed. */
  state: ReviewedState;
  /** True when plans/<stack>.json holds exactly `state`. */
  fresh: boolean;
  steps: Step[];
  summary: Record<Op, number>;
  guard: Guard;
  diagnostics: Diagnostic[];
  /** Redacted config, as `pulumi preview --json` prints it. */
  config: Record<string, string>;
  policyPack?: string;
  exitCode: ExitCode;
}

/** Stack config → program under mocks → diff against the reviewed state → policies → verdict. */
export async function makePlan(options: PlanOptions): Promise<Plan> {
  const { projectDir, stack } = options;
  const project = projectName(projectDir);
  const raw = options.config ?? readStackConfig(projectDir, stack).config;
  const { config, secretKeys } = redactSecureValues(raw);
  const encoded = engineConfig(config);
  const plain = plainValues();
  const run = await runProgram(options.program, { project, stack, config: encoded, secretKeys, onInputs: plain.onInputs });
  plain.apply(run.resources);

  const stateFile = reviewedStatePath(projectDir, stack);
  const baselineFile = options.baselineFile ?? stateFile;
  const baseline = readState(baselineFile);
  const state: ReviewedState = { project, stack, resources: run.resources };
  const committed = fs.existsSync(stateFile) ? fs.readFileSync(stateFile, "utf8") : undefined;

  const diagnostics: Diagnostic[] = [];
  for (const key of secretKeys)
    diagnostics.push({ severity: "warning", message: `${key} holds a secure: value, which cannot be decrypted offline; it is planned as "${Secret}"` });
  for (const e of run.errors) {
    const [type, name] = e.resource?.split("::") ?? [];
    const urn = run.resources.find((r) => r.type === type && r.name === name)?.urn;
    diagnostics.push({ severity: "error", message: e.message, ...(urn ? { urn } : {}) });
  }

  // A program that failed has no complete state: nothing to diff, nothing to judge.
  const failed = run.errors.length > 0;
  const steps = failed ? [] : diffStates(baseline?.resources ?? [], run.resources);
  const allowList = [...allowListOf(config), ...(options.allowReplace ?? [])];
  const guard = guardStateful(steps, allowList);
  diagnostics.push(...missedServingRevisions(steps));
  for (const entry of failed ? [] : guard.unused)
    diagnostics.push({ severity: "warning", message: `allowReplace entry "${entry}" matches no deletion or replacement of a stateful resource; remove it` });
  if (!options.pack) diagnostics.push({ severity: "warning", message: "no policy pack found (policies/pack.ts): policies were not run" });
  const policyResults = options.pack && !failed ? await runPolicies(run.resources, options.pack) : [];
  diagnostics.push(...policyResults);

  const exitCode = failed
    ? ExitCode.Invalid
    : blocked(guard).length > 0 || policyResults.some((d) => d.enforcementLevel === "mandatory")
      ? ExitCode.Blocked
      : ExitCode.Clean;
  return {
    project,
    stack,
    baseline: { file: path.relative(projectDir, baselineFile) || baselineFile, found: baseline !== undefined },
    run,
    state,
    fresh: !failed && committed === serializeState(state),
    steps,
    summary: changeSummary(steps),
    guard,
    diagnostics,
    config: Object.fromEntries(Object.entries(encoded).map(([k, v]) => [k, secretKeys.includes(k) ? Secret : v])),
    ...(options.pack ? { policyPack: options.pack.packName } : {}),
    exitCode,
  };
}

function allowListOf(config: Record<string, unknown>): string[] {
  const value = config["platform:allowReplace"];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function projectName(projectDir: string): string {
  const file = path.join(projectDir, "Pulumi.yaml");
  const name = fs.existsSync(file) ? parseYamlMap(file, "Pulumi.yaml").name : undefined;
  return typeof name === "string" ? name : path.basename(projectDir);
}

export const isPolicyDiagnostic = (d: Diagnostic): d is PolicyDiagnostic => "policyName" in d;

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makePlan, Plan } from "../plan/plan";
import { PolicyPackRun } from "../plan/policies";
import { reviewedStatePath, serializeState } from "../plan/reviewedState";
import { Config } from "./procedure";

export interface EditPlan {
  /** The edited config's plan, diffed against the plan of the config before the edit. */
  plan: Plan;
  /** Set when the file before the edit did not plan: the diff is then against plans/<stack>.json. */
  baselineNote?: string;
}

export interface PlanEditOptions {
  projectDir: string;
  stack: string;
  program: () => unknown;
  before: Config;
  after: Config;
  pack?: PolicyPackRun;
  allowReplace: string[];
}

/**
 * The plan of one edit: the config before the edit is planned first (without policies: only its state
 * is needed) and becomes the baseline of the edited config's plan, so the diff holds this change only,
 * whatever else plans/<stack>.json is behind on.
 */
export async function planEdit(o: PlanEditOptions): Promise<EditPlan> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ops-plan-"));
  try {
    const base = { projectDir: o.projectDir, stack: o.stack, program: o.program };
    const before = await beforeState(o, path.join(tmp, "none.json"));
    let baselineFile = path.join(tmp, "before.json");
    let baselineNote: string | undefined;
    if (typeof before !== "string") {
      baselineFile = reviewedStatePath(o.projectDir, o.stack);
      baselineNote = `the stack file before the edit does not plan (${before.error}); diffed against plans/${o.stack}.json instead`;
    } else fs.writeFileSync(baselineFile, before);
    const plan = await makePlan({ ...base, config: o.after, baselineFile, ...(o.pack ? { pack: o.pack } : {}), allowReplace: o.allowReplace });
    return { plan, ...(baselineNote ? { baselineNote } : {}) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The serialized plan state of the config before the edit, or its first program error. Kept per
 * process: procedures run one after another on the same file (the tests, a script) plan it once.
 */
const beforeStates = new Map<string, string | { error: string }>();

async function beforeState(o: PlanEditOptions, noBaseline: string): Promise<string | { error: string }> {
  // The state depends on the project (Pulumi.yaml), the stack and its config, not on the directory.
  const key = JSON.stringify([fs.readFileSync(path.join(o.projectDir, "Pulumi.yaml"), "utf8"), o.stack, o.before]);
  const known = beforeStates.get(key);
  if (known !== undefined) return known;
  const plan = await makePlan({ projectDir: o.projectDir, stack: o.stack, program: o.program, config: o.before, baselineFile: noBaseline });
  const state = plan.run.errors.length > 0 ? { error: plan.run.errors[0].message.split("\n")[0] } : serializeState(plan.state);
  beforeStates.set(key, state);
  return state;
}

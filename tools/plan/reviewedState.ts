import * as fs from "fs";
import * as path from "path";
import { compareText, RecordedResource } from "./record";
import { stableJson } from "./stableJson";

/**
 * The reviewed desired state of a stack (the rendered-manifests pattern): every planned resource,
 * committed as `plans/<stack>.json` and diffed in the pull request. Sorted by URN, keys sorted,
 * secrets "[secret]", unknowns "[unknown]": the same program and stack file give the same bytes.
 */
export interface ReviewedState {
  project: string;
  stack: string;
  resources: RecordedResource[];
}

export const reviewedStatePath = (projectDir: string, stack: string): string => path.join(projectDir, "plans", `${stack}.json`);

export function serializeState(state: ReviewedState): string {
  return stableJson({ ...state, resources: [...state.resources].sort((a, b) => compareText(a.urn, b.urn)) });
}

/** The committed state, or undefined when the stack has none yet (a first plan creates everything). */
export function readState(file: string): ReviewedState | undefined {
  if (!fs.existsSync(file)) return undefined;
  let parsed: ReviewedState;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new ReviewedStateError(`${file}: not valid JSON (${(error as Error).message}); regenerate it with --write`);
  }
  if (!parsed || !Array.isArray(parsed.resources))
    throw new ReviewedStateError(`${file}: expected {project, stack, resources: [...]}; regenerate it with --write`);
  return parsed;
}

export function writeState(file: string, state: ReviewedState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serializeState(state));
}

export class ReviewedStateError extends Error {}

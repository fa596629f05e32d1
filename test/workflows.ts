import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ProjectDir } from "./harness";

/** The repository's GitHub workflows, as the tests that check them read them. */
export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

export interface WorkflowJob {
  steps?: WorkflowStep[];
  environment?: string;
  if?: string;
  needs?: string[];
}

export const WorkflowDir = path.join(ProjectDir, ".github", "workflows");
export const workflowFiles = fs.readdirSync(WorkflowDir).filter((f) => /\.ya?ml$/.test(f));
export const workflowText = (file: string): string => fs.readFileSync(path.join(WorkflowDir, file), "utf8");
export const workflowJobs = (file: string): Record<string, WorkflowJob> => (parse(workflowText(file)) as { jobs: Record<string, WorkflowJob> }).jobs;

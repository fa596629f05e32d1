import type { Step } from "../diff";
import { subjectOf } from "./kinds";

/**
 * What a step means for the people using the system, where a runbook says so. Each entry names the
 * runbook (../shared/runbooks/) its words come from; a step with none gets no line rather than a guess.
 */
interface Consequence {
  applies: (step: Step, subject: string) => boolean;
  text: (subject: string, step: Step) => string;
}

const rolled = (step: Step) => step.op === "replace" || (step.op === "create" && step.silentReplacement !== undefined);
/** The database and cache containers by name (the backup job runs the postgres image too, and restarts nothing). */
const containerName = (step: Step): string => String((step.new ?? step.old)!.inputs.name ?? "");

const Consequences: Consequence[] = [
  {
    // 000 "Rotating Secrets" step 4: "Invalidate all existing tokens (Users will need to re-login)";
    // 004 "Security Incident": "All users will need to log in again".
    applies: (step, subject) => /JWT/.test(subject) && rolled(step) && step.type === "gcp:secretmanager/secretVersion:SecretVersion",
    text: (subject) =>
      `sessions invalidated: every signed-in user has to log in again, as tokens signed with the old ${subject} stop verifying (as runbooks 000 and 004 say of a JWT secret's rotation)`,
  },
  {
    // 004 "Backend Won't Start": the backend fails while postgres is not ready ("Wait for postgres to be ready").
    applies: (step) => step.type === "docker:index/container:Container" && step.op === "replace" && /-postgres$/.test(containerName(step)),
    text: (subject) =>
      `database restart: ${subject} stops, so the backend's queries fail until it is healthy again; its data stays on its volume (runbook 004)`,
  },
  {
    applies: (step) => step.type === "docker:index/container:Container" && step.op === "replace" && /-redis$/.test(containerName(step)),
    text: (subject) => `cache restart: ${subject} stops and reloads its append-only file; clients reconnect (runbook 004)`,
  },
  {
    // 000 "Rotate MongoDB Password": create the new user, update the connection string, verify, then delete the old user.
    applies: (step) => step.type === "mongodbatlas:index/databaseUser:DatabaseUser" && step.op === "delete",
    text: (subject) =>
      `old database password revoked: anything still connecting as ${subject} loses the database (runbook 000: delete the old user only once the readers use the new one)`,
  },
  {
    // 002 "Maintenance Mode": MAINTENANCE_MODE=true, then redeploy.
    applies: (step, subject) =>
      step.type === "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable" && subject === "MAINTENANCE_MODE" && step.op !== "update",
    text: (_, step) => `maintenance mode ${step.op === "delete" ? "off" : "on"}: it takes effect when the new production build is promoted (runbook 002)`,
  },
];

/** Each text starts with a few words, then a colon: the headline takes those words. */
export const shortConsequence = (text: string): string => text.split(":")[0];

export function consequencesOf(step: Step): string[] {
  if (step.op === "same") return [];
  const subject = subjectOf((step.new ?? step.old)!);
  return Consequences.filter((c) => c.applies(step, subject)).map((c) => c.text(subject, step));
}

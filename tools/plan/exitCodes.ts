/** The plan's exit codes (docs/plan.md, "Exit codes"). */
export const ExitCode = {
  /** Planned cleanly: no error, no mandatory violation, nothing lost. */
  Clean: 0,
  /** A mandatory policy violation, a blocked stateful change, or (with --check) a stale reviewed state. */
  Blocked: 1,
  /** Invalid input (stack file, arguments, policy config) or a program error. */
  Invalid: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

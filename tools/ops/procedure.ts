import { Edit } from "./yamlEdit";

/** A stack file's `config:` map as written (no defaults filled in). */
export type Config = Record<string, unknown>;

/** Something a procedure acts on: a Cloud Run service, a Kubernetes app, a secret, an alert, ... */
export interface Target {
  /** The kind's name, as `--kind` takes it. */
  kind: string;
  /** Unique within its kind: what error messages list and what always resolves. */
  id: string;
  /** Other names that resolve to it (a compose service name, an alert policy's name). */
  aliases: string[];
  /** Where it is in the config: the map of the service, the key of the flag. */
  path: string[];
}

/** One kind of target and how to find them all in a stack file. */
export interface TargetKind {
  name: string;
  /** Spellings `--kind` also takes, from before a rename (on-call's habits, old notes). @default none */
  formerNames?: string[];
  /** "Cloud Run service": used in messages. */
  noun: string;
  list(config: Config): Target[];
}

export interface OptionSpec {
  /** False for a switch (`--dry-run`), true for `--name <value>`. */
  takesValue: boolean;
  help: string;
}

export interface ProcedureContext {
  stack: string;
  /** Pulumi.<stack>.yaml, for messages. */
  file: string;
  config: Config;
  target: Target;
  /** The words after the target (`on`, `off`, a threshold). */
  words: string[];
  options: Record<string, string | true>;
  now: Date;
}

/** The hand-made command a procedure replaces, as the runbook has it. */
export interface RunbookRef {
  /** "000" … "004". */
  runbook: string;
  /** The runbook's heading, e.g. "Common Fixes › Scale Service". */
  section: string;
  /** The command with this invocation's values filled in. */
  command: string;
}

/** What a procedure does to the stack file: the edits, and the runbook step they replace. */
export interface Change {
  edits: Edit[];
  replaces: RunbookRef[];
  /** Said when the edits change nothing (why it may already be so, how to force it). */
  alreadySo?: string;
  /** What the edit does that its keys do not say (when a silence really ends, a gap): printed with it. */
  notes?: string[];
}

/**
 * One procedure for one or more target kinds. Several procedures may share a name (`rotate` of a
 * secret, later `rotate` of an Atlas database user): the target's kind picks the one that runs.
 */
export interface Procedure {
  name: string;
  kinds: string[];
  /** `scale <service> --min N --max N` */
  synopsis: string;
  summary: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  notes?: string[];
  /** Every word is a target (`rotate JWT_SECRET JWT_REFRESH_SECRET`, `restart a b`): all are done, or none. */
  manyTargets?: boolean;
  /**
   * The words after the target (`on|off`, a threshold), at most `max` of them; none when absent. A
   * word more is refused before the stack file is read (a stray `dry-run` must never be ignored).
   */
  words?: { usage: string; max: number };
  change(ctx: ProcedureContext): Change;
}

/** A file of procedures (and the target kinds only they use): one registration line each. */
export interface Family {
  name: string;
  kinds?: TargetKind[];
  procedures: Procedure[];
}

import type { ProgramRun, RunOptions } from "./record";

/**
 * Program runs kept for reuse in one process: off unless the process turns it on. The test suites do
 * (test/support/reusedRuns.js): they run the same program on the same config again and again (200 of
 * 459 runs, about 10 CPU-seconds), and a run depends on nothing but its program, its options and the
 * environment the providers read (SENTRY_AUTH_TOKEN, say), which make its key. test/plan.test.ts plans
 * twice with reuse off and compares byte for byte; test/reusedRuns.test.ts compares a reused run with
 * a fresh one. `npm run plan` and `ops` plan each config once and leave it off.
 *
 * A reused run is a copy of the first: its resources and errors, and the inputs it showed `onInputs`,
 * shown again in the same order. A run with `mockOutputs` (a function of the test's) is never reused,
 * nor one whose test watches the SDK at work (withFreshRuns).
 */
/**
 * A run kept as JSON text: what a run records is JSON (values.ts); text is one object to the garbage
 * collector where the run's objects were thousands (the suites keep about 250 runs), and parsing it
 * makes fresh objects in this realm, unlike structuredClone, whose objects a jest test's
 * `instanceof Object` (the policy SDK's unknown-value proxy) does not recognise.
 */
interface KeptRun {
  run: string;
  /** `[type, name, inputs][]`, in the order the run showed them. */
  inputs: string;
}

type Shown = [type: string, name: string, inputs: Record<string, unknown>];

let reuse = false;
const kept = new WeakMap<() => unknown, Map<string, KeptRun>>();

export function reuseRuns(on: boolean): void {
  reuse = on;
}

/** Runs `body` with every program run in it made afresh (a test that compares two runs). */
export async function withFreshRuns<T>(body: () => Promise<T>): Promise<T> {
  const was = reuse;
  reuse = false;
  try {
    return await body();
  } finally {
    reuse = was;
  }
}

/** The key a run is kept under, or undefined when it may not be reused. */
function keyOf(options: RunOptions): string | undefined {
  if (!reuse || options.mockOutputs) return undefined;
  const { project, stack, config, secretKeys = [], shortcutsOff = [] } = options;
  return JSON.stringify([project, stack, config, secretKeys, shortcutsOff, process.env]);
}

/**
 * `run(program, options)` when no equal run is kept, else the kept run's copy. `run` is the real run;
 * its `onInputs` hook also records what it shows, for a later reuse.
 */
export async function reusedRun(
  program: () => unknown,
  options: RunOptions,
  run: (program: () => unknown, options: RunOptions) => Promise<ProgramRun>,
): Promise<ProgramRun> {
  const key = keyOf(options);
  if (key === undefined) return run(program, options);
  const runs = kept.get(program) ?? new Map<string, KeptRun>();
  kept.set(program, runs);
  const known = runs.get(key);
  if (known) {
    if (options.onInputs) for (const [type, name, inputs] of JSON.parse(known.inputs) as Shown[]) options.onInputs(type, name, inputs);
    return JSON.parse(known.run) as ProgramRun;
  }
  // Each shown value as text at once: the hook may change it afterwards.
  const shown: string[] = [];
  const result = await run(program, {
    ...options,
    onInputs: (type, name, value) => {
      shown.push(JSON.stringify([type, name, value]));
      options.onInputs?.(type, name, value);
    },
  });
  runs.set(key, { run: JSON.stringify(result), inputs: `[${shown.join(",")}]` });
  return result;
}

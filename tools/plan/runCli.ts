import { program } from "../../stacks/program";

type Main = (argv: string[], io: { out: (t: string) => void; err: (t: string) => void }, deps: { program: () => unknown }) => Promise<number>;

/** Runs a command's `main` on this process's arguments and streams; a defect still exits 2, with its message. */
export function runCli(main: Main): void {
  main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, { program }).then(
    (code) => exitWhenFlushed(code),
    (error) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      exitWhenFlushed(2);
    },
  );
}

/**
 * Exits as soon as stdout and stderr have taken everything written. Every file the commands write is
 * written synchronously; what would still run is the SDK's leftover promise work draining from the
 * event loop, 10–40 ms of a plan that has already said everything.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let streams = 2;
  const flushed = () => {
    if (--streams === 0) process.exit(code);
  };
  process.stdout.write("", flushed);
  process.stderr.write("", flushed);
}

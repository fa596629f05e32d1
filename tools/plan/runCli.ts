import { program } from "../../stacks/program";

type Main = (argv: string[], io: { out: (t: string) => void; err: (t: string) => void }, deps: { program: () => unknown }) => Promise<number>;

/** Runs a command's `main` on this process's arguments and streams; a defect still exits 2, with its message. */
export function runCli(main: Main): void {
  main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, { program }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}

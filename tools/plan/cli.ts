import "./fastErrors";
import { program } from "../../stacks/program";
import { main } from "./main";

// `npm run plan -- <stack> [flags]`: see tools/plan/args.ts for the flags, README for the exit codes.
main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, { program }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);

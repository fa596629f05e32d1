import "../plan/fastErrors";
import { program } from "../../stacks/program";
import { main } from "./main";

// `npm run ops -- <procedure> <target> ... --stack <stack>`: see `npm run ops -- --help`.
main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, { program }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);

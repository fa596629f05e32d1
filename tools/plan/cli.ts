import "./fastErrors";
import { main } from "./main";
import { runCli } from "./runCli";

// `npm run plan -- <stack> [flags]`: see tools/plan/args.ts for the flags, README for the exit codes.
runCli(main);

import "./fastErrors";
import { dropOutputToClosedPipes } from "../cli/brokenPipe";
import { main } from "./main";
import { runCli } from "./runCli";

// `npm run plan -- <stack> [flags]`: see tools/plan/args.ts for the flags, docs/plan.md for the exit codes.
// `npm run plan -- prod | head` ends quietly when head has read enough.
dropOutputToClosedPipes();
runCli(main);

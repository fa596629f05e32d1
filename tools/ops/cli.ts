import "../plan/fastErrors";
import { dropOutputToClosedPipes } from "../cli/brokenPipe";
import { runCli } from "../plan/runCli";
import { main } from "./main";

// `npm run ops -- <procedure> <target> ... --stack <stack>`: see `npm run ops -- --help`.
dropOutputToClosedPipes();
runCli(main);

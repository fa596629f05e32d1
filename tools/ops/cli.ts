import "../plan/fastErrors";
import { runCli } from "../plan/runCli";
import { main } from "./main";

// `npm run ops -- <procedure> <target> ... --stack <stack>`: see `npm run ops -- --help`.
runCli(main);

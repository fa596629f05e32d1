import { runSuite } from "./suite";

runSuite("changes");

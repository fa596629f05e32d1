import { runSuite } from "./suite";

runSuite("program");

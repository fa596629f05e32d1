import { runSuite } from "./suite";

runSuite("ops");

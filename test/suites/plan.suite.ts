import { runSuite } from "./suite";

runSuite("plan");

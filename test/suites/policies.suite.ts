import { runSuite } from "./suite";

runSuite("policies");

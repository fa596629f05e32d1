import { runSuite } from "./suite";

runSuite("project");

import * as path from "path";
import { membersOf } from "./members";
// The helpers that keep a scratch directory remove it in an `afterAll` registered when they load:
// loaded here, at the suite's top level, it runs after the whole suite rather than after the first file.
import "../harness";
import "../opsHarness";

/**
 * One jest file for the test files of `suite` (members.ts): each file's tests in a describe block
 * named after it, so that its top-level hooks stay its own.
 */
export function runSuite(suite: string): void {
  const members = membersOf(suite);
  if (members.length === 0) throw new Error(`test suite ${suite} has no test files (test/suites/members.ts)`);
  for (const file of members)
    describe(path.basename(file), () => {
      // A describe block registers its tests synchronously: a dynamic import() would come too late.
      require(file);
    });
}

// The tests run the same program on the same config many times: a repeated run is the first one's
// copy (tools/plan/reusedRuns.ts says why that is safe; a test that compares two runs uses withFreshRuns).
require("../../tools/plan/reusedRuns").reuseRuns(true);

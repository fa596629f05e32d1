import * as path from "path";
import { buildProblem, Builds, stampBuild } from "./builds";

/** `stamp`: after `tsc`, record what each build was made from. `check`: exit 1 on a missing or stale build. */
const projectDir = path.resolve(__dirname, "..", "..");
const command = process.argv[2];
if (command === "stamp") {
  for (const build of Builds) stampBuild(projectDir, build);
} else if (command === "check") {
  const problems = Builds.map((build) => buildProblem(projectDir, build)).filter((p): p is string => p !== undefined);
  for (const problem of problems) process.stderr.write(`error: ${problem}\n`);
  if (problems.length === 0) process.stderr.write(`builds current: ${Builds.map((b) => b.outDir).join(", ")}\n`);
  process.exitCode = problems.length ? 1 : 0;
} else {
  process.stderr.write("usage: tools/build/cli.ts stamp|check\n");
  process.exitCode = 2;
}

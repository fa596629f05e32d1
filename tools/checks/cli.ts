import { Checks, report, runChecks } from "./checks";

/** `npm test` (all), `npm run lint` (lint format), `npm run typecheck`: exit 1 when any check fails. */
const names = process.argv.slice(2);
const unknown = names.filter((n) => !Checks.some((c) => c.name === n));
if (unknown.length > 0) {
  process.stderr.write(`error: no check named ${unknown.join(", ")}; the checks are ${Checks.map((c) => c.name).join(", ")}\n`);
  process.exit(2);
}
runChecks(names.length ? Checks.filter((c) => names.includes(c.name)) : Checks).then((results) => {
  process.stderr.write(report(results));
  process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
});

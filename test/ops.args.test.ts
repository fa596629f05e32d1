import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs as parseOpsArgs } from "../tools/ops/args";
import { OpsError } from "../tools/ops/errors";
import { allProcedures, optionsOf, procedureNames, variantsOf } from "../tools/ops/registry";
import { parseArgs as parsePlanArgs, UsageError } from "../tools/plan/args";
import { ExitCode } from "../tools/plan/exitCodes";
import { StackFile } from "./harness";
import { lineDiff, ops, projectCopy, read } from "./opsHarness";

/**
 * The command line is strict (node:util parseArgs, tools/cli/strictArgs.ts): an unknown flag or an
 * unexpected word is exit 2 before the stack file is read, so a mistyped `--dry-run` never becomes
 * a real write.
 */

const StackTrace = /^\s+at .+:\d+:\d+\)?$/m;

describe("each bad flag spelling exits 2 and writes nothing", () => {
  test.each<[string, string[], string]>([
    ["-n", ["-n"], 'unknown option -n: options are written with two dashes; did you mean "--dry-run"?'],
    ["-d", ["-d"], 'unknown option -d: options are written with two dashes; did you mean "--dry-run" or "--dir"?'],
    ["-dry-run", ["-dry-run"], 'unknown option -dry-run: options are written with two dashes; did you mean "--dry-run"?'],
    [
      "a bare dry-run",
      ["dry-run"],
      'unexpected argument "dry-run"; did you mean --dry-run? (scale takes one Cloud Run service or Kubernetes app and nothing but options after it',
    ],
    ["--dry-run=yes", ["--dry-run=yes"], "--dry-run takes no value"],
    ["--dryrun", ["--dryrun"], 'unknown option --dryrun; did you mean "--dry-run"?'],
    ["--max without its value before another flag", ["--max", "--dry-run"], '--max needs a value, found "--dry-run", which reads as an option'],
    ["--max given twice", ["--max", "13"], "--max given twice"],
  ])("GIVEN `scale mixillo-backend --max 12` with %s WHEN run THEN exit 2 with the reason, and the file is byte-identical", async (_, bad, message) => {
    const p = await projectCopy("prod", { areas: ["cloudRun"] });
    const r = await ops(p.dir, "scale", "mixillo-backend", "--max", "12", ...bad, "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(`error: ${message}`);
    expect(r.out).toBe("");
    expect(`${r.out}${r.err}`).not.toMatch(StackTrace);
    expect(read(p.file)).toBe(p.original);
  });

  test("GIVEN a stack file that does not parse WHEN ops gets an unexpected word THEN the word is the error: it is refused before the file is read", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun"], text: "config: [not, a, map\n" });
    const r = await ops(p.dir, "rollback", "mixillo-backend", "dry-run", "--to", "mixillo-backend-00075-82j", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain('unexpected argument "dry-run"; did you mean --dry-run?');
    expect(r.err).not.toContain("YAML");
  });

  test("GIVEN words a procedure does not take WHEN given THEN each is refused, naming what it takes", async () => {
    const p = await projectCopy("prod", { areas: ["kubernetes"] });
    expect((await ops(p.dir, "scale", "merchant-backend", "mixillo-backend", "--min", "4", "--stack", "prod")).err).toContain(
      'unexpected argument "mixillo-backend" (scale takes one Cloud Run service or Kubernetes app and nothing but options after it: run it once per target)',
    );
    expect((await ops(p.dir, "autoscaling", "merchant-backend", "off", "now", "--stack", "prod")).err).toContain(
      'unexpected argument "now" (autoscaling takes one Kubernetes app and at most on|off after it',
    );
    expect(read(p.file)).toBe(p.original);
  });
});

describe("several targets are all done, in one edit", () => {
  test("GIVEN `restart mixillo-backend backend` WHEN run THEN both restart tokens change, and the header and summary name both", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun", "docker"] });
    const r = await ops(p.dir, "restart", "mixillo-backend", "backend", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Clean);
    expect(r.out).toContain("restart Cloud Run service mixillo-backend, Docker container spilttea-backend (stack prod)");
    expect(r.out).toContain('+ platform:cloudRun.mixillo-backend.restartToken: "2030-11-25T06-49"');
    expect(r.out).toContain('+ platform:docker.containers.spilttea-backend.restartToken: "2030-11-25T06-49"');
    expect(lineDiff(p.original, read(p.file)).added).toEqual(['      restartToken: "2030-11-25T06-49"', '        restartToken: "2030-11-25T06-49"']);
  });

  test("GIVEN one of several targets is unknown WHEN restarted THEN none is: exit 2, the file is byte-identical", async () => {
    const p = await projectCopy("prod", { areas: ["cloudRun", "docker"] });
    const r = await ops(p.dir, "restart", "mixillo-backend", "bakend", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(`unknown Cloud Run service or Kubernetes app or Vercel project or Docker container "bakend" in ${StackFile.prod}`);
    expect(read(p.file)).toBe(p.original);
  });
});

describe("a flag npm took for itself (no `--` after the script name)", () => {
  const procedures = {
    names: procedureNames(),
    of: (name: string) => (variantsOf(name).length ? optionsOf(variantsOf(name)) : undefined),
    all: optionsOf(allProcedures),
  };

  test("GIVEN `npm run plan prod --markdown` WHEN parsed THEN exit 2 with the command to type", () => {
    const env = { npm_lifecycle_event: "plan", npm_config_markdown: "true" };
    expect(() => parsePlanArgs(["prod"], env)).toThrow(UsageError);
    expect(() => parsePlanArgs(["prod"], env)).toThrow(
      "npm took --markdown for itself (it reached plan only as npm_config_markdown), so nothing was read or written. Flags for the script go after `--`: did you mean `npm run plan -- prod --markdown`?",
    );
  });

  test("GIVEN `npm run ops scale mixillo-backend --max 12 --stack prod --dry-run` WHEN parsed THEN refused, every swallowed flag named", () => {
    const env = { npm_lifecycle_event: "ops", npm_config_max: "true", npm_config_stack: "true", npm_config_dry_run: "true" };
    expect(() => parseOpsArgs(["scale", "mixillo-backend", "12", "prod"], procedures, env)).toThrow(OpsError);
    expect(() => parseOpsArgs(["scale", "mixillo-backend", "12", "prod"], procedures, env)).toThrow(
      "npm took --max, --stack, --dry-run for itself (it reached ops only as npm_config_max, npm_config_stack, npm_config_dry_run), so nothing was read or written. Flags for the script go after `--`: did you mean `npm run ops -- scale mixillo-backend 12 prod --max <value> --stack <value> --dry-run`?",
    );
  });

  test("GIVEN the same variables under another npm script (npm test) or with `--` WHEN parsed THEN they are not taken for swallowed flags", () => {
    expect(parsePlanArgs(["prod"], { npm_lifecycle_event: "test", npm_config_markdown: "true" }).format).toBe("tree");
    expect(parsePlanArgs(["prod", "--markdown"], { npm_lifecycle_event: "plan", npm_config_markdown: "true" }).format).toBe("markdown");
  });
});

describe("the plan's command line is as strict", () => {
  test.each<[string[], string]>([
    [["prod", "-j"], 'unknown option -j: options are written with two dashes; did you mean "--json"?'],
    [["prod", "--markdwn"], 'unknown option --markdwn; did you mean "--markdown"?'],
    [["prod", "--write", "--check"], "--check cannot be combined with --write"],
    [["prod", "staging"], "one stack at a time (got prod and staging)"],
    [["prod", "--dir"], "--dir needs a value"],
  ])("GIVEN `npm run plan -- %j` WHEN parsed THEN a usage error: %s", (argv, message) => {
    expect(() => parsePlanArgs(argv, {})).toThrow(message);
  });

  test("GIVEN repeated --allow-replace and a --base WHEN parsed THEN every value is kept", () => {
    expect(parsePlanArgs(["prod", "--allow-replace", "a::b", "--allow-replace=c::d", "--base", "/tmp/x.json"], {})).toEqual({
      stack: "prod",
      mode: "plan",
      format: "tree",
      allowReplace: ["a::b", "c::d"],
      baseline: "/tmp/x.json",
    });
  });
});

test("GIVEN a help request in each spelling WHEN run THEN the help, exit 0, nothing read", async () => {
  // A project directory that does not exist: help reads nothing.
  const dir = path.join(os.tmpdir(), "ops-help-no-such-project");
  expect(fs.existsSync(dir)).toBe(false);
  for (const argv of [["--help"], ["-h"], ["help", "scale"], ["scale", "-h"]]) {
    const r = await ops(dir, ...argv);
    expect(r.code).toBe(ExitCode.Clean);
    expect(r.out).toContain("npm run ops -- ");
  }
});

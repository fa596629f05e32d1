import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseStackSpec } from "../stacks/spec";
import { readStackConfig } from "../stacks/stackFile";
import { Config, FixtureDir, fixtureText, ProjectDir, runStack, setPath, specErrors, stackConfig, StackFile } from "./harness";

const Service = "platform:cloudRun.mixillo-backend";

function edited(keyPath: string, value: unknown): Config {
  return setPath(stackConfig("prod"), keyPath, value);
}

describe("stack spec: the baseline stacks", () => {
  test.each(["prod", "staging"])("GIVEN the baseline %s stack WHEN parsed THEN it is valid and defaulted", (stack) => {
    const spec = parseStackSpec(stackConfig(stack), { stack, file: `Pulumi.${stack}.yaml` });
    expect(spec.stack).toBe(stack);
    expect(spec.environment).toBe(stack);
    expect(spec.cloudRun["mixillo-backend"].ingress).toBe("all");
  });

  test("GIVEN a stack file for any stack name WHEN read THEN it loads like prod and staging", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-"));
    fs.copyFileSync(path.join(ProjectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.dev-eu.yaml"), fixtureText("staging"));
    const { file, config } = readStackConfig(dir, "dev-eu");
    expect(file).toBe("Pulumi.dev-eu.yaml");
    expect(parseStackSpec(config, { stack: "dev-eu", file }).cloudRun["mixillo-backend"].maxInstances).toBe(3);
  });

  test("GIVEN omitted optional keys WHEN parsed THEN the schema's defaults apply", () => {
    const config = edited(`${Service}.concurrency`, undefined);
    setPath(config, `${Service}.ingress`, undefined);
    const service = parseStackSpec(config, { stack: "prod", file: StackFile.prod }).cloudRun["mixillo-backend"];
    expect(service.concurrency).toBe(80);
    expect(service.ingress).toBe("internal");
  });
});

describe("stack spec: bad input is rejected with file, key path, expectation and finding", () => {
  test("GIVEN a typo maxInstanes WHEN parsed THEN the unknown key is named with the closest valid key", () => {
    const config = edited(`${Service}.maxInstanes`, 20);
    const message = specErrors(config);
    expect(message).toContain(`${StackFile.prod}: ${Service}.maxInstanes: unknown key; did you mean "maxInstances"?`);
  });

  test("GIVEN an unknown top-level key WHEN parsed THEN it is rejected with a suggestion", () => {
    const message = specErrors(setPath(stackConfig("prod"), "platform:cloudrun", {}));
    expect(message).toContain(`${StackFile.prod}: platform:cloudrun: unknown key; did you mean "platform:cloudRun"?`);
  });

  test("GIVEN a string where a count belongs WHEN parsed THEN the type is named", () => {
    const message = specErrors(edited(`${Service}.maxInstances`, "ten"));
    expect(message).toContain(`${StackFile.prod}: ${Service}.maxInstances: expected an instance count from 1 to 1000, found "ten"`);
  });

  test("GIVEN a negative count WHEN parsed THEN the range is named", () => {
    const message = specErrors(edited(`${Service}.minInstances`, -1));
    expect(message).toContain(`${StackFile.prod}: ${Service}.minInstances: expected an instance count from 0 to 1000, found -1 (a number)`);
  });

  test("GIVEN min above max WHEN parsed THEN the cross-field rule names both", () => {
    const message = specErrors(edited(`${Service}.minInstances`, 12));
    expect(message).toContain(`${StackFile.prod}: ${Service}.minInstances: expected at most maxInstances (10), found 12`);
  });

  test("GIVEN a pinned revision of another service WHEN parsed THEN it is rejected", () => {
    const message = specErrors(edited(`${Service}.traffic`, { pinRevision: "fixzit-api-00012-abc" }));
    expect(message).toContain(
      `${Service}.traffic.pinRevision: expected a revision of mixillo-backend (mixillo-backend-NNNNN-xxx), found "fixzit-api-00012-abc"`,
    );
  });

  test("GIVEN a traffic split that does not add up WHEN parsed THEN the split is rejected", () => {
    const split = [
      { revision: "mixillo-backend-00075-82j", percent: 80 },
      { latest: true, percent: 10, tag: "canary" },
    ];
    expect(specErrors(edited(`${Service}.traffic`, { split }))).toContain(`${Service}.traffic.split: expected percentages that add up to 100, found 90`);
  });

  test("GIVEN a secret env var naming an undeclared secret WHEN parsed THEN the closest declared one is suggested", () => {
    const message = specErrors(edited(`${Service}.secretEnv.JWT_SECRET.secret`, "JWT_SECRT"));
    expect(message).toContain(
      `${Service}.secretEnv.JWT_SECRET.secret: expected a secret declared under platform:secrets, found "JWT_SECRT"; did you mean "JWT_SECRET"?`,
    );
  });

  test("GIVEN a secret also set as a plain env value WHEN parsed THEN it is rejected", () => {
    const message = specErrors(edited(`${Service}.env.MONGODB_URI`, "mongodb+srv://user:pass@host/db"));
    expect(message).toContain(`${Service}.secretEnv.MONGODB_URI: expected a name not also set in env`);
  });

  test("GIVEN an image tagged :latest WHEN parsed THEN an unpinned image is rejected", () => {
    const message = specErrors(edited(`${Service}.image`, "europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend:latest"));
    expect(message).toContain(`${Service}.image: expected an image pinned by tag or digest`);
  });

  test("GIVEN memory Cloud Run cannot give 2 CPUs WHEN parsed THEN the ceiling is named", () => {
    expect(specErrors(edited(`${Service}.memory`, "16Gi"))).toContain(`${Service}.memory: expected at most 8Gi with cpu 2, found 16Gi`);
  });

  test.each([
    ["4 CPUs with 512Mi (4 need 2Gi)", 4, "512Mi", "expected at least 2Gi with cpu 4, found 512Mi"],
    ["8 CPUs with 2Gi (8 need 4Gi)", 8, "2Gi", "expected at least 4Gi with cpu 8, found 2Gi"],
    ["a quarter CPU with 1Gi (over 512Mi needs half a CPU)", 0.25, "1Gi", "expected at most 512Mi with cpu 0.25, found 1Gi"],
    ["half a CPU with 2Gi (over 1Gi needs a whole one)", 0.5, "2Gi", "expected at most 1Gi with cpu 0.5, found 2Gi"],
  ])("GIVEN %s WHEN parsed THEN the memory Cloud Run takes with that CPU is named", (_name, cpu, memory, expected) => {
    const config = edited(`${Service}.cpu`, cpu);
    setPath(config, `${Service}.memory`, memory);
    setPath(config, `${Service}.concurrency`, 1);
    expect(specErrors(config)).toContain(`${Service}.memory: ${expected}`);
  });

  test("GIVEN an encrypted secure: value WHEN parsed THEN the message says where secrets belong", () => {
    const message = specErrors(edited(`${Service}.env.API_KEY`, { secure: "v1:abc" }));
    expect(message).toContain(`${Service}.env.API_KEY: expected a string (quote numbers and booleans), found an encrypted secure: value`);
  });

  test("GIVEN several problems WHEN parsed THEN all are reported together", () => {
    const config = edited(`${Service}.maxInstanes`, 20);
    setPath(config, `${Service}.minInstances`, -1);
    setPath(config, "platform:gcp.region", "Europe West");
    const message = specErrors(config);
    expect(message).toMatch(/^Pulumi\.prod\.yaml is not a valid stack file \(3 errors\):/);
    expect(message).toContain(`${Service}.maxInstanes`);
    expect(message).toContain(`${Service}.minInstances`);
    expect(message).toContain("platform:gcp.region: expected a GCP region such as europe-west1");
  });

  test("GIVEN a missing required key WHEN parsed THEN it is named as missing", () => {
    expect(specErrors(edited(`${Service}.healthPath`, undefined))).toContain(`${Service}.healthPath: missing; expected an absolute HTTP path such as /health`);
  });
});

describe("stack spec: stack files that cannot be read", () => {
  function projectWith(stackFile: string, text: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-"));
    fs.copyFileSync(path.join(ProjectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, stackFile), text);
    return dir;
  }

  test("GIVEN a YAML syntax error WHEN read THEN the file, line and column are named", () => {
    const dir = projectWith("Pulumi.broken.yaml", "config:\n  platform:environment: prod\n   platform:owner: [unclosed\n");
    expect(() => readStackConfig(dir, "broken")).toThrow(/Pulumi\.broken\.yaml: line \d+, column \d+: YAML syntax error/);
  });

  test("GIVEN a key written twice WHEN read THEN it is an error, not a silent override", () => {
    const dir = projectWith("Pulumi.twice.yaml", "config:\n  platform:owner: a\n  platform:owner: b\n");
    expect(() => readStackConfig(dir, "twice")).toThrow(/Pulumi\.twice\.yaml: .*YAML syntax error: Map keys must be unique/);
  });

  test("GIVEN no stack file WHEN read THEN the message names it and lists the stacks there", () => {
    expect(() => readStackConfig(FixtureDir, "prdo")).toThrow("Pulumi.prdo.yaml: stack file not found in");
    expect(() => readStackConfig(FixtureDir, "prdo")).toThrow(/stacks here: prod, staging$/);
  });
});

describe("stack spec: nothing is created from an invalid spec", () => {
  test("GIVEN an invalid stack WHEN the program runs THEN no resource but the root stack is registered and the error has no stack trace", async () => {
    const run = await runStack("prod", edited(`${Service}.minInstances`, 12));
    expect(run.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0].message).toContain(`${StackFile.prod}: ${Service}.minInstances: expected at most maxInstances (10), found 12`);
    expect(run.errors[0].message).not.toMatch(/\n\s+at /);
  });
});

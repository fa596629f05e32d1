import * as fs from "fs";
import * as path from "path";
import { membersOf, Suites, suiteOf, TestDir } from "./suites/members";

/** `npm test` runs the test files through test/suites/ (jest.suite.config.js): none may be left out. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest's configuration is CommonJS
const [config, perFile] = [require("../jest.suite.config.js"), require("../jest.config.js")];
const testFiles = fs.readdirSync(TestDir).filter((f) => f.endsWith(".test.ts"));
const entries = fs.readdirSync(path.join(TestDir, "suites")).filter((f) => f.endsWith(".suite.ts"));

describe("the test suites npm test runs", () => {
  test("GIVEN every test file WHEN the suites are listed THEN each file is in exactly one of them", () => {
    const listed = Suites.flatMap(([suite]) => membersOf(suite).map((f) => path.basename(f)));
    expect([...listed].sort()).toEqual([...testFiles].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  test("GIVEN each suite WHEN its jest file is looked for THEN there is one, and no jest file names a suite that does not exist", () => {
    expect(entries.sort()).toEqual(Suites.map(([suite]) => `${suite}.suite.ts`).sort());
    for (const [suite] of Suites) expect(fs.readFileSync(path.join(TestDir, "suites", `${suite}.suite.ts`), "utf8")).toContain(`runSuite("${suite}")`);
  });

  test("GIVEN jest.suite.config.js WHEN jest looks for tests THEN it finds the suites' jest files only, with jest.config.js's settings", () => {
    expect(config.roots).toEqual(["<rootDir>/test/suites"]);
    expect(config.testMatch).toEqual(["**/*.suite.ts"]);
    expect(config.transform).toEqual(perFile.transform);
  });

  test("GIVEN a file name no pattern names WHEN placed THEN it falls to the program suite, so a new test file is never skipped", () => {
    expect(suiteOf("somethingNew.test.ts")).toBe("program");
    expect(suiteOf("ops.somethingNew.test.ts")).toBe("changes");
  });
});

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Build, buildProblem, stampBuild } from "../tools/build/builds";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "build-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project with two source files; `built` adds their build output. */
function project(): { dir: string; build: Build } {
  const dir = fs.mkdtempSync(path.join(tmp, "p"));
  fs.mkdirSync(path.join(dir, "policies", "rules"), { recursive: true });
  fs.writeFileSync(path.join(dir, "policies", "index.ts"), "export const x = 1;\n");
  fs.writeFileSync(path.join(dir, "policies", "rules", "a.ts"), "export const a = 1;\n");
  return { dir, build: { name: "the policy pack", outDir: "policies/bin", entry: "policies/bin/index.js", sources: ["policies"] } };
}
const built = (dir: string, build: Build) => {
  fs.mkdirSync(path.join(dir, build.outDir), { recursive: true });
  fs.writeFileSync(path.join(dir, build.entry), "exports.x = 1;\n");
  stampBuild(dir, build);
};

describe("the builds the CLI runs (npm run check:build)", () => {
  test("GIVEN no policies/bin WHEN checked THEN it is refused: the CLI would run policies/index.ts through ts-node", () => {
    const { dir, build } = project();
    expect(buildProblem(dir, build)).toBe("policies/bin/index.js is missing: the policy pack is not built (npm run build)");
  });

  test("GIVEN a build made from these sources WHEN checked THEN it passes", () => {
    const { dir, build } = project();
    built(dir, build);
    expect(buildProblem(dir, build)).toBeUndefined();
  });

  test("GIVEN a source changed after the build WHEN checked THEN the stale build is refused", () => {
    const { dir, build } = project();
    built(dir, build);
    fs.writeFileSync(path.join(dir, "policies", "rules", "a.ts"), "export const a = 2;\n");
    expect(buildProblem(dir, build)).toBe("policies/bin/ was built from other sources than these: rebuild the policy pack (npm run build)");
  });

  test("GIVEN a source added after the build WHEN checked THEN the stale build is refused", () => {
    const { dir, build } = project();
    built(dir, build);
    fs.writeFileSync(path.join(dir, "policies", "rules", "b.ts"), "export const b = 1;\n");
    expect(buildProblem(dir, build)).toContain("was built from other sources");
  });

  test("GIVEN a build not made by npm run build (no digest) WHEN checked THEN it is refused", () => {
    const { dir, build } = project();
    built(dir, build);
    fs.rmSync(path.join(dir, build.outDir, ".source-digest"));
    expect(buildProblem(dir, build)).toBe("policies/bin/ has no .source-digest: it was not made by npm run build");
  });
});

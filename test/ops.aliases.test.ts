import { applyEdits, YamlEditError } from "../tools/ops/yamlEdit";
import { ExitCode } from "../tools/plan/exitCodes";
import { fixtureText, StackFile } from "./harness";
import { ops, projectCopy, read } from "./opsHarness";

/**
 * An edit changes exactly the key it names: a node that YAML shares between keys (an anchor and its
 * aliases, a merge key) is refused rather than edited for every key that shares it.
 */

const Generate = 'generate:\n        length: 64\n        rotation: "2025-11-22"\n';
const S = "platform:secrets";

/** The four generated Spilt Tea secrets sharing one `generate` block through an anchor. */
function sharedGenerateBlocks(): string {
  let seen = 0;
  const text = fixtureText("prod", ["docker"]).replace(/generate:\n {8}length: 64\n {8}rotation: "2025-11-22"\n/g, (block) =>
    ++seen === 1 ? block.replace("generate:", "generate: &generated") : "generate: *generated\n",
  );
  expect(seen).toBe(4);
  return text;
}

describe("an edit through a shared YAML node is refused and the file is byte-identical", () => {
  test("GIVEN generate blocks shared by an anchor WHEN the anchor's secret is rotated THEN exit 2 naming every alias, nothing written", async () => {
    const p = await projectCopy("prod", { areas: ["docker"], text: sharedGenerateBlocks() });
    const r = await ops(p.dir, "rotate", "SPILTTEA_POSTGRES_PASSWORD", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(
      `error: ${StackFile.prod}: ${S}.SPILTTEA_POSTGRES_PASSWORD.generate carries the anchor &generated, which ${S}.SPILTTEA_REDIS_PASSWORD.generate, ${S}.SPILTTEA_JWT_SECRET.generate, ${S}.SPILTTEA_JWT_REFRESH_SECRET.generate refer to (*generated): an edit there would change them too; write the shared block out in full under each key that uses it, then run this again\nnothing written.`,
    );
    expect(r.out).toBe("");
    expect(read(p.file)).toBe(p.original);
  });

  test("GIVEN the same file WHEN a secret that is an alias is rotated THEN exit 2 naming the anchor and the other aliases", async () => {
    const p = await projectCopy("prod", { areas: ["docker"], text: sharedGenerateBlocks() });
    const r = await ops(p.dir, "rotate", "SPILTTEA_JWT_SECRET", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain(
      `${S}.SPILTTEA_JWT_SECRET.generate is *generated, an alias: an edit there would also change ${S}.SPILTTEA_POSTGRES_PASSWORD.generate, ${S}.SPILTTEA_REDIS_PASSWORD.generate, ${S}.SPILTTEA_JWT_REFRESH_SECRET.generate, which share &generated`,
    );
    expect(read(p.file)).toBe(p.original);
  });

  test("GIVEN the same file WHEN a key no alias reaches is edited THEN it is edited as usual", async () => {
    const p = await projectCopy("prod", { areas: ["docker"], text: sharedGenerateBlocks() });
    const r = await ops(p.dir, "backup", "spilttea", "--retention-days", "14", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Clean);
    expect(read(p.file)).toBe(p.original.replace("retentionDays: 7", "retentionDays: 14"));
  });
});

describe("the editor itself", () => {
  const text = ["config:", "  platform:a:", "    base: &base", "      x: 1", "    one:", "      <<: *base", "      y: 2", "    two: *base", ""].join("\n");

  test.each<[string, string[], string]>([
    ["a key in a map that merges another", ["platform:a", "one", "x"], "platform:a.one takes keys from a merge (<<), which other keys may share"],
    [
      "a key below an alias",
      ["platform:a", "two", "x"],
      'platform:a.two is *base, an alias: an edit there would also change platform:a.base, platform:a.one["<<"]',
    ],
    [
      "a key of an anchored map",
      ["platform:a", "base", "x"],
      'platform:a.base carries the anchor &base, which platform:a.one["<<"], platform:a.two refer to (*base)',
    ],
  ])("GIVEN %s WHEN set THEN refused, naming the keys that share it", (_, path, message) => {
    expect(() => applyEdits(text, [{ path, value: 3 }])).toThrow(YamlEditError);
    expect(() => applyEdits(text, [{ path, value: 3 }])).toThrow(message);
  });

  test("GIVEN a map holding an anchor an alias uses WHEN removed THEN refused: the alias would be left dangling", () => {
    expect(() => applyEdits(text, [{ path: ["platform:a", "base"], remove: true }])).toThrow("would change them too");
  });

  test("GIVEN anchors no alias refers to WHEN edited THEN the edit is made", () => {
    const lone = ["config:", "  platform:a:", "    base: &base", "      x: 1", ""].join("\n");
    expect(applyEdits(lone, [{ path: ["platform:a", "base", "x"], value: 2 }]).text).toBe(lone.replace("x: 1", "x: 2"));
  });
});

test("GIVEN the fixture's generate blocks WHEN counted THEN they are the four the shared-anchor cases rewrite", () => {
  expect(fixtureText("prod", ["docker"]).split(Generate).length - 1).toBe(4);
});

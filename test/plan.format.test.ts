import { diffValues, PropertyChange } from "../tools/plan/diff";
import { listKeys } from "../tools/plan/listKeys";
import { changedPart } from "../tools/plan/render/changedPart";
import { changeLines } from "../tools/plan/render/format";

const diff = (a: unknown, b: unknown): PropertyChange[] => {
  const out: PropertyChange[] = [];
  diffValues(a, b, "list", out);
  return out;
};

describe("a long string shows the part that changed", () => {
  test("GIVEN two image references differing in their digest WHEN cut THEN both whole digests remain, after the `@`", () => {
    const [a, b] = ["0".repeat(64), "f".repeat(64)].map((d) => `europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend@sha256:${d}`);
    expect(changedPart(a, b)).toEqual([`…@sha256:${"0".repeat(64)}`, `…@sha256:${"f".repeat(64)}`]);
  });

  test("GIVEN two long URLs differing in one path segment WHEN cut THEN the segment and its neighbours show, cut at separators", () => {
    const url = (v: string) => `https://example.com/a/very/long/path/that/goes/on/and/on/and/on/to/the/end/${v}/resource?x=1`;
    expect(changedPart(url("v1"), url("v2"))).toEqual(["…the/end/v1/resource?x=1", "…the/end/v2/resource?x=1"]);
  });

  test("GIVEN strings of at most 80 characters WHEN cut THEN they are returned whole", () => {
    expect(changedPart("rezapp/merchant-backend:v1.2.3", "rezapp/merchant-backend:v1.2.4")).toEqual([
      "rezapp/merchant-backend:v1.2.3",
      "rezapp/merchant-backend:v1.2.4",
    ]);
  });
});

describe("lists of named things are paired by name", () => {
  test("GIVEN env vars with one added in the middle WHEN diffed THEN one add at the new index", () => {
    const before = [
      { name: "A", value: "1" },
      { name: "C", value: "3" },
    ];
    const after = [
      { name: "A", value: "1" },
      { name: "B", value: "2" },
      { name: "C", value: "3" },
    ];
    expect(diff(before, after)).toEqual([{ path: "list[1]", kind: "add", new: { name: "B", value: "2" }, inputDiff: true }]);
  });

  test("GIVEN an env var renamed in place WHEN diffed THEN it is one update of its name at its index", () => {
    expect(diff([{ name: "A", value: "1" }], [{ name: "B", value: "1" }])).toEqual([
      { path: "list[0].name", kind: "update", old: "A", new: "B", inputDiff: true, label: "list B" },
    ]);
  });

  test("GIVEN the same elements in another order WHEN diffed THEN one order change, nothing else", () => {
    expect(diff(["x", "y"], ["y", "x"])).toEqual([{ path: "list", kind: "update", old: ["x", "y"], new: ["y", "x"], inputDiff: true, label: "order" }]);
  });

  test("GIVEN a list whose elements repeat (a healthcheck command) WHEN keyed THEN none: it is compared by position", () => {
    expect(listKeys(["CMD", "node", "CMD"], ["CMD", "node"])).toBeUndefined();
    expect(diff(["CMD", "a", "CMD"], ["CMD", "b", "CMD"])).toEqual([{ path: "list[1]", kind: "update", old: "a", new: "b", inputDiff: true }]);
  });

  test("GIVEN Cloud Run traffic targets and Docker `KEY=value` env entries WHEN keyed THEN by revision (or latest) and by KEY", () => {
    const latest = { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 10 };
    const pinned = { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: "r-1", percent: 90 };
    expect(listKeys([latest], [pinned, latest])!.keyOf(pinned)).toBe("r-1");
    expect(listKeys(["A=1", "B=2"], ["A=3"])!.keyOf("A=3")).toBe("A");
  });
});

describe("changes as lines", () => {
  test("GIVEN a change of a long value WHEN the line would not fit THEN old and new go on their own lines, under the path", () => {
    const c: PropertyChange = {
      path: "template.containers[0].image",
      kind: "update",
      old: `img@sha256:${"0".repeat(64)}`,
      new: `img@sha256:${"1".repeat(64)}`,
      inputDiff: true,
    };
    expect(changeLines(c)).toEqual({
      first: "~ template.containers[0].image:",
      more: [`- "img@sha256:${"0".repeat(64)}"`, `+ "img@sha256:${"1".repeat(64)}"`],
    });
  });

  test("GIVEN an option listing URNs (dependencies) WHEN changed THEN the names added and removed", () => {
    const c: PropertyChange = { path: "(dependencies)", kind: "update", old: ["urn:a::x", "urn:a::y"], new: ["urn:a::x", "urn:a::z"], inputDiff: false };
    expect(changeLines(c).first).toBe("~ (dependencies): + z, - y");
  });
});

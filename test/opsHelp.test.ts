import { terminalWidth, wrap, wrapCommand } from "../tools/cli/wrapText";
import { generalHelp, procedureHelp } from "../tools/ops/help";
import { procedureNames } from "../tools/ops/registry";

// A line may pass the width only when it holds one word that cannot be broken (an image digest), and
// then only by that word's overflow.
const tooWide = (text: string, width: number) =>
  text.split("\n").filter((line) => line.length > width && line.trim().replace(/ \\$/, "").split(" ").length > 1);

// What the help says, whatever the width: its words (the command continuations aside). Sorted: a
// command's comment moves above it when the command does not fit.
const words = (text: string) =>
  text
    .split(/\s+/)
    .filter((w) => w && w !== "\\")
    .sort();

describe("`npm run ops -- --help` fits the terminal", () => {
  const helps = (width: number) => [["--help", generalHelp(width)], ...procedureNames().map((n) => [`${n} --help`, procedureHelp(n, width)])];

  test.each([80, 60, 120])("GIVEN %i columns WHEN every help is printed THEN no line is wider", (width) => {
    for (const [what, text] of helps(width)) expect({ what, lines: tooWide(text, width) }).toEqual({ what, lines: [] });
  });

  test("GIVEN 80 and 200 columns WHEN printed THEN the help says the same words", () => {
    const [narrow, wide] = [helps(80), helps(200)];
    for (const [i, [what, text]] of narrow.entries()) expect({ what, words: words(text) }).toEqual({ what, words: words(wide[i][1]) });
  });

  test("GIVEN output that is not a terminal WHEN the width is asked THEN 80; a terminal gives its columns", () => {
    expect(terminalWidth({ isTTY: false, columns: 200 })).toBe(80);
    expect(terminalWidth({})).toBe(80);
    expect(terminalWidth({ isTTY: true, columns: 132 })).toBe(132);
  });
});

describe("wrapping", () => {
  test("GIVEN a long sentence WHEN wrapped THEN a hanging indent and no word cut", () => {
    expect(wrap("one two three four five", 10, "- ", "  ")).toEqual(["- one two", "  three", "  four", "  five"]);
    expect(wrap("a-very-long-word x", 5, "")).toEqual(["a-very-long-word", "x"]);
  });

  test("GIVEN a long command with a comment WHEN wrapped THEN the comment goes above and quoted words stay whole", () => {
    const lines = wrapCommand('npm run ops -- maintenance fixzit on --message "until 10:00 GMT" --stack prod   # planned', 40, "  ");
    expect(lines[0]).toBe("  # planned");
    expect(lines.slice(1, -1).every((l) => l.endsWith(" \\"))).toBe(true);
    expect(lines.some((l) => l.includes('"until 10:00 GMT"'))).toBe(true);
    expect(words(lines.slice(1).join(" "))).toEqual(words('npm run ops -- maintenance fixzit on --message "until 10:00 GMT" --stack prod'));
  });
});

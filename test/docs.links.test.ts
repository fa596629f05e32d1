import * as fs from "fs";
import * as path from "path";
import { ProjectDir } from "./harness";

/** README.md and every page under docs/, by path from the repository root. */
function pages(): string[] {
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(path.join(ProjectDir, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : []));
  return ["README.md", ...walk("docs")];
}

// Links outside code: a `[text](target)` in a code span or block is an example, not a link.
const withoutCode = (text: string) => text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
const links = (text: string) => [...withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as '-', repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of withoutCodeBlocks(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}
const withoutCodeBlocks = (text: string) => text.replace(/```[\s\S]*?```/g, "");

describe("links in README.md and docs/", () => {
  test.each(pages())("GIVEN %s WHEN its relative links are followed THEN each file, and each heading it names, exists", (page) => {
    const text = fs.readFileSync(path.join(ProjectDir, page), "utf8");
    const broken = links(text)
      .filter((l) => !/^[a-z]+:/.test(l))
      .filter((link) => {
        const [file, anchor] = link.split("#");
        const target = file ? path.join(path.dirname(path.join(ProjectDir, page)), file) : path.join(ProjectDir, page);
        if (!fs.existsSync(target)) return true;
        return anchor !== undefined && target.endsWith(".md") && !anchors(fs.readFileSync(target, "utf8")).has(anchor);
      });
    expect(broken).toEqual([]);
  });

  test("GIVEN README.md WHEN read THEN it links every page under docs/", () => {
    const readme = fs.readFileSync(path.join(ProjectDir, "README.md"), "utf8");
    const linked = new Set(links(readme).map((l) => path.normalize(l.split("#")[0])));
    expect(pages().filter((p) => p !== "README.md" && !linked.has(p))).toEqual([]);
  });
});

import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * What the CLI runs is compiled JavaScript: the program from `bin/` (Pulumi.yaml `main: bin/`), the
 * policy pack from `policies/bin/` (policies/package.json `main`). Without a policy build the CLI
 * falls back to running policies/index.ts through ts-node with only a warning, and a build left over
 * from other sources runs old code silently. Each build therefore records a digest of the sources it
 * was made from, and `npm run check:build` (run by CI right before `pulumi`) refuses a missing or
 * stale one.
 */
export interface Build {
  /** For messages: "the program", "the policy pack". */
  name: string;
  /** The build's output directory, relative to the project. */
  outDir: string;
  /** The file the CLI starts. */
  entry: string;
  /** Source roots (files or directories of .ts files), relative to the project. */
  sources: string[];
}

const Shared = ["package-lock.json", "tsconfig.json"];

export const Builds: Build[] = [
  { name: "the program", outDir: "bin", entry: "bin/index.js", sources: ["index.ts", "stacks", "components", "tsconfig.build.json", ...Shared] },
  { name: "the policy pack", outDir: "policies/bin", entry: "policies/bin/index.js", sources: ["policies", ...Shared] },
];

export const DigestFile = ".source-digest";

function sourceFiles(projectDir: string, root: string, outDir: string): string[] {
  const full = path.join(projectDir, root);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [root];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(root, entry.name);
    if (entry.isDirectory()) return rel === outDir || entry.name === "node_modules" ? [] : sourceFiles(projectDir, rel, outDir);
    return /\.(ts|json)$/.test(entry.name) ? [rel] : [];
  });
}

/** sha256 over each source file's path and content, in path order. */
export function sourceDigest(projectDir: string, build: Build): string {
  const hash = createHash("sha256");
  const files = [...new Set(build.sources.flatMap((root) => sourceFiles(projectDir, root, build.outDir)))].sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(projectDir, file)))
      .update("\0");
  return hash.digest("hex");
}

export function stampBuild(projectDir: string, build: Build): void {
  fs.writeFileSync(path.join(projectDir, build.outDir, DigestFile), `${sourceDigest(projectDir, build)}\n`);
}

/** Why the build cannot be run as it is, or undefined when it was made from the sources here. */
export function buildProblem(projectDir: string, build: Build): string | undefined {
  if (!fs.existsSync(path.join(projectDir, build.entry))) return `${build.entry} is missing: ${build.name} is not built (npm run build)`;
  const stamp = path.join(projectDir, build.outDir, DigestFile);
  const recorded = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : undefined;
  if (recorded === undefined) return `${build.outDir}/ has no ${DigestFile}: it was not made by npm run build`;
  if (recorded !== sourceDigest(projectDir, build)) return `${build.outDir}/ was built from other sources than these: rebuild ${build.name} (npm run build)`;
  return undefined;
}

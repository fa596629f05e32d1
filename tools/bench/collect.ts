import * as path from "path";
import { program } from "../../stacks/program";
import { main } from "../plan/main";

/**
 * Runs one `plan prod` in this process (started the way `npm run plan` starts, after a warm-up run) and
 * prints the package files it loaded, in load order: the floor process requires exactly these, so the
 * ratio measures the plan's own work. The plan's own generated files under node_modules/.cache (the
 * transpiled TypeScript, the stack schema's validator) are the plan's work, not a package's: left out.
 */
const NodeModules = `${path.sep}node_modules${path.sep}`;
const Cache = `${NodeModules}.cache${path.sep}`;
main(["prod", "--json"], { out: () => undefined, err: () => undefined }, { program }).then(() => {
  const files = Object.keys(require.cache).filter((f) => f.includes(NodeModules) && !f.includes(Cache));
  process.stdout.write(JSON.stringify(files));
});

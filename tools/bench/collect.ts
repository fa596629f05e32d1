import { program } from "../../stacks/program";
import { main } from "../plan/main";

/**
 * Runs one `plan prod` in this process and prints the node_modules files it loaded, in load order:
 * the floor process requires exactly these, so the ratio measures the plan's own work.
 */
main(["prod", "--json"], { out: () => undefined, err: () => undefined }, { program }).then(() => {
  const files = Object.keys(require.cache).filter((f) => f.includes(`${require("path").sep}node_modules${require("path").sep}`));
  process.stdout.write(JSON.stringify(files));
});

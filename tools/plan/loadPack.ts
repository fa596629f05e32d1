import * as fs from "fs";
import * as path from "path";
import { PolicyPackRun } from "./policies";

/**
 * The policy pack of this repository (`policies/pack.ts`: `packName`, `policies`) with the stack's
 * `policies/config/<stack>.json`; undefined when the pack does not exist. A stack without a config
 * file runs the policies at their own levels, as `pulumi preview --policy-pack` would.
 */
export function loadPack(codeDir: string, stack: string): PolicyPackRun | undefined {
  const packFile = path.join(codeDir, "policies", "pack.ts");
  if (!fs.existsSync(packFile)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when it exists
  const pack = require(packFile) as Partial<Pick<PolicyPackRun, "packName" | "policies">>;
  if (typeof pack.packName !== "string" || !Array.isArray(pack.policies)) throw new PackConfigError(`${packFile} must export packName and policies`);
  const configFile = path.join(codeDir, "policies", "config", `${stack}.json`);
  let config = {};
  if (fs.existsSync(configFile)) {
    try {
      config = JSON.parse(fs.readFileSync(configFile, "utf8"));
    } catch (error) {
      throw new PackConfigError(`policies/config/${stack}.json: not valid JSON (${(error as Error).message})`);
    }
  }
  return { packName: pack.packName, policies: pack.policies, config };
}

export class PackConfigError extends Error {}

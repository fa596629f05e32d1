import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";

/**
 * A temporary project whose prod stack has `copies` Cloud Run services: the prod service and
 * `copies - 1` copies of it, each with its own copies of the service's secrets.
 */
export function generateProject(codeDir: string, copies: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `plan-bench-${copies}x-`));
  fs.copyFileSync(path.join(codeDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const doc = parseDocument(fs.readFileSync(path.join(codeDir, "Pulumi.prod.yaml"), "utf8"));
  // The bench's own copy of prod's config, edited as plain JSON.
  const config = doc.toJS().config as Record<string, Record<string, Record<string, unknown>>>;
  const services = config["platform:cloudRun"];
  const secrets = config["platform:secrets"];
  const original = services["mixillo-backend"];
  for (let i = 2; i <= copies; i++) {
    const copy = JSON.parse(JSON.stringify(original));
    // Copies are private, so the prod policy config (one public service) still passes.
    copy.public = false;
    copy.ingress = "internal";
    for (const ref of Object.values(copy.secretEnv ?? {}) as { secret: string }[]) {
      const id = `${ref.secret}_${i}`;
      secrets[id] = JSON.parse(JSON.stringify(secrets[ref.secret]));
      ref.secret = id;
    }
    services[`mixillo-backend-${i}`] = copy;
  }
  fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), JSON.stringify({ config }, null, 2));
  return dir;
}

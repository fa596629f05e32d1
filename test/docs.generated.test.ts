import * as fs from "fs";
import * as path from "path";
import { exampleRun } from "../tools/docs/opsReference";
import { generatedPages } from "../tools/docs/pages";
import { stackFileKeys } from "../tools/docs/stackFileReference";
import { allProcedures } from "../tools/ops/registry";
import { ProjectDir } from "./harness";

describe("the generated reference pages", () => {
  // Regenerated in memory: a change of the schema or of a procedure fails here until `npm run docs` runs.
  test.each(Object.entries(generatedPages()))(
    "GIVEN %s WHEN made again from the code THEN the committed page is the same (else: npm run docs)",
    (page, render) => {
      expect(fs.readFileSync(path.join(ProjectDir, page), "utf8")).toBe(render());
    },
  );

  test("GIVEN the stack-file schema WHEN walked THEN every area, record entry and default is listed", () => {
    const rows = new Map(stackFileKeys().map((r) => [r.path, r]));
    expect(rows.get("platform:cloudRun.<name>.concurrency")).toEqual({
      path: "platform:cloudRun.<name>.concurrency",
      type: "integer",
      default: "`80`",
      constraint: "requests per instance from 1 to 1000",
    });
    expect(rows.get("platform:cloudRun.<name>.image")?.default).toBe("required");
    expect(rows.get("platform:cloudRun.<name>.traffic")?.default).toBe("");
    expect(rows.get("platform:cloudRun")?.constraint).toMatch(/^keys: a Cloud Run service name/);
    for (const area of ["secrets", "cloudRun", "vercel", "kubernetes", "oncall", "monitoring", "docker", "atlas"])
      expect(rows.has(`platform:${area}`)).toBe(true);
  });

  test.each(allProcedures.map((p) => [`${p.name} (${p.kinds.join("|")})`, p] as const))(
    "GIVEN the procedure %s WHEN one of its examples runs on the baseline THEN it edits a key and names the runbook step",
    (_, procedure) => {
      const run = exampleRun(procedure);
      expect(run?.change.edits.length).toBeGreaterThan(0);
      expect(run?.change.replaces.length).toBeGreaterThan(0);
    },
  );
});

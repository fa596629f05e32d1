import * as fs from "fs";
import * as path from "path";
import { resolveTarget } from "../tools/ops/resolve";
import { allKinds, allProcedures, kindsOf, procedureNames, variantsOf } from "../tools/ops/registry";
import { Steps } from "../tools/opsCheck/steps";
import { ProjectDir, stackConfig, StackFile } from "./harness";

// `npm run check:ops` replays tools/opsCheck/steps.ts on the live stacks; these keep that list whole.
describe("the steps of check:ops", () => {
  const config = stackConfig("prod");
  const kindOf = (argv: string[]): string => {
    const kindFlag = argv.indexOf("--kind");
    return resolveTarget(argv[1], kindsOf(variantsOf(argv[0])), config, StackFile.prod, kindFlag >= 0 ? argv[kindFlag + 1] : undefined, allKinds).kind;
  };

  test.each(allProcedures.map((p) => [`${p.name} (${p.kinds.join("|")})`, p] as const))(
    "GIVEN the registered procedure %s WHEN check:ops runs THEN a step exercises it",
    (_, procedure) => {
      const steps = Steps.filter((s) => s.argv[0] === procedure.name && procedure.kinds.includes(kindOf(s.argv)));
      expect(steps.map((s) => s.argv.join(" "))).not.toEqual([]);
    },
  );

  test("GIVEN every step WHEN resolved on the baseline prod stack THEN it names a procedure and one of its targets", () => {
    for (const step of Steps) {
      expect(procedureNames()).toContain(step.argv[0]);
      expect(() => kindOf(step.argv)).not.toThrow();
    }
  });

  test("GIVEN the runbook → ops table of docs/ops.md WHEN read THEN every procedure it names has a step", () => {
    const page = fs.readFileSync(path.join(ProjectDir, "docs", "ops.md"), "utf8");
    const table = page.split("## Runbook procedure → `ops` command")[1].split("\n## ")[0];
    const rows = table.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Runbook procedure") && !line.startsWith("|---"));
    const named = rows.flatMap((row) => [...row.split(" | ")[1].matchAll(/`([a-z-]+) /g)].map((m) => m[1])).filter((word) => procedureNames().includes(word));
    expect(rows.length).toBeGreaterThan(20);
    expect(new Set(named).size).toBeGreaterThan(15);
    expect([...new Set(named)].filter((name) => !Steps.some((s) => s.argv[0] === name))).toEqual([]);
  });
});

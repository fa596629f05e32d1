import * as fs from "fs";
import * as path from "path";
import { resolveConfig } from "../policies/evaluate";
import { packName } from "../policies/pack";
import { packConfig, policies } from "./policyHarness";

const Stacks = ["prod", "staging"];
const ConfigReadme = fs.readFileSync(path.resolve(__dirname, "..", "policies", "config", "README.md"), "utf8");

/** Rows of the README's exception table: stack → policy → level. */
function documented(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of ConfigReadme.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length >= 6 && Stacks.includes(cells[1]) && cells[4].length > 10) rows.set(`${cells[1]}/${cells[2]}`, cells[3]);
  }
  return rows;
}

describe("the policies' own metadata", () => {
  test("GIVEN the pack WHEN listed THEN names are unique and valid, and every policy has a description, severity, level and remediation", () => {
    expect(packName).toMatch(/^[a-zA-Z0-9-_.]{1,100}$/);
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of policies) {
      expect({
        name: p.name,
        ok: p.name !== "all" && p.description.length > 20 && !!p.severity && !!p.enforcementLevel && (p.remediationSteps ?? "").length > 20,
      }).toEqual({ name: p.name, ok: true });
    }
  });

  test("GIVEN every policy's config schema WHEN read THEN each threshold has a default and a description, and none is named enforcementLevel", () => {
    for (const p of policies) {
      for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
        expect({ key: `${p.name}.${key}`, hasDefault: "default" in schema, described: !!schema.description }).toEqual({
          key: `${p.name}.${key}`,
          hasDefault: key !== "enforcementLevel",
          described: true,
        });
      }
    }
  });
});

describe.each(Stacks)("policies/config/%s.json", (stack) => {
  test("GIVEN the file WHEN reconciled as the CLI does THEN every key names a policy and every value fits its schema", () => {
    expect(() => resolveConfig(policies, packConfig(stack))).not.toThrow();
  });

  test("GIVEN the file WHEN reconciled THEN every level that differs from the stack's default is explained in policies/config/README.md", () => {
    const stackDefault = stack === "prod" ? "mandatory" : "advisory";
    const resolved = resolveConfig(policies, packConfig(stack));
    const exceptions = [...resolved].filter(([, c]) => c.enforcementLevel !== stackDefault).map(([name, c]) => `${stack}/${name}: ${c.enforcementLevel}`);
    const rows = documented();
    expect(exceptions.filter((e) => rows.get(e.split(":")[0]) !== e.split(": ")[1])).toEqual([]);
    expect([...rows.keys()].filter((k) => k.startsWith(`${stack}/`) && !exceptions.some((e) => e.startsWith(`${k}:`)))).toEqual([]);
  });
});

describe("config mistakes", () => {
  test("GIVEN a misspelt threshold WHEN reconciled THEN the error names the policy, the key and the valid keys", () => {
    expect(() => resolveConfig(policies, { "cloud-run-image-pinned": { requireDigets: true } })).toThrow(
      /cloud-run-image-pinned.requireDigets: unknown property \(expected one of: requireDigest\)/,
    );
  });

  test("GIVEN an unknown policy name WHEN reconciled THEN the error names it", () => {
    expect(() => resolveConfig(policies, { "cloud-run-image-pined": "disabled" })).toThrow(/"cloud-run-image-pined" is not a policy of this pack/);
  });

  test("GIVEN a threshold of the wrong type WHEN reconciled THEN the error names the expected type", () => {
    expect(() => resolveConfig(policies, { "kubernetes-min-replicas": { minReplicas: "two" } })).toThrow(
      /kubernetes-min-replicas.minReplicas: expected integer, found "two"/,
    );
  });
});

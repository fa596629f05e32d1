import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { program } from "../stacks/program";
import { makePlan, Plan } from "../tools/plan/plan";
import { RecordedResource } from "../tools/plan/record";
import { readState, reviewedStatePath, writeState } from "../tools/plan/reviewedState";
import { renderTree } from "../tools/plan/render/tree";
import { fixtureProject } from "./harness";

/**
 * Issue 23 renamed what the code names: the Docker stack's children are named after the component
 * (`<stack>-container-<key>`, `<stack>-image-<key>`, `<stack>-volume-<key>`) and Cloud Run's type
 * token is `platform:cloudRun:Service`, each with an alias to its old URN. The reviewed state as the
 * code wrote it before is rebuilt here from today's, by the names of before written out below (not
 * from the aliases): volumes and containers by their key, images `<key>-image`, the component
 * `platform:cloudrun:Service`. Applied to the committed stacks when the renames were made, this
 * gave the committed plans/prod.json and plans/staging.json of that time, byte for byte.
 */
const OldDockerName: Record<string, (stack: string, name: string) => string | undefined> = {
  "docker:index/container:Container": (stack, name) => strip(name, `${stack}-container-`),
  "docker:index/remoteImage:RemoteImage": (stack, name) => {
    const key = strip(name, `${stack}-image-`);
    return key === undefined ? undefined : `${key}-image`;
  },
  "docker:index/volume:Volume": (stack, name) => strip(name, `${stack}-volume-`),
};
const strip = (name: string, prefix: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : undefined);
const oldChain = (urn: string) => urn.replace(/::platform:cloudRun:Service(?=[$:])/, "::platform:cloudrun:Service");

function stateBeforeRenames(resources: RecordedResource[]): RecordedResource[] {
  const oldUrn = new Map<string, string>();
  for (const r of resources) {
    const [prefix, project, chain, ...name] = oldChain(r.urn).split("::");
    const parentName = r.parent?.split("::").slice(3).join("::");
    const dockerName = r.parent?.split("::")[2] === "platform:docker:Stack" ? OldDockerName[r.type]?.(parentName!, name.join("::")) : undefined;
    oldUrn.set(r.urn, [prefix, project, chain, dockerName ?? name.join("::")].join("::"));
  }
  const old = (urn: string) => oldUrn.get(urn) ?? urn;
  return resources.map((r) => ({
    ...r,
    urn: old(r.urn),
    type: r.type === "platform:cloudRun:Service" ? "platform:cloudrun:Service" : r.type,
    name: old(r.urn).split("::").slice(3).join("::"),
    ...(r.parent ? { parent: old(r.parent) } : {}),
    ...(r.provider ? { provider: old(r.provider) } : {}),
    dependencies: r.dependencies.map(old).sort(),
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([input, urns]) => [input, urns.map(old).sort()])),
    // The providers' own aliases (a renamed type), under the old parent; those issue 23 added named the old URN itself.
    aliases: r.aliases.map(oldChain).filter((a) => a !== old(r.urn)),
  }));
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "renames-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The baseline fixture of `stack`, planned by today's code against its reviewed state as the code before wrote it. */
async function replanned(stack: string): Promise<{ plan: Plan; before: RecordedResource[] }> {
  const dir = await fixtureProject(stack);
  const today = readState(reviewedStatePath(dir, stack))!;
  const before = stateBeforeRenames(today.resources);
  const baselineFile = path.join(scratch, `${stack}.json`);
  writeState(baselineFile, { ...today, resources: before });
  return { plan: await makePlan({ projectDir: dir, stack, program, baselineFile }), before };
}

const Docker = ["docker:index/container:Container", "docker:index/remoteImage:RemoteImage", "docker:index/volume:Volume"];

describe.each(["prod", "staging"])("the renames of issue 23 in %s, against the reviewed state of before", (stack) => {
  let plan: Plan;
  let before: RecordedResource[];
  beforeAll(async () => ({ plan, before } = await replanned(stack)));

  test("GIVEN the same stack file WHEN re-planned THEN every resource is `same`: nothing is created, deleted, replaced or updated", () => {
    expect(plan.run.errors).toEqual([]);
    expect(plan.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn])).toEqual([]);
    expect(plan.steps.filter((s) => s.silentReplacement)).toEqual([]);
    expect(plan.steps).toHaveLength(before.length);
  });

  test("GIVEN the renamed Docker children and the Cloud Run component with its children WHEN re-planned THEN each is carried over from its old URN by its alias", () => {
    const renamed = plan.steps.filter((s) => s.aliasedFrom).map((s) => s.urn);
    const expected = plan.state.resources.filter((r) => Docker.includes(r.type) || r.urn.includes("::platform:cloudRun:Service")).map((r) => r.urn);
    expect(expected.length).toBeGreaterThan(Docker.length + 1);
    expect(renamed.sort()).toEqual(expected.sort());
    const oldUrns = new Set(before.map((r) => r.urn));
    for (const s of plan.steps.filter((step) => step.aliasedFrom)) {
      expect(oldUrns.has(s.aliasedFrom!)).toBe(true);
      expect(s.aliasedFrom).not.toBe(s.urn);
    }
    const tree = renderTree(plan);
    expect(tree).toContain(`${expected.length} carried over to a new URN by an alias`);
    expect(tree).toContain("alias: was spilttea-postgres-data");
    expect(tree).toContain("alias: was platform:cloudrun:Service");
  });

  test("GIVEN the Docker volumes WHEN re-planned THEN none is deleted: each is the same volume, kept as it was protected", () => {
    const volumes = plan.steps.filter((s) => s.type === "docker:index/volume:Volume");
    expect(volumes.map((s) => s.new!.inputs.name).sort()).toEqual(["spilttea-backups", "spilttea-postgres-data", "spilttea-redis-data"]);
    for (const s of volumes) {
      expect([s.op, s.aliasedFrom?.split("::").pop()]).toEqual(["same", s.new!.inputs.name]);
      expect([s.new!.protect, s.new!.retainOnDelete]).toEqual([s.old!.protect, s.old!.retainOnDelete]);
    }
    expect(plan.guard.changes).toEqual([]);
  });
});

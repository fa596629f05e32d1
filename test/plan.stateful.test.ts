import { program } from "../stacks/program";
import { diffStates } from "../tools/plan/diff";
import { ExitCode } from "../tools/plan/exitCodes";
import { blocked, guardStateful } from "../tools/plan/guard";
import { makePlan, Plan } from "../tools/plan/plan";
import { RecordedResource } from "../tools/plan/record";
import { renderMarkdown } from "../tools/plan/render/markdown";
import { renderTree } from "../tools/plan/render/tree";
import { Area, Config, fixtureProject, recordedResource, stackConfig } from "./harness";

const SecretType = "gcp:secretmanager/secret:Secret";
const OldSecret = `urn:pulumi:prod::platform::platform:secrets:ManagedSecret$${SecretType}::STRIPE_WEBHOOK_SECRET`;
/** The focused stacks each case needs: the Cloud Run service with the secrets it reads, Kubernetes, Atlas. */
const CloudRun: Area[] = ["cloudRun"];
const Kubernetes: Area[] = ["kubernetes"];
const Atlas: Area[] = ["atlas"];

/**
 * The baseline prod fixture focused on `areas`, edited, planned against the reviewed state of the
 * same focused fixture.
 */
async function planOf(areas: readonly Area[], { edit, allowReplace = [] }: { edit?: (config: Config) => void; allowReplace?: string[] } = {}): Promise<Plan> {
  const config = stackConfig("prod", areas);
  edit?.(config);
  return makePlan({ projectDir: await fixtureProject("prod", areas), stack: "prod", program, config, allowReplace });
}

/** STRIPE_WEBHOOK_SECRET renamed to STRIPE_SIGNING_SECRET (the service reads the new one). */
function rename(config: Config): void {
  const secrets = config["platform:secrets"];
  secrets.STRIPE_SIGNING_SECRET = secrets.STRIPE_WEBHOOK_SECRET;
  delete secrets.STRIPE_WEBHOOK_SECRET;
  config["platform:cloudRun"]["mixillo-backend"].secretEnv.STRIPE_WEBHOOK_SECRET.secret = "STRIPE_SIGNING_SECRET";
}

describe("nothing lost: a renamed stateful resource", () => {
  test("GIVEN a Secret Manager secret renamed in the stack file WHEN planned THEN deleting the old secret is blocked, loudly, with exit 1", async () => {
    const p = await planOf(CloudRun, { edit: rename });
    expect(p.run.errors).toEqual([]);
    expect(blocked(p.guard).map((c) => [c.step.op, c.step.urn])).toEqual([["delete", OldSecret]]);
    expect(p.exitCode).toBe(ExitCode.Blocked);
    expect(renderTree(p)).toContain(
      `!! BLOCKED: loses data: Secret Manager secret (all its versions); allow it with --allow-replace "${SecretType}::STRIPE_WEBHOOK_SECRET"`,
    );
    expect(renderMarkdown(p)).toContain(`> - \`${OldSecret}\` (delete): Secret Manager secret (all its versions)`);
  });

  test.each([
    ["--allow-replace with its type::name", [`${SecretType}::STRIPE_WEBHOOK_SECRET`], undefined],
    ["--allow-replace with its URN", [OldSecret], undefined],
    ["platform:allowReplace in the stack file", [], [OldSecret]],
  ])("GIVEN the same rename allowed by %s WHEN planned THEN it is shown as allowed and the plan passes", async (_, flag, stackKey) => {
    const edit = (config: Config) => {
      rename(config);
      if (stackKey) config["platform:allowReplace"] = stackKey;
    };
    const p = await planOf(CloudRun, { edit, allowReplace: flag });
    expect(p.run.errors).toEqual([]);
    expect(blocked(p.guard)).toEqual([]);
    expect(p.guard.changes.map((c) => [c.step.urn, c.allowedBy])).toEqual([[OldSecret, flag[0] ?? stackKey![0]]]);
    expect(p.exitCode).toBe(ExitCode.Clean);
    expect(renderTree(p)).toContain("loses data: Secret Manager secret (all its versions); allowed by");
  });

  test("GIVEN an allowance that matches nothing WHEN planned THEN the plan warns to remove it", async () => {
    const p = await planOf(CloudRun, { allowReplace: [`${SecretType}::NOPE`] });
    expect(p.exitCode).toBe(ExitCode.Clean);
    expect(p.diagnostics).toContainEqual({
      severity: "warning",
      message: `allowReplace entry "${SecretType}::NOPE" matches no deletion or replacement of a stateful resource; remove it`,
    });
  });
});

/** A claim as recorded, for diff tests: only what the diff reads. */
const res = (urn: string, extra: Partial<RecordedResource> = {}): RecordedResource => recordedResource(urn, { inputs: { size: "10Gi" }, ...extra });

describe("the diff's view of URN changes", () => {
  const Pvc = "kubernetes:core/v1:PersistentVolumeClaim";
  const old = res(`urn:pulumi:prod::p::${Pvc}::data`);

  test("GIVEN a claim moved under a component without an alias WHEN diffed THEN it is Pulumi's silent replacement: delete + create, paired", () => {
    const moved = res(`urn:pulumi:prod::p::app:index:App$${Pvc}::data`, { parent: "urn:pulumi:prod::p::app:index:App::app" });
    const steps = diffStates([old], [moved]);
    expect(steps.map((s) => [s.op, s.urn, s.silentReplacement])).toEqual([
      ["create", moved.urn, { oldUrn: old.urn, newUrn: moved.urn }],
      ["delete", old.urn, { oldUrn: old.urn, newUrn: moved.urn }],
    ]);
    expect(blocked(guardStateful(steps, [])).map((c) => c.step.urn)).toEqual([old.urn]);
    expect(blocked(guardStateful(steps, [`${Pvc}::data`]))).toEqual([]);
  });

  test("GIVEN the same move with an alias to the old URN WHEN diffed THEN it is one update-free `same`, nothing deleted", () => {
    const moved = res(`urn:pulumi:prod::p::app:index:App$${Pvc}::data`, { parent: "urn:pulumi:prod::p::app:index:App::app", aliases: [old.urn] });
    const steps = diffStates([old], [moved]);
    expect(steps.map((s) => [s.op, s.urn, s.aliasedFrom])).toEqual([["same", moved.urn, old.urn]]);
  });

  // A parent's alias carries its children over, as the engine derives their aliases from the one
  // their parent matched (pulumi/pulumi step_generator.go, generateAliases): the SDK sends none.
  const Stack = "urn:pulumi:prod::p::pulumi:pulumi:Stack::p-prod";
  const component = (type: string, name: string, aliases: string[] = []) =>
    res(`urn:pulumi:prod::p::${type}::${name}`, { custom: false, parent: Stack, aliases, inputs: {} });
  const child = (parent: RecordedResource, name: string, extra: Partial<RecordedResource> = {}) =>
    res(`${parent.urn.split("::").slice(0, 3).join("::")}$${Pvc}::${name}`, { parent: parent.urn, ...extra });

  test("GIVEN a component whose type token changed, with the old one as an alias WHEN diffed THEN it and its child (no alias of its own) are carried over", () => {
    const [before, now] = [component("app:oldcase:App", "app"), component("app:oldCase:App", "app", ["urn:pulumi:prod::p::app:oldcase:App::app"])];
    const steps = diffStates([before, child(before, "app-data")], [now, child(now, "app-data")]);
    expect(steps.map((s) => [s.op, s.urn, s.aliasedFrom])).toEqual([
      ["same", child(now, "app-data").urn, child(before, "app-data").urn],
      ["same", now.urn, before.urn],
    ]);
  });

  test("GIVEN a component renamed with an alias WHEN diffed THEN a child named after it is matched under the old name (`<old>-data`)", () => {
    const [before, now] = [component("app:index:App", "old"), component("app:index:App", "new", ["urn:pulumi:prod::p::app:index:App::old"])];
    const steps = diffStates([before, child(before, "old-data")], [now, child(now, "new-data")]);
    expect(steps.map((s) => [s.op, s.urn, s.aliasedFrom])).toEqual([
      ["same", child(now, "new-data").urn, child(before, "old-data").urn],
      ["same", now.urn, before.urn],
    ]);
  });

  test("GIVEN a component whose own URN is unchanged WHEN a child's URN changes without an alias THEN the child inherits nothing: a silent replacement", () => {
    const app = component("app:index:App", "app");
    const steps = diffStates([app, child(app, "data")], [app, child(app, "app-data")]);
    expect(steps.filter((s) => s.op !== "same").map((s) => [s.op, s.silentReplacement !== undefined])).toEqual([
      ["create", true],
      ["delete", true],
    ]);
  });

  test("GIVEN a resource that depends on one an alias renamed WHEN diffed THEN its dependency is the same resource: no (dependencies) change", () => {
    const renamed = res(`urn:pulumi:prod::p::${Pvc}::new`, { aliases: [old.urn] });
    const reader = (dependsOn: string) => res(`urn:pulumi:prod::p::${Pvc}::reader`, { dependencies: [dependsOn] });
    const steps = diffStates([old, reader(old.urn)], [renamed, reader(renamed.urn)]);
    expect(steps.map((s) => [s.op, s.name, s.changes])).toEqual([
      ["same", "new", []],
      ["same", "reader", []],
    ]);
  });

  test("GIVEN a change to a path listed in replaceOnChanges WHEN diffed THEN the step is a replace", () => {
    const now = res(old.urn, { inputs: { size: "20Gi" }, replaceOnChanges: ["size"] });
    const [step] = diffStates([{ ...old, replaceOnChanges: ["size"] }], [now]);
    expect([step.op, step.changes]).toEqual([
      "replace",
      [{ path: "size", kind: "update", old: "10Gi", new: "20Gi", inputDiff: true, replace: true, replaceBy: "replaceOnChanges" }],
    ]);
  });

  test("GIVEN a change under ignoreChanges WHEN diffed THEN it is not a change", () => {
    const [step] = diffStates([{ ...old, ignoreChanges: ["size"] }], [res(old.urn, { inputs: { size: "20Gi" }, ignoreChanges: ["size"] })]);
    expect(step.op).toBe("same");
  });

  test("GIVEN protect turned off WHEN diffed THEN it is an update of the option (protect)", () => {
    const [step] = diffStates([{ ...old, protect: true }], [old]);
    expect([step.op, step.changes]).toEqual(["update", [{ path: "(protect)", kind: "update", old: true, new: false, inputDiff: false }]]);
  });
});

describe("nothing lost: an input the provider replaces on", () => {
  const PvcType = "kubernetes:core/v1:PersistentVolumeClaim";
  const ClusterType = "mongodbatlas:index/advancedCluster:AdvancedCluster";

  test("GIVEN merchant-backend's claim moved to another storage class WHEN planned THEN the claim is a replacement (pulumi-kubernetes diff.go: spec.storageClassName), blocked with exit 1", async () => {
    const moved = (config: Config) => {
      config["platform:kubernetes"].apps["merchant-backend"].storage.storageClass = "premium-rwx";
    };
    const p = await planOf(Kubernetes, { edit: moved });
    const step = p.steps.find((s) => s.type === PvcType)!;
    expect(step.op).toBe("replace");
    expect(step.changes.find((c) => c.path === "spec.storageClassName")).toMatchObject({
      old: "standard-rwx",
      new: "premium-rwx",
      replace: true,
      replaceBy: "provider",
    });
    expect(blocked(p.guard).map((c) => c.step.type)).toEqual([PvcType]);
    expect(p.exitCode).toBe(ExitCode.Blocked);
    expect(renderTree(p)).toContain('spec.storageClassName: "standard-rwx" => "premium-rwx" (the provider replaces on this)');
  });

  test("GIVEN merchant-backend's claim grown from 50Gi to 100Gi WHEN planned THEN it is an update, not blocked (diff.go does not list a claim's resources: the API server expands it in place, where its class allows)", async () => {
    const grown = (config: Config) => {
      config["platform:kubernetes"].apps["merchant-backend"].storage.size = "100Gi";
    };
    const p = await planOf(Kubernetes, { edit: grown });
    const step = p.steps.find((s) => s.type === PvcType)!;
    expect(step.op).toBe("update");
    expect(step.changes).toEqual([{ path: "spec.resources.requests.storage", kind: "update", old: "50Gi", new: "100Gi", inputDiff: true }]);
    expect(blocked(p.guard)).toEqual([]);
    expect(p.exitCode).toBe(ExitCode.Clean);
  });

  test("GIVEN the Atlas cluster mixillo moved to another project WHEN planned THEN the cluster's replacement is blocked; its tier change is an update", async () => {
    const moved = (config: Config) => {
      config["platform:atlas"].projects.mixillo.id = "5f00000000000000000000ff";
    };
    const p = await planOf(Atlas, { edit: moved });
    expect(p.steps.find((s) => s.type === ClusterType && s.name === "mixillo")!.op).toBe("replace");
    expect(blocked(p.guard).map((c) => `${c.step.type}::${c.step.name}`)).toContain(`${ClusterType}::mixillo`);
    expect(p.exitCode).toBe(ExitCode.Blocked);

    const scaled = (config: Config) => {
      config["platform:atlas"].clusters.mixillo.instanceSize = "M50";
    };
    const q = await planOf(Atlas, { edit: scaled });
    expect(q.steps.find((s) => s.type === ClusterType && s.name === "mixillo")!.op).toBe("update");
    expect(q.exitCode).toBe(ExitCode.Clean);
  });
});

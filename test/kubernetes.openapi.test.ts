import { spawn } from "child_process";
import { createInterface } from "readline";
import { ProgramRun, RecordedResource } from "../tools/plan/record";
import { Secret, Unknown } from "../tools/plan/values";
import { Area, ProjectDir, runStack, stackConfig, withEdits } from "./harness";

/**
 * Every recorded Kubernetes object is checked against the Kubernetes OpenAPI schema by
 * kubernetes-models (`new Deployment(json).validate()`), the way the API server checks types,
 * required fields, enums and formats.
 *
 * kubernetes-models is ESM only (its package exports have no `require` condition), which jest's
 * CommonJS runtime cannot load; so the objects are validated by a plain `node` child process that
 * imports the library natively. Nothing is timed.
 *
 * Placeholders: the recorder prints a secret as "[secret]" and a value unknown before apply as
 * "[unknown]". A Secret's `stringData`/`data` (a map the preview hides whole) becomes a map of the
 * keys the Deployment reads, each with a sample string, which is exactly the shape the provider
 * sends. Any other placeholder is left in place: it is a string, so a field that must be a number,
 * a boolean or a map still fails validation rather than pass by substitution. The baseline stacks
 * have none (asserted below).
 */

const App = "platform:kubernetes.apps.merchant-backend";
/**
 * The Kubernetes area and the secrets its apps name: every Kubernetes object the stack records, as the
 * whole estate has them but for the pod template's secret-revision hash (without Atlas, REZ_MONGODB_URI
 * is an external secret rather than one Atlas writes).
 */
const Areas: readonly Area[] = ["kubernetes"];

interface Checked {
  urn: string;
  errors: string[];
}

// The child runs as an ES module and stays up for the whole file (one start instead of one per test):
// each line on stdin is a batch [{urn, module, kind, manifest}], answered by one line of results.
const Script = `
import { createInterface } from "node:readline";
for await (const line of createInterface({ input: process.stdin })) {
  const results = [];
  for (const { urn, module, kind, manifest } of JSON.parse(line)) {
    let errors = [];
    try {
      const Model = (await import(module))[kind];
      if (!Model) throw new Error("kubernetes-models has no " + kind + " in " + module);
      new Model(manifest).validate();
    } catch (error) {
      errors = error.errors ? error.errors.map((e) => (e.instancePath || "/") + " " + e.message + (e.params ? " " + JSON.stringify(e.params) : "")) : [String(error)];
    }
    results.push({ urn, errors });
  }
  process.stdout.write(JSON.stringify(results) + "\\n");
}
`;

/** `kubernetes:apps/v1:Deployment` → `kubernetes-models/apps/v1/Deployment` (core is `v1/...`). */
function modelModule(type: string): { module: string; kind: string } {
  const [, groupVersion, kind] = type.split(":");
  const [group, version] = groupVersion.split("/");
  // A group token is either short (apps) or already the API group (networking.k8s.io).
  const dir =
    group === "core" ? version : `${["apps", "autoscaling", "policy", "batch"].includes(group) || group.includes(".") ? group : `${group}.k8s.io`}/${version}`;
  return { module: `kubernetes-models/${dir}/${kind}`, kind };
}

/** The Deployment env keys read from each Secret, for the substitution of hidden Secret data. */
function secretKeys(run: ProgramRun): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const d of run.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment")) {
    for (const c of d.inputs.spec.template.spec.containers) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref) keys.set(ref.name, [...(keys.get(ref.name) ?? []), ref.key]);
      }
    }
  }
  return keys;
}

function manifest(r: RecordedResource, keys: Map<string, string[]>): Record<string, unknown> {
  const m = JSON.parse(JSON.stringify(r.inputs));
  if (m.kind === "Secret") {
    for (const field of ["stringData", "data"]) {
      if (m[field] === Secret || m[field] === Unknown) {
        const sample = field === "data" ? Buffer.from("sample").toString("base64") : "sample";
        m[field] = Object.fromEntries((keys.get(m.metadata.name) ?? ["KEY"]).map((k) => [k, sample]));
      }
    }
  }
  return m;
}

function kubernetesObjects(run: ProgramRun): RecordedResource[] {
  return run.resources.filter((r) => r.type.startsWith("kubernetes:"));
}

/** The validator child, started on first use; its answers arrive in the order the batches were sent. */
let validator: { send: (batch: string) => Promise<Checked[]>; close: () => void } | undefined;
afterAll(() => validator?.close());

function startValidator(): NonNullable<typeof validator> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", Script], { cwd: ProjectDir, stdio: ["pipe", "pipe", "pipe"] });
  const waiting: { resolve: (c: Checked[]) => void; reject: (e: Error) => void }[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.resolve(JSON.parse(line)));
  let exited: Error | undefined;
  child.on("exit", (code) => {
    exited = new Error(`validator exited ${code}: ${stderr}`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  // A write to a child that has gone fails with EPIPE; the exit above is what the test reports.
  child.stdin.on("error", () => undefined);
  return {
    send: (batch) =>
      new Promise((resolve, reject) => {
        if (exited) return reject(exited);
        waiting.push({ resolve, reject });
        child.stdin.write(`${batch}\n`);
      }),
    close: () => child.stdin.end(),
  };
}

/** Validates objects in the validator child; the manifests are passed as they are, not re-recorded. */
function validateManifests(objects: { urn: string; type: string; manifest: Record<string, unknown> }[]): Promise<Checked[]> {
  const input = objects.map(({ urn, type, manifest: m }) => ({ urn, ...modelModule(type), manifest: m }));
  validator ??= startValidator();
  return validator.send(JSON.stringify(input));
}

function validateRun(run: ProgramRun): Promise<Checked[]> {
  const keys = secretKeys(run);
  return validateManifests(kubernetesObjects(run).map((r) => ({ urn: r.urn, type: r.type, manifest: manifest(r, keys) })));
}

async function planned(stack: string, ...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = withEdits(stackConfig(stack, Areas), ...edits);
  const run = await runStack(stack, config);
  expect(run.errors).toEqual([]);
  return run;
}

const failures = (checked: Checked[]) => checked.filter((c) => c.errors.length > 0);

describe("every recorded Kubernetes object is valid for the API server (OpenAPI schema, kubernetes-models)", () => {
  test.each([
    ["the prod baseline", "prod", []],
    ["the staging baseline", "staging", []],
    [
      "prod with autoscaling off (fixed replicas), 2Gi, a restart and a pinned secret version",
      "prod",
      [
        [`${App}.autoscaling.enabled`, false],
        [`${App}.replicas`, 5],
        [`${App}.resources.limits.memory`, "2Gi"],
        [`${App}.restartToken`, "2025-11-22T03-10"],
        [`${App}.secret.data.MONGODB_URI.version`, "7"],
      ],
    ],
    [
      "prod with probe timings, rollout and security overrides",
      "prod",
      [
        [`${App}.probes`, { liveness: { periodSeconds: 30, failureThreshold: 5 }, startup: { path: "/health/startup" } }],
        [`${App}.rollout`, { maxSurge: 2, maxUnavailable: 1 }],
        [`${App}.security`, { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 }],
        [`${App}.service.type`, "LoadBalancer"],
      ],
    ],
  ] as [string, string, [string, unknown][]][])("GIVEN %s WHEN validated THEN every object passes", async (_, stack, edits) => {
    const run = await planned(stack, ...edits);
    const objects = kubernetesObjects(run);
    expect(objects.map((r) => r.inputs.kind)).toEqual(expect.arrayContaining(["Deployment", "Service", "Secret", "PersistentVolumeClaim", "Namespace"]));
    // Only the Secret's data is hidden; everything else is known at preview time.
    const placeholders = objects.filter((r) => r.type !== "kubernetes:core/v1:Secret" && /\[(unknown|secret)\]/.test(JSON.stringify(r.inputs)));
    expect(placeholders.map((r) => r.urn)).toEqual([]);
    const checked = await validateRun(run);
    expect(checked).toHaveLength(objects.length);
    expect(failures(checked)).toEqual([]);
  });

  test("GIVEN the prod Deployment with a string replica count and a container without a name WHEN validated THEN the schema rejects both (the check is real)", async () => {
    const run = await planned("prod", [`${App}.autoscaling.enabled`, false], [`${App}.replicas`, 5]);
    const d = kubernetesObjects(run).find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    const broken = JSON.parse(JSON.stringify(d.inputs));
    broken.spec.replicas = "5";
    delete broken.spec.template.spec.containers[0].name;
    const [checked] = await validateManifests([{ urn: d.urn, type: d.type, manifest: broken }]);
    expect(checked.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/spec\/replicas must be integer/),
        expect.stringMatching(/^\/spec\/template\/spec\/containers\/0 must have required property name/),
      ]),
    );
  });

  test("GIVEN the prod HPA with a word as its minimum WHEN validated THEN the schema rejects it", async () => {
    const run = await planned("prod");
    const h = kubernetesObjects(run).find((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")!;
    const broken = JSON.parse(JSON.stringify(h.inputs));
    broken.spec.minReplicas = "three";
    const [checked] = await validateManifests([{ urn: h.urn, type: h.type, manifest: broken }]);
    expect(checked.errors).toEqual([expect.stringMatching(/^\/spec\/minReplicas must be integer/)]);
  });
});

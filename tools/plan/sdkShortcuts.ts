import * as pulumi from "@pulumi/pulumi";

/**
 * The one module that touches @pulumi/pulumi's internals. Public APIs are used wherever they exist
 * (`runtime.getMonitor`, `setMocks`, `runInPulumiStack`); each remaining internal is looked up here,
 * feature-detected, and used through a named shortcut. An internal that is gone (a renamed module, a
 * reshaped class) never crashes a plan: that shortcut is off, the plan runs on the plain mocks, and
 * Node prints one warning saying what is lost. `shortcutReport()` says which shortcuts were available
 * and how often each was used; test/sdkShortcuts.test.ts fails when one silently stopped working.
 * Checked against @pulumi/pulumi 3.270.0.
 */
export type ShortcutName = "stackTraces" | "promiseTracking" | "structValues" | "directRegistration" | "engineUrns" | "invokeDependsOn";

/** What the plan loses without each shortcut: speed for the first four, fidelity for the last two. */
const Without: Record<ShortcutName, string> = {
  stackTraces: "each resource's stack trace is captured again (slower)",
  promiseTracking: "every SDK promise is tracked for a leak report (slower)",
  structValues: "every input is converted to protobuf values and back (slower)",
  directRegistration: "every registration goes through the mocks' decode and re-encode (slower)",
  engineUrns: "URNs are the mocks' (without the parents' type chain), not the engine's",
  invokeDependsOn: "invokes with dependsOn lose their dependencies, as under the plain mocks",
};

const used: Record<ShortcutName, number> = { stackTraces: 0, promiseTracking: 0, structValues: 0, directRegistration: 0, engineUrns: 0, invokeDependsOn: 0 };
const warned = new Set<ShortcutName>();

function unavailable(name: ShortcutName, what: string): void {
  if (warned.has(name)) return;
  warned.add(name);
  process.emitWarning(`@pulumi/pulumi has no ${what}: the plan runs without its "${name}" shortcut; ${Without[name]}`, "PlanSdkWarning");
}

function optionalRequire<T>(id: string): T | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- SDK internals are feature-detected at run time
    return require(id) as T;
  } catch {
    return undefined;
  }
}

const sdkDir = require.resolve("@pulumi/pulumi");
/** The protobuf Struct class the SDK itself loads (resolved from its directory, in case of two copies). */
type StructClass = { new (): { toJavaScript(): unknown }; fromJavaScript(value: unknown): { toJavaScript(): unknown } };
export const Struct = optionalRequire<{ Struct: StructClass }>(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [sdkDir] }))?.Struct;
const debuggable = optionalRequire<{ debuggablePromise?: <T>(p: Promise<T>, ctx?: unknown) => Promise<T> }>("@pulumi/pulumi/runtime/debuggable");
const resourceProto = optionalRequire<{
  RegisterResourceResponse?: new () => any;
  ResourceInvokeResponse?: new () => any;
  ResourceMonitorFeature?: Record<string, number>;
}>("@pulumi/pulumi/proto/resource_pb");
/** Exported by `pulumi.runtime` at run time, left out of its type declarations (@internal). */
const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void>; awaitFeatureSupport?: () => Promise<void> };

/** How often each shortcut was used since the last reset, and whether the SDK had what it needs. */
export function shortcutReport(): { name: ShortcutName; used: number }[] {
  return (Object.keys(used) as ShortcutName[]).map((name) => ({ name, used: used[name] }));
}
export function resetShortcutReport(): void {
  for (const name of Object.keys(used) as ShortcutName[]) used[name] = 0;
}

/** Waits for the SDK's outstanding RPCs (registrations, invokes); without the internal, for the event loop to drain. */
export async function waitForRPCs(): Promise<void> {
  if (typeof runtime.waitForRPCs === "function") return runtime.waitForRPCs();
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Applies the speed shortcuts for one run; the function returned puts everything back. `debug` keeps
 * every stack trace; `off` leaves the named shortcuts out (tests).
 */
export function skipDeploymentWork(debug: boolean, off: readonly ShortcutName[] = []): () => void {
  const undo: (() => void)[] = [];
  const on = (name: ShortcutName) => !off.includes(name);

  if (!debug && on("stackTraces")) {
    // The SDK formats a stack trace for every promise it makes (for leak reports), and each resource's
    // constructor takes the whole stack (frames parsed into file URLs) for source positions a plan
    // never shows: without them a run takes half the time.
    const resourceClass = pulumi.Resource as unknown as { stackTrace?: (skip: number) => unknown[] };
    if (typeof resourceClass.stackTrace === "function") {
      const stackTraceLimit = Error.stackTraceLimit;
      const stackTrace = resourceClass.stackTrace;
      Error.stackTraceLimit = 0;
      resourceClass.stackTrace = () => (used.stackTraces++, []);
      undo.push(() => ((Error.stackTraceLimit = stackTraceLimit), (resourceClass.stackTrace = stackTrace)));
    } else unavailable("stackTraces", "Resource.stackTrace");
  }

  if (!debug && on("promiseTracking")) {
    // Every SDK promise is tagged and tracked for the leak report the CLI prints at exit, which a plan
    // never prints (a tenth of the run). The SDK calls it through the module's exports.
    if (debuggable && typeof debuggable.debuggablePromise === "function") {
      const debuggablePromise = debuggable.debuggablePromise;
      debuggable.debuggablePromise = (p) => (used.promiseTracking++, p);
      undo.push(() => (debuggable.debuggablePromise = debuggablePromise));
    } else unavailable("promiseTracking", "runtime/debuggable.debuggablePromise");
  }

  if (on("structValues")) {
    // Under mocks no message is ever encoded: each Struct the SDK builds (every resource's inputs, every
    // invoke's arguments) is only read back with toJavaScript(), by the mocks and by the recorder. So the
    // Struct keeps the value it was given and hands it back instead of converting it to protobuf values
    // and back (a fifth of the run). The SDK never changes a value it has serialized, and every value it
    // serializes survives that conversion unchanged (test/plan.test.ts checks prod's).
    if (Struct && typeof Struct.fromJavaScript === "function") {
      const fromJavaScript = Struct.fromJavaScript;
      const StructOf = Struct;
      StructOf.fromJavaScript = (value: unknown) => {
        used.structValues++;
        const struct = new StructOf();
        struct.toJavaScript = () => value;
        return struct;
      };
      undo.push(() => (StructOf.fromJavaScript = fromJavaScript));
    } else unavailable("structValues", "google-protobuf Struct.fromJavaScript next to it");
  }

  return () => undo.reverse().forEach((step) => step());
}

/** The mock monitor's own registry, when it has the shape the direct answer needs. */
interface MockRegistry {
  resources: Map<string, unknown>;
  newUrn: (parent: string, type: string, name: string) => string;
}

/**
 * The engine's URNs instead of the mocks': the mock monitor names a resource without its parents'
 * type chain. Returns false (and warns) when the mock monitor no longer computes URNs in `newUrn`.
 */
export function useEngineUrns(monitor: unknown, engineUrn: (parent: string, type: string, name: string) => string, off: readonly ShortcutName[] = []): boolean {
  if (off.includes("engineUrns")) return false;
  const m = monitor as Partial<MockRegistry>;
  if (typeof m.newUrn !== "function") {
    unavailable("engineUrns", "MockMonitor.newUrn");
    return false;
  }
  m.newUrn = (parent, type, name) => (used.engineUrns++, engineUrn(parent, type, name));
  return true;
}

/**
 * What the mocks would answer a registration (its URN, the inputs as the state, no id), without
 * their decode and re-encode of every input; undefined when the mock monitor's registry or the
 * response class is not as expected (the caller then sends the registration through the mocks).
 */
export function answerRegistration(
  monitor: unknown,
  req: any,
  inputs: Record<string, unknown>,
  off: readonly ShortcutName[] = [],
): { urn: string; response: any } | undefined {
  if (off.includes("directRegistration")) return undefined;
  const m = monitor as Partial<MockRegistry>;
  const Response = resourceProto?.RegisterResourceResponse;
  if (!(m.resources instanceof Map) || typeof m.newUrn !== "function" || !Response) {
    unavailable("directRegistration", "MockMonitor.resources or proto RegisterResourceResponse");
    return undefined;
  }
  used.directRegistration++;
  const urn = m.newUrn(req.getParent(), req.getType(), req.getName());
  m.resources.set(urn, { urn, id: null, state: inputs });
  const response = new Response();
  response.setUrn(urn);
  response.setId("");
  response.setObject(req.getObject());
  return { urn, response };
}

/**
 * Invokes with `dependsOn` as the engine serves them (pulumi/pulumi pkg/resource/deploy/source_eval.go,
 * Invoke): it advertises RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON, and answers `Unknown` while a
 * dependency's registration is unresolved, which in a preview is every resource the run registers.
 * The mock monitor does neither, and the SDK's fallback for such a monitor drops the dependencies of
 * an unknown result (runtime/invoke.js).
 */
export async function gateInvokesOnDependencies(monitor: any, off: readonly ShortcutName[] = []): Promise<boolean> {
  if (off.includes("invokeDependsOn")) return false;
  const Feature = resourceProto?.ResourceMonitorFeature?.RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON;
  const Response = resourceProto?.ResourceInvokeResponse;
  if (Feature === undefined || !Response || typeof runtime.awaitFeatureSupport !== "function" || typeof monitor?.getDeploymentInfo !== "function") {
    unavailable("invokeDependsOn", "the invoke dependsOn feature flag, runtime.awaitFeatureSupport or MockMonitor.getDeploymentInfo");
    return false;
  }
  const deploymentInfo = monitor.getDeploymentInfo.bind(monitor);
  monitor.getDeploymentInfo = (req: unknown, callback: (err: unknown, resp: any) => void) =>
    deploymentInfo(req, (err: unknown, resp: any) => {
      resp?.setSupportedfeaturesList([...resp.getSupportedfeaturesList(), Feature]);
      callback(err, resp);
    });
  await runtime.awaitFeatureSupport();
  const invoke = monitor.invoke.bind(monitor);
  monitor.invoke = (req: any, callback: (err: unknown, resp: unknown) => void) => {
    if (req.getDependsonList().length === 0) return invoke(req, callback);
    used.invokeDependsOn++;
    const response = new Response();
    response.setUnknown(true);
    callback(null, response);
  };
  return true;
}

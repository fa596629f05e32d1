import * as pulumi from "@pulumi/pulumi";

/**
 * The SDK internals the recorder touches, and the work of a real deployment it skips under mocks.
 * Stable across 3.x (checked in 3.270.0). Each swap is undone when the run ends; were an internal
 * renamed, the swap would only stop saving time (test/plan.test.ts proves the plans are unchanged).
 */

/* eslint-disable @typescript-eslint/no-require-imports */
export const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): any;
  waitForRPCs(): Promise<void>;
  /** Reads the monitor's DeploymentInfo features into the SDK's flags (what the CLI's monitor advertises). */
  awaitFeatureSupport(): Promise<void>;
};
export const resourceProto = require("@pulumi/pulumi/proto/resource_pb") as {
  RegisterResourceResponse: new () => any;
  ResourceInvokeResponse: new () => any;
  ResourceMonitorFeature: Record<string, number>;
};
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx?: unknown) => Promise<T> };
/** The protobuf Struct class the SDK itself loads (resolved from its directory, in case of two copies). */
export const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [require.resolve("@pulumi/pulumi")] })) as {
  Struct: { new (): { toJavaScript(): unknown }; fromJavaScript(value: unknown): { toJavaScript(): unknown } };
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Applies the shortcuts; the function returned puts everything back. `debug` keeps every stack trace. */
export function skipDeploymentWork(debug: boolean): () => void {
  const undo: (() => void)[] = [];

  if (!debug) {
    // The SDK formats a stack trace for every promise it makes (for leak reports), and the recorder
    // reports errors by message: without traces a run takes half the time.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    undo.push(() => (Error.stackTraceLimit = stackTraceLimit));

    // Each resource's constructor also takes the whole stack (the limit raised to Infinity, every frame
    // parsed and turned into a file URL) for the engine's source positions, which a plan never shows.
    const resourceClass = pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] };
    const stackTrace = resourceClass.stackTrace;
    resourceClass.stackTrace = () => [];
    undo.push(() => (resourceClass.stackTrace = stackTrace));

    // Every SDK promise is tagged and tracked for the leak report the CLI prints at exit, which a plan
    // never prints (a tenth of the run). The SDK calls it through the module's exports.
    const debuggablePromise = debuggable.debuggablePromise;
    debuggable.debuggablePromise = (p) => p;
    undo.push(() => (debuggable.debuggablePromise = debuggablePromise));
  }

  // Under mocks no message is ever encoded: each Struct the SDK builds (every resource's inputs, every
  // invoke's arguments) is only read back with toJavaScript(), by the mocks and by the recorder. So the
  // Struct keeps the value it was given and hands it back instead of converting it to protobuf values
  // and back (a fifth of the run). The SDK never changes a value it has serialized, and every value it
  // serializes survives that conversion unchanged (test/plan.test.ts checks prod's).
  const fromJavaScript = Struct.fromJavaScript;
  Struct.fromJavaScript = (value: unknown) => {
    const struct = new Struct();
    struct.toJavaScript = () => value;
    return struct;
  };
  undo.push(() => (Struct.fromJavaScript = fromJavaScript));

  return () => undo.reverse().forEach((step) => step());
}

import { spawn } from "child_process";
import * as path from "path";
import { plainValues } from "../tools/plan/plainValues";
import { compareText, RecordedResource, recordRegistration } from "../tools/plan/record";
import { engineUrn } from "../tools/plan/urn";
import { sortedKeys } from "../tools/plan/stableJson";
import { ProjectDir } from "./harness";

/**
 * The program started as `pulumi preview` starts it, without the CLI: the language host's command line
 * and environment (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go, constructArguments,
 * constructConfig, execRuntime), against an engine and a resource monitor served here over gRPC with
 * the SDK's own generated stubs, answering as the engine does in a preview
 * (pkg/resource/deploy/source_eval.go): the features it advertises, a URN per registration, no ids,
 * invokes gated on their dependencies. Each registration is recorded as the plan records its own.
 */
// The SDK's generated gRPC code is untyped JavaScript: required, and used as `any`.
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] }));
const resourceGrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const resourcePb = require("@pulumi/pulumi/proto/resource_pb");
const enginePb = require("@pulumi/pulumi/proto/engine_pb");
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [sdkDir] }));
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [sdkDir] }));

const Feature = resourcePb.ResourceMonitorFeature;
/** source_eval.go supportedMonitorFeatures (the engine's list; outputValues included, unlike the mocks). */
const EngineFeatures = [
  "SECRETS",
  "RESOURCE_REFERENCES",
  "OUTPUT_VALUES",
  "ALIAS_SPECS",
  "REPLACEMENT_TRIGGER",
  "DELETED_WITH",
  "REPLACE_WITH",
  "TRANSFORMS",
  "INVOKE_TRANSFORMS",
  "PARAMETERIZATION",
  "RESOURCE_HOOKS",
  "ERROR_HOOKS",
  "SENDS_OPTIONS_TO_HOOKS",
  "STATE_MIGRATIONS",
  "BYTE_STRING",
  "INVOKE_DEPENDS_ON",
  "INVOKE_PARENT",
]
  .map((name) => Feature[`RESOURCE_MONITOR_FEATURE_${name}`])
  .filter((f) => f !== undefined);
/** The legacy SupportsFeature ids the engine answers true for. */
const EngineFeatureIds = [
  "secrets",
  "resourceReferences",
  "outputValues",
  "aliasSpecs",
  "deletedWith",
  "replaceWith",
  "transforms",
  "invokeTransforms",
  "parameterization",
  "resourceHooks",
  "errorHooks",
  "sendsOptionsToHooks",
];

export interface HostRun {
  resources: RecordedResource[];
  exitCode: number | null;
  /** The engine's log messages of severity error, and the program's stderr. */
  errors: string[];
}

/** Go's encoding/json of a decoded config value: map keys in byte order, as the CLI marshals objects. */
const goJson = (value: unknown): string => JSON.stringify(sortedKeys(value));

/** PULUMI_CONFIG as the language host sets it: `<namespace>:config:<name>` keys, strings, objects as JSON. */
function languageHostConfig(config: Record<string, unknown>): string {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const [namespace, name] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    env[`${namespace}:config:${name}`] = typeof value === "string" ? value : goJson(value);
  }
  return JSON.stringify(env);
}

function monitorService(stack: string, project: string, resources: RecordedResource[], plain: ReturnType<typeof plainValues>) {
  const registered = new Set<string>();
  return {
    getDeploymentInfo(_: unknown, callback: (e: unknown, r: unknown) => void) {
      const info = new resourcePb.DeploymentInfo();
      info.setSupportedfeaturesList(EngineFeatures);
      callback(null, info);
    },
    supportsFeature(call: any, callback: (e: unknown, r: unknown) => void) {
      const response = new resourcePb.SupportsFeatureResponse();
      response.setHassupport(EngineFeatureIds.includes(call.request.getId()));
      callback(null, response);
    },
    registerResource(call: any, callback: (e: unknown, r: unknown) => void) {
      const req = call.request;
      const urn = engineUrn(stack, project, req.getParent(), req.getType(), req.getName());
      registered.add(urn);
      // As makePlan does: the values a provider's SDK marks secret that the program declares plain.
      plain.onInputs(req.getType(), req.getName(), (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>);
      resources.push(recordRegistration(req, urn, stack, project));
      // A preview: the new resource's inputs and no id (the engine knows no outputs before apply).
      const response = new resourcePb.RegisterResourceResponse();
      response.setUrn(urn);
      response.setId("");
      response.setObject(req.getObject() ?? new Struct());
      callback(null, response);
    },
    registerResourceOutputs(_: unknown, callback: (e: unknown, r: unknown) => void) {
      callback(null, new Empty());
    },
    invoke(call: any, callback: (e: unknown, r: unknown) => void) {
      const response = new resourcePb.ResourceInvokeResponse();
      // source_eval.go Invoke: a dependency whose registration is unresolved (every new one in a
      // preview) makes the result unknown. Without dependencies there is no cloud to ask: nothing.
      if (call.request.getDependsonList().some((urn: string) => registered.has(urn))) response.setUnknown(true);
      else response.setReturn(Struct.fromJavaScript({}));
      callback(null, response);
    },
    registerPackage(_: unknown, callback: (e: unknown, r: unknown) => void) {
      const response = new resourcePb.RegisterPackageResponse();
      response.setRef("package-ref");
      callback(null, response);
    },
    signalAndWaitForShutdown(_: unknown, callback: (e: unknown, r: unknown) => void) {
      callback(null, new Empty());
    },
  };
}

function engineService(errors: string[]) {
  let root = "";
  return {
    log(call: any, callback: (e: unknown, r: unknown) => void) {
      if (call.request.getSeverity() === enginePb.LogSeverity.ERROR) errors.push(call.request.getMessage());
      callback(null, new Empty());
    },
    getRootResource(_: unknown, callback: (e: unknown, r: unknown) => void) {
      const response = new enginePb.GetRootResourceResponse();
      response.setUrn(root);
      callback(null, response);
    },
    setRootResource(call: any, callback: (e: unknown, r: unknown) => void) {
      root = call.request.getUrn();
      callback(null, new enginePb.SetRootResourceResponse());
    },
  };
}

/**
 * Runs index.ts as `pulumi preview --stack <stack>` would, with `config` as the stack's config
 * (decrypted, as the CLI passes it) and `secretKeys` the keys that held a secure: value.
 */
export async function runAsLanguageHost(
  stack: string,
  config: Record<string, unknown>,
  secretKeys: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<HostRun> {
  const project = "platform";
  const resources: RecordedResource[] = [];
  const errors: string[] = [];
  const server = new grpc.Server();
  const plain = plainValues();
  server.addService(resourceGrpc.ResourceMonitorService, monitorService(stack, project, resources, plain));
  server.addService(engineGrpc.EngineService, engineService(errors));
  const port: number = await new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) => (err ? reject(err) : resolve(p))),
  );
  const address = `127.0.0.1:${port}`;
  try {
    // constructArguments: run, then the flags the engine passes for a preview, then the entry point.
    // The project's TypeScript is transpiled on load by the repository's own loader (as `npm run plan`
    // does) instead of from bin/, so the test needs no build; it writes no source maps, so the SDK's
    // source-map support is left out (test/support/withoutSourceMapSupport.js says why).
    const args = [
      "-r",
      path.join(ProjectDir, "tools/plan/register.js"),
      "-r",
      path.join(ProjectDir, "test/support/withoutSourceMapSupport.js"),
      path.join(sdkDir, "cmd", "run"),
      "--monitor",
      address,
      "--engine",
      address,
      "--project",
      project,
      "--stack",
      stack,
      "--pwd",
      ProjectDir,
      "--dry-run",
      "--parallel",
      "16",
      path.join(ProjectDir, "index.ts"),
    ];
    const env = { ...process.env, ...extraEnv, PULUMI_CONFIG: languageHostConfig(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
    const child = spawn(process.execPath, args, { cwd: ProjectDir, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exitCode: number | null = await new Promise((resolve) => child.on("close", resolve));
    if (stderr.trim()) errors.push(stderr.trim());
    plain.apply(resources);
    return { resources: resources.sort((a, b) => compareText(a.urn, b.urn)), exitCode, errors };
  } finally {
    server.forceShutdown();
  }
}

/** Each difference between two runs' registrations, as `<urn>: <field> differs`, or a URN only one has. */
export function registrationDifferences(expected: RecordedResource[], actual: RecordedResource[]): string[] {
  const byUrn = (rs: RecordedResource[]) => new Map(rs.map((r) => [r.urn, r]));
  const [a, b] = [byUrn(expected), byUrn(actual)];
  const differences: string[] = [];
  for (const urn of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [x, y] = [a.get(urn), b.get(urn)];
    if (!x || !y) {
      differences.push(`${urn}: registered only by ${x ? "the plan" : "the language host's run"}`);
      continue;
    }
    for (const field of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
      const [u, v] = [JSON.stringify((x as unknown as Record<string, unknown>)[field]), JSON.stringify((y as unknown as Record<string, unknown>)[field])];
      if (u !== v) differences.push(`${urn}: ${field} differs: plan ${u}, language host ${v}`);
    }
  }
  return differences;
}

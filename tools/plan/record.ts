import * as pulumi from "@pulumi/pulumi";
import { answerRegistration, gateInvokesOnDependencies, ShortcutName, skipDeploymentWork, useEngineUrns, waitForRPCs } from "./sdkShortcuts";
import { reusedRun } from "./reusedRuns";
import { renderValue } from "./values";
import { engineUrn } from "./urn";

/** One resource as the program registered it, shaped like `newState` of `pulumi preview --json`. */
export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  dependencies: string[];
  /** Input name → URNs its value came from. */
  propertyDependencies: Record<string, string[]>;
  /** Provider URN for custom resources ("default" when none was passed). */
  provider?: string;
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  /** URNs this resource was known by before (its `aliases` option). */
  aliases: string[];
  /** Inputs with secrets as "[secret]" and values unknown before apply as "[unknown]". */

  inputs: Record<string, any>;
}

export interface ProgramError {
  message: string;
  /** The resource the error came from (`type::name`), when the SDK knows it. */
  resource?: string;
}

export interface ProgramRun {
  project: string;
  stack: string;
  resources: RecordedResource[];
  errors: ProgramError[];
}

export interface RunOptions {
  project: string;
  stack: string;
  /** `project:key` → value, as the engine passes config: strings, objects JSON-encoded. */
  config: Record<string, string>;
  /** Config keys that are secret (their values print as "[secret]"). */
  secretKeys?: string[];
  /**
   * Outputs a test wants a resource to have beyond its inputs (a generated password, say), to prove
   * where such a value flows. The plan itself passes none: it never invents a value.
   */
  mockOutputs?: (type: string, name: string) => Record<string, unknown> | undefined;
  /**
   * Sees each resource's inputs as the engine receives them, secrets still in their wrapper
   * (`{"4dabf1…": "1b4706…", value}`): a test reads a plain value behind the SDK's secret marking.
   */
  onInputs?: (type: string, name: string, inputs: Record<string, unknown>) => void;
  /** SDK shortcuts to leave out (sdkShortcuts.ts; its tests). */
  shortcutsOff?: readonly ShortcutName[];
}

/**
 * Runs a Pulumi program in-process under the SDK's runtime mocks, as a preview (`dryRun`), and records
 * every resource registration with what the mocks leave out: parent, dependencies, provider, protect,
 * aliases. Nothing is invented: a mock resource's outputs are its inputs, and every other output (ids,
 * URLs, generated values) stays unknown, as in a real preview of a new stack.
 */
export function runProgram(program: () => unknown, options: RunOptions): Promise<ProgramRun> {
  return reusedRun(program, options, runOnce);
}

async function runOnce(program: () => unknown, options: RunOptions): Promise<ProgramRun> {
  const { project, stack } = options;
  const resources: RecordedResource[] = [];
  const errors: ProgramError[] = [];
  const onRejection = (reason: unknown) => errors.push(toProgramError(reason));
  process.on("unhandledRejection", onRejection);
  const off = options.shortcutsOff ?? [];
  const restoreSdk = skipDeploymentWork(Boolean(process.env.PLAN_DEBUG), off);

  try {
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
    await pulumi.runtime.setMocks(
      {
        // A preview knows a new resource's inputs and nothing else.
        newResource: (args) => ({ id: undefined, state: { ...args.inputs, ...options.mockOutputs?.(args.type, args.name) } }),
        call: () => ({}),
      },
      project,
      stack,
      true,
    );
    const monitor: any = pulumi.runtime.getMonitor();
    await gateInvokesOnDependencies(monitor, off);
    useEngineUrns(monitor, (parent, type, name) => engineUrn(stack, project, parent, type, name), off);
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, resp: unknown) => void) => {
      const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
      options.onInputs?.(req.getType(), req.getName(), inputs);
      const direct = options.mockOutputs?.(req.getType(), req.getName()) ? undefined : answerRegistration(monitor, req, inputs, off);
      if (direct) {
        resources.push(record(req, direct.urn, inputs, stack, project));
        callback(null, direct.response);
        return;
      }
      register(req, (err: unknown, resp: any) => {
        if (!err && resp) resources.push(record(req, resp.getUrn(), inputs, stack, project));
        callback(err, resp);
      });
    };

    // The program's own errors are caught inside the stack, so the stack still registers cleanly
    // and the error is reported once, with everything else that went wrong.
    await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return await program();
      } catch (error) {
        errors.push(toProgramError(error));
        return undefined;
      }
    });
    await waitForRPCs();
    // Rejections raised by the last registrations surface on the next turns of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("unhandledRejection", onRejection);
    restoreSdk();
  }
  // Code-unit order, not localeCompare: the output must not depend on the machine's locale.
  resources.sort((a, b) => compareText(a.urn, b.urn));
  return { project, stack, resources, errors: dedupe(errors) };
}

/**
 * A RegisterResourceRequest as the plan records it. Exported for the test that starts the program as
 * the language host does (test/languageHost.test.ts): its monitor records the requests it is sent the
 * same way, so that any difference is in what the program sent.
 */
export function recordRegistration(req: any, urn: string, stack: string, project: string): RecordedResource {
  return record(req, urn, (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>, stack, project);
}

function record(req: any, urn: string, inputs: Record<string, unknown>, stack: string, project: string): RecordedResource {
  const custom: boolean = req.getCustom();
  const type: string = req.getType();
  const name: string = req.getName();
  const parent: string = req.getParent();
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
    const urns: string[] = deps.getUrnsList();
    if (urns.length) propertyDependencies[key] = [...urns].sort();
  });
  const provider: string = req.getProvider();
  return {
    urn,
    type,
    name,
    custom,
    ...(parent ? { parent } : {}),
    dependencies: [...new Set<string>(req.getDependenciesList())].sort(),
    propertyDependencies: sortKeys(propertyDependencies),
    ...(custom && !type.startsWith("pulumi:providers:")
      ? { provider: provider ? provider.split("::").slice(0, -1).join("::") : defaultProviderUrn(stack, project, type, req.getVersion()) }
      : {}),
    protect: Boolean(req.getProtect()),
    retainOnDelete: Boolean(req.getRetainondelete()),
    deleteBeforeReplace: Boolean(req.getDeletebeforereplace()),
    ignoreChanges: [...req.getIgnorechangesList()].sort(),
    replaceOnChanges: [...req.getReplaceonchangesList()].sort(),
    aliases: aliasUrns(req, stack, project, type, name, parent),
    inputs: renderValue(inputs) as Record<string, unknown>,
  };
}

/**
 * The engine's default provider for a package: `pulumi:providers:<pkg>::default_<version>`
 * (pkg/resource/deploy/providers/registry.go), so that the plan names the provider as a preview does.
 */
function defaultProviderUrn(stack: string, project: string, type: string, version: string): string {
  const pkg = type.split(":")[0];
  const name = version ? `default_${version.replace(/[^A-Za-z0-9]/g, "_")}` : "default";
  return `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::${name}`;
}

function aliasUrns(req: any, stack: string, project: string, type: string, name: string, parent: string): string[] {
  const urns: string[] = [];
  for (const alias of req.getAliasesList()) {
    const direct = alias.getUrn();
    if (direct) {
      urns.push(direct);
      continue;
    }
    const spec = alias.getSpec();
    if (!spec) continue;
    const aliasParent = spec.getNoparent() ? "" : spec.getParenturn() || parent;
    urns.push(engineUrn(spec.getStack() || stack, spec.getProject() || project, aliasParent, spec.getType() || type, spec.getName() || name));
  }
  for (const urn of req.getAliasurnsList()) urns.push(urn);
  return [...new Set(urns)].sort();
}

function toProgramError(reason: unknown): ProgramError {
  if (!(reason instanceof Error)) return { message: String(reason) };
  // A ResourceError names its resource; the SDK keeps its type and name on it.
  const resource = (reason as { resource?: { __pulumiType?: string; __name?: string } }).resource;
  const origin = resource?.__pulumiType && resource.__name ? `${resource.__pulumiType}::${resource.__name}` : undefined;
  return { message: reason.message, ...(origin ? { resource: origin } : {}) };
}

function dedupe(errors: ProgramError[]): ProgramError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.resource ?? ""}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => compareText(a, b)));
}

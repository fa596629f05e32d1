"use strict";
/**
 * The plan's TypeScript loader: `node -r ./tools/plan/register.js tools/plan/cli.ts` (`npm run plan`).
 *
 * Each project `.ts` file is transpiled with @swc/core once, and the JavaScript is kept under
 * `node_modules/.cache/platform-plan/`, named by a hash of the file's path and content, the swc version
 * and the options below; V8's compiled code for it (a code cache, taken when the process exits) is kept
 * beside it. A later process that requires the same file loads that JavaScript with its code cache and
 * never loads swc, TypeScript's tsconfig reader or a source-map library: what `-r @swc-node/register`
 * costs on every start. The stack schema's validator (stacks/validate/cachedValidator.ts, a megabyte of
 * generated code in the same directory) gets the same code cache.
 *
 * Never stale: a changed file has another hash, and V8 itself rejects a code cache that does not match
 * its source, its version or its flags (the cache is then taken again). A fresh clone creates the
 * directory on its first run; node_modules/ is not committed. Plain JavaScript, so that Node runs it
 * without a loader. `PLAN_DEBUG=1` transpiles with inline source maps, turns on Node's source-map
 * support and compiles as Node does, so that traces point into the TypeScript.
 */
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

const Debug = Boolean(process.env.PLAN_DEBUG);
/** `PLAN_CACHE_DIR` moves it (the tests use a temporary one). */
const CacheDir = process.env.PLAN_CACHE_DIR || path.resolve(__dirname, "..", "..", "node_modules", ".cache", "platform-plan");
/** Bump when the transform below changes in a way the options do not show. */
const LoaderVersion = "1";

/**
 * What `-r @swc-node/register` gives for this repository's tsconfig.json (target ES2022, CommonJS,
 * esModuleInterop, class fields defined, class names kept).
 */
function swcOptions(filename) {
  return {
    filename,
    jsc: {
      target: "es2022",
      externalHelpers: false,
      parser: { syntax: "typescript", tsx: filename.endsWith(".tsx"), decorators: false, dynamicImport: true },
      transform: { legacyDecorator: false, decoratorVersion: "2021-12", decoratorMetadata: false, useDefineForClassFields: true },
      keepClassNames: true,
      experimental: { keepImportAttributes: true },
    },
    minify: false,
    isModule: true,
    module: { type: "commonjs", noInterop: false, ignoreDynamic: false },
    sourceMaps: Debug ? "inline" : false,
    inlineSourcesContent: true,
    swcrc: false,
    configFile: false,
  };
}

let swc;
let swcVersion;
/** The swc version is part of every key; read from its package.json, without loading the binding. */
function swcVersionOf() {
  swcVersion ??= JSON.parse(fs.readFileSync(require.resolve("@swc/core/package.json"), "utf8")).version;
  return swcVersion;
}

/** Written under a unique name and renamed: a concurrent process reads the whole file or none. */
function writeAtomic(file, data) {
  try {
    fs.mkdirSync(CacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch {
    // A read-only checkout still runs; it only does the work again next time.
  }
}

let pruned = false;
/**
 * Entries are never rewritten, so old ones would pile up as files change: when a process has to
 * transpile anyway, it removes entries older than two weeks (one still in use is only made again).
 */
function prune() {
  if (pruned) return;
  pruned = true;
  try {
    const before = Date.now() - 14 * 24 * 3600 * 1000;
    for (const name of fs.readdirSync(CacheDir)) {
      const file = path.join(CacheDir, name);
      if (fs.statSync(file).mtimeMs < before) fs.rmSync(file, { force: true });
    }
  } catch {
    // pruning is housekeeping only
  }
}

/** The JavaScript of a .ts file and the cache entry it is kept under. */
function transpile(source, filename) {
  const options = swcOptions(filename);
  const key = crypto
    .createHash("sha256")
    .update(`${LoaderVersion}\0${swcVersionOf()}\0${JSON.stringify(options)}\0`)
    .update(source)
    .digest("hex");
  const cached = path.join(CacheDir, `${key}.js`);
  try {
    return { code: fs.readFileSync(cached, "utf8"), entry: cached };
  } catch {
    // not cached yet (or the cache is unreadable): transpile
  }
  prune();
  swc ??= require("@swc/core");
  const { code } = swc.transformSync(source, options);
  writeAtomic(cached, code);
  return { code, entry: cached };
}

/** Scripts compiled without a usable code cache: theirs is taken when the process exits. */
const uncached = [];
process.once("exit", () => {
  for (const { script, file } of uncached) {
    try {
      writeAtomic(file, script.createCachedData());
    } catch {
      // a code cache is an optimisation only
    }
  }
});

/**
 * What `module._compile` does (the CommonJS wrapper, `require` as the module sees it), with V8's code
 * cache for `entry` (a file of the cache directory, named by its content).
 */
function compileCached(module, code, filename, entry) {
  const cacheFile = entry.replace(/\.js$/, ".v8");
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet
  }
  // (swc turns the project's `import()` into `require`, so the script needs no dynamic-import hook.)
  const script = new vm.Script(Module.wrap(code), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) uncached.push({ script, file: cacheFile });
  const fn = script.runInThisContext({ displayErrors: true });
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  fn.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
}

/** Without a debugger's needs, and where Node still has the CommonJS wrapper, compile with the code cache. */
const CodeCache = !Debug && typeof Module.wrap === "function";

function loadTypeScript(module, filename) {
  const { code, entry } = transpile(fs.readFileSync(filename, "utf8"), filename);
  if (!CodeCache) module._compile(code, filename);
  else compileCached(module, code, filename, entry);
}

const loadJs = Module._extensions[".js"];
/** JavaScript generated into the cache directory (the schema validator) gets a code cache too. */
function loadJavaScript(module, filename) {
  if (!CodeCache || !filename.startsWith(CacheDir + path.sep)) return loadJs(module, filename);
  compileCached(module, fs.readFileSync(filename, "utf8"), filename, filename);
}

for (const ext of [".ts", ".cts", ".tsx"]) Module._extensions[ext] = loadTypeScript;
Module._extensions[".js"] = loadJavaScript;
if (Debug && typeof process.setSourceMapsEnabled === "function") process.setSourceMapsEnabled(true);

// The SDK's requires of typescript and @npmcli/arborist get stand-ins that load them on first use.
require("./lazy/install");

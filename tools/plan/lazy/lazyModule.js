"use strict";
/**
 * Modules @pulumi/pulumi requires when it loads and neither a plan nor a program under test ever
 * calls: `typescript` (closure serialization of functions, 230 ms) and `@npmcli/arborist` (the
 * packages of a serialized function, 210 ms). install.js gives the SDK's requires of them these
 * stand-ins (for the plan's loader and the bench's floor), and jest.config.js maps them the same way:
 * each loads the real module on first use. Same behaviour, later: nothing is replaced.
 */
const path = require("path");

/** The real module's directory (its package.json is not mapped; the bare name is, to the stand-in). */
const realPath = (name) => path.dirname(require.resolve(`${name}/package.json`));

/** For a module used as a namespace (`ts.createSourceFile`): every property read loads it. */
exports.lazyNamespace = (name) => {
  let real;
  const load = () => (real ??= require(realPath(name)));
  return new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });
};

/**
 * For a module that the SDK wraps with `__importStar`, which copies every property at load unless the
 * module says it is an ES module: the stand-in says so (the SDK then keeps it as it is) and loads the
 * real module when one of the named exports is first read.
 */
exports.lazyExports = (name, keys) => {
  let real;
  const load = () => (real ??= require(realPath(name)));
  const exports = { __esModule: true };
  for (const key of keys) Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });
  return exports;
};

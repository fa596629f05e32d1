"use strict";
/**
 * Gives @pulumi/pulumi's requires of `typescript` and `@npmcli/arborist` the stand-ins beside this
 * file, which load the real module on first use (lazyModule.js says why): 0.44 s of every start that a
 * plan never needed. Required by the plan's loader (tools/plan/register.js) and by the bench's floor
 * (tools/bench/floor.js), so that both load the same files; jest maps the two names itself.
 */
const Module = require("module");
const path = require("path");

const StandIns = { typescript: path.join(__dirname, "typescript.js"), "@npmcli/arborist": path.join(__dirname, "arborist.js") };
const SdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json")) + path.sep;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (Object.hasOwn(StandIns, request) && parent?.filename?.startsWith(SdkDir)) return StandIns[request];
  return resolveFilename.call(this, request, parent, ...rest);
};

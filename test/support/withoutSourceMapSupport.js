// Preloaded in the language-host test's program runs (test/languageHost.ts): the SDK's `cmd/run`
// installs source-map-support, which maps every stack trace the SDK takes (one per promise) through
// the source maps of the files on the stack. The plan's loader writes none (tools/plan/register.js),
// so it maps nothing and only costs about a CPU-second a run. Registrations never see it.
const Module = require("module");
const path = require("path");
const runDir = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run");
const register = require.resolve("source-map-support/register", { paths: [runDir] });
const stub = new Module(register);
stub.loaded = true;
require.cache[register] = stub;

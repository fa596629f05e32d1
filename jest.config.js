// Type-checking happens once, in `tsc --build` (npm test); jest only transpiles, with swc.
// jest is pinned at 30.1: from 30.2 jest-circus runs every test inside an AsyncLocalStorage, which turns
// on Node 20's promise hooks for every promise the SDK makes (8% of the suites' CPU; test/promiseHooks.test.ts).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleFileExtensions: ["ts", "js", "json"],
  // Many tests plan the whole prod estate several times (about 1 s each here); on a loaded 2-core CI
  // runner that crossed jest's 5 s default. This is a hang guard, not a speed check (that is `npm run bench`).
  testTimeout: 60_000,
  // jest's default keeps a core for itself, which on a 2-core runner means one worker: the suites ran
  // one after another (140 s). Both cores halve that; the parent only waits on the workers.
  maxWorkers: "100%",
  setupFiles: ["<rootDir>/test/support/diskCache.js", "<rootDir>/test/support/reusedRuns.js"],
  // Loaded on first use instead of with @pulumi/pulumi in every test file (tools/plan/lazy/lazyModule.js).
  moduleNameMapper: {
    "^typescript$": "<rootDir>/tools/plan/lazy/typescript.js",
    "^@npmcli/arborist$": "<rootDir>/tools/plan/lazy/arborist.js",
  },
};

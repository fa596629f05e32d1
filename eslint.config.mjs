// One lint configuration for the program, the components, the tools, the policy pack and the tests
// (`npm test` runs it before jest). typescript-eslint's recommended rules without type information:
// tsc already type-checks everything once, and type-aware linting would double the cost.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const node = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  process: "readonly",
  __dirname: "readonly",
  __filename: "readonly",
  console: "readonly",
  Buffer: "readonly",
  setImmediate: "readonly",
};

export default tseslint.config(
  { ignores: ["bin/", "policies/bin/", "node_modules/", "coverage/"] },
  // A disable comment that disables nothing is an error: every one left says why it is there.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: node },
    rules: {
      // Unused values are tsc's job (noUnusedLocals, noUnusedParameters).
      "@typescript-eslint/no-unused-vars": "off",
    },
  },
  {
    // Untyped data by nature: provider props as the policy SDK hands them, recorded inputs and JSON in
    // tests, and the SDK's generated gRPC stubs at the recorder's boundary.
    files: ["policies/**/*.ts", "test/**/*.ts", "tools/plan/record.ts", "tools/plan/sdkShortcuts.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // CommonJS: the loaders jest and node run before any TypeScript (test/support, tools/*.js).
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The language-host test loads the SDK's generated gRPC modules, which have no ES exports; a test
    // suite loads its files inside describe blocks, which register their tests synchronously.
    files: ["test/languageHost.ts", "test/suites/suite.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);

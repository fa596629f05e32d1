import type { Options, ValidateFunction } from "ajv";
import * as fs from "fs";
import * as path from "path";
import { cacheDir, cacheKey, diskCacheEnabled, packageVersion, writeAtomic } from "../cache/diskCache";

/** An annotation keyword (no validation of its own), such as `expected`. */
export interface AnnotationKeyword {
  keyword: string;
  schemaType: "string";
}

/**
 * `new Ajv(options).compile(schema)`, kept on disk: compiling the stack schema takes longer than the
 * rest of the validation by far (every key, with `allErrors` and `verbose`, is a megabyte of code), so
 * the validator ajv generates is written once as a standalone module (`ajv/dist/standalone`) under
 * `node_modules/.cache/platform-plan/`, named by a hash of the schema, the options, the keywords and
 * ajv's version, and every later process requires it. A changed schema has another hash, so a stale
 * validator is never used; nothing generated is committed. Where the cache cannot be written, the
 * validator compiled in memory is used.
 */
export function cachedValidator(schema: object, options: Options, keywords: AnnotationKeyword[]): ValidateFunction {
  if (!diskCacheEnabled()) return compile(schema, options, keywords).validate;
  const key = cacheKey(JSON.stringify({ v: `${packageVersion("ajv")}/1`, options, keywords, schema }));
  const file = path.join(cacheDir(), `ajv-${key}.js`);
  if (fs.existsSync(file)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated, content-addressed
      return require(file) as ValidateFunction;
    } catch {
      // unreadable or cut short: generated again below
    }
  }
  const { validate, standalone } = compile(schema, options, keywords);
  if (!writeAtomic(file, standalone())) return validate;
  try {
    // The same module later processes load, so that every run validates with the same code.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated, content-addressed
    return require(file) as ValidateFunction;
  } catch {
    return validate;
  }
}

/** ajv itself is loaded only here: a cached validator needs a few of its runtime helpers, not its compiler. */
function compile(schema: object, options: Options, keywords: AnnotationKeyword[]): { validate: ValidateFunction; standalone: () => string } {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when a validator is compiled */
  const Ajv = (require("ajv") as typeof import("ajv")).default;
  const standaloneCode = (require("ajv/dist/standalone") as typeof import("ajv/dist/standalone")).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ajv = new Ajv({ ...options, code: { ...options.code, source: true } });
  for (const keyword of keywords) ajv.addKeyword(keyword);
  const validate = ajv.compile(schema);
  return { validate, standalone: () => standaloneCode(ajv, validate) };
}

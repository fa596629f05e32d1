// The tests are the plan's side: they keep derived files (the validator, parsed stack files) in the
// plan's disk cache, as `npm run plan` does (stacks/cache/diskCache.ts).
require("../../stacks/cache/diskCache").enableDiskCache();

// `npm test`'s jest: the same tests as jest.config.js, run as one jest file per area
// (test/suites/members.ts says why and which), so that each area loads the SDK and the program once.
// `npx jest test/<file>.test.ts` keeps using jest.config.js, one file at a time.
/** @type {import('jest').Config} */
module.exports = {
  ...require("./jest.config.js"),
  roots: ["<rootDir>/test/suites"],
  testMatch: ["**/*.suite.ts"],
};

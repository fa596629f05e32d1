import { executionAsyncId } from "async_hooks";

/**
 * No promise hook is on while the tests run. Node 20 turns them on for every promise once anything
 * enters an AsyncLocalStorage or enables an async hook; jest-circus 30.2 and later run every test
 * inside one (`testNameStorage.run`, 30.5 also `runInTestExecutionContext`), and the SDK makes
 * hundreds of promises per resource: about 8% of the suites' CPU. That is why package.json pins jest
 * 30.1 (docs/tests.md). A promise callback sees async id 0 only when no hook tracks promises.
 */
describe("the test runner", () => {
  test("GIVEN a test that awaits WHEN its continuation runs THEN no promise hook tracked the promise", async () => {
    const id = await Promise.resolve().then(() => executionAsyncId());
    expect(id).toBe(0);
  });
});

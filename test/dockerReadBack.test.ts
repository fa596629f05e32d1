import { cpusReadBackExactly, dockerCpus, goDuration } from "../components/docker/readBack";

// kreuzwerker/terraform-provider-docker v4.5.0 internal/provider: helpers.go nanoInt64ToDecimalString
// (cpus from the daemon's NanoCPUs) and resource_docker_container_funcs.go (healthcheck durations
// through Go's time.Duration.String()). Sending anything else is a diff at every refresh.
describe("Docker container inputs as the provider reads them back", () => {
  test.each([
    [1, "1.0"],
    [2, "2.0"],
    [0.5, "0.5"],
    [0.25, "0.25"],
    [1.5, "1.5"],
    [1.25, "1.25"],
    [10, "10."],
    [0.05, "0.1"],
    [20.05, "20.1"],
  ])("GIVEN cpus %s WHEN read back THEN it is %s", (cpus, readBack) => {
    expect(dockerCpus(cpus)).toBe(readBack);
  });

  test("GIVEN a CPU count whose read-back rounds WHEN checked THEN it is not exact; the usual ones are", () => {
    for (const cpus of [0.25, 0.5, 1, 1.5, 2, 4, 10]) expect(cpusReadBackExactly(cpus)).toBe(true);
    for (const cpus of [0.01, 0.05, 20.05]) expect(cpusReadBackExactly(cpus)).toBe(false);
  });

  test.each([
    ["10s", "10s"],
    ["5s", "5s"],
    ["60s", "1m0s"],
    ["90s", "1m30s"],
    ["1m", "1m0s"],
    ["1h", "1h0m0s"],
    ["3700s", "1h1m40s"],
    ["500ms", "500ms"],
    ["1500ms", "1.5s"],
    ["61250ms", "1m1.25s"],
  ])("GIVEN the duration %s WHEN read back THEN it is %s", (text, readBack) => {
    expect(goDuration(text)).toBe(readBack);
  });
});

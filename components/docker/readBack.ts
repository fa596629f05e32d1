/**
 * Container inputs written the way the Docker provider reads them back from the daemon. A value that
 * reads back otherwise is a diff at every refresh, and `cpus` forces replacement: `cpus: "1"` would
 * recreate the container (postgres included) on every `pulumi up`. Both functions mirror
 * kreuzwerker/terraform-provider-docker v4.5.0, `internal/provider`.
 */

/**
 * `nanoInt64ToDecimalString` (helpers.go), which turns the daemon's NanoCPUs back into `cpus`: nine
 * decimals; when the string then holds exactly nine zeros, one decimal ("1.0", "0.5"); otherwise the
 * trailing zeros trimmed ("1.25", and "10." for ten, whose integer part adds a zero).
 */
export function dockerCpus(cpus: number): string {
  const nano = BigInt(Math.round(cpus * 1e9));
  if (nano === 0n) return "0";
  const nine = `${nano / 1_000_000_000n}.${(nano % 1_000_000_000n).toString().padStart(9, "0")}`;
  if ((nine.match(/0/g) ?? []).length === 9) return oneDecimal(nano);
  return nine.replace(/0+$/, "");
}

/** big.Rat's FloatString(1): rounded half away from zero to one decimal. */
function oneDecimal(nano: bigint): string {
  const tenths = (nano + 50_000_000n) / 100_000_000n;
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** True when `cpus` reads back as the same number (0.05 reads back "0.1": never settles). */
export const cpusReadBackExactly = (cpus: number): boolean => Number(dockerCpus(cpus)) === cpus;

/** The durations goDuration takes: a whole number of ms, s, m or h. */
export const GoDurationInput = /^(\d+)(ms|s|m|h)$/;

/**
 * A healthcheck duration as Go's `time.Duration.String()` prints it, which is how the container's
 * `interval`, `timeout` and `start_period` are read back (resource_docker_container_funcs.go):
 * "60s" is "1m0s", "1h" is "1h0m0s", "1500ms" is "1.5s". Takes the schema's `<n>(ms|s|m|h)`; DockerStack
 * refuses any other duration first, so its throw is a caller's bug, not an argument error.
 */
export function goDuration(text: string): string {
  const match = GoDurationInput.exec(text);
  if (!match) throw new Error(`goDuration: expected <n>ms|s|m|h, got ${JSON.stringify(text)}`);
  const ms = Number(match[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as "ms" | "s" | "m" | "h"];
  if (ms === 0) return "0s";
  if (ms < 1_000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = `${Math.floor((ms % 60_000) / 1_000)}${
    ms % 1_000
      ? `.${String(ms % 1_000)
          .padStart(3, "0")
          .replace(/0+$/, "")}`
      : ""
  }s`;
  if (hours) return `${hours}h${minutes}m${seconds}`;
  if (minutes) return `${minutes}m${seconds}`;
  return seconds;
}

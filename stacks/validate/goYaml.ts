/**
 * How the Pulumi CLI reads a plain (unquoted, untagged) YAML scalar of a stack file. The CLI decodes
 * `Pulumi.<stack>.yaml` with Go's gopkg.in/yaml.v3 into `any` (pulumi/pulumi
 * sdk/go/common/workspace/loaders.go, LoadProjectStackBytes), and a config value keeps what that
 * decoder made of each scalar, a timestamp as Go's `time.Time.String()`
 * (sdk/go/common/resource/config/object.go, unmarshalObject). This is yaml.v3's `resolve` for plain
 * scalars (go-yaml/yaml v3 resolve.go at f6f7691), which YAML 1.1 habits reach: dates, `0755` as
 * octal, `1_000`, `0b101`.
 */
export type GoScalar =
  | { tag: "null"; value: null }
  | { tag: "bool"; value: boolean }
  | { tag: "int"; value: bigint }
  | { tag: "float"; value: number }
  | { tag: "timestamp"; value: string }
  | { tag: "str"; value: string }
  | { tag: "merge"; value: "<<" };

const Fixed: ReadonlyMap<string, GoScalar> = new Map<string, GoScalar>([
  ...["true", "True", "TRUE"].map((s) => [s, { tag: "bool", value: true }] as const),
  ...["false", "False", "FALSE"].map((s) => [s, { tag: "bool", value: false }] as const),
  ...["", "~", "null", "Null", "NULL"].map((s) => [s, { tag: "null", value: null }] as const),
  ...[".nan", ".NaN", ".NAN"].map((s) => [s, { tag: "float", value: NaN }] as const),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((s) => [s, { tag: "float", value: Infinity }] as const),
  ...["-.inf", "-.Inf", "-.INF"].map((s) => [s, { tag: "float", value: -Infinity }] as const),
  ["<<", { tag: "merge", value: "<<" }],
]);

const YamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const Int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

export function resolvePlainScalar(text: string): GoScalar {
  const fixed = Fixed.get(text);
  if (fixed) return fixed;
  const first = text[0];
  if (first === ".") {
    const float = goParseFloat(text);
    return float === undefined ? { tag: "str", value: text } : { tag: "float", value: float };
  }
  if (!/[-+0-9]/.test(first ?? "")) return { tag: "str", value: text };
  const timestamp = goTimestamp(text);
  if (timestamp !== undefined) return { tag: "timestamp", value: timestamp };
  const plain = text.replace(/_/g, "");
  const int = goParseInt(plain);
  if (int !== undefined) return { tag: "int", value: int };
  const float = goParseFloat(plain);
  if (float !== undefined) return { tag: "float", value: float };
  return { tag: "str", value: text };
}

/** strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64): sign, then 0x / 0o / 0b / leading-0 octal / decimal. */
function goParseInt(s: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!match) return undefined;
  const [, sign, digits] = match;
  const magnitude = /^0[oO]/.test(digits) ? BigInt(`0o${digits.slice(2)}`) : /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const value = sign === "-" ? -magnitude : magnitude;
  if (value >= Int64.min && value <= Int64.max) return value;
  return sign === "" && value <= 2n ** 64n - 1n ? value : undefined;
}

/** strconv.ParseFloat(s, 64) for the decimal forms YAML reaches (no hex floats, no underscores). */
function goParseFloat(s: string): number | undefined {
  return YamlStyleFloat.test(s) ? Number(s) : undefined;
}

/**
 * resolve.go's parseTimestamp: YYYY- first, then time.Parse with "2006-1-2T15:4:5.999999999Z07:00"
 * (also with a lower-case t), "2006-1-2 15:4:5.999999999" (UTC) or "2006-1-2". Returns what
 * time.Time.String() prints ("2025-11-22 00:00:00 +0000 UTC"), or undefined when it is no timestamp.
 */
function goTimestamp(s: string): string | undefined {
  if (!/^[0-9]{4}-/.test(s)) return undefined;
  const m =
    /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]+))?(Z|[-+][0-9]{2}:[0-9]{2}))|(?: ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]+))?))?$/.exec(
      s,
    );
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [m[4] ?? m[9] ?? "0", m[5] ?? m[10] ?? "0", m[6] ?? m[11] ?? "0"].map(Number);
  const fraction = m[7] ?? m[12];
  const zone = m[8];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  if (fraction !== undefined && fraction.length > 9) return undefined;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const nanos = fraction === undefined ? "" : `.${fraction.padEnd(9, "0")}`.replace(/\.?0+$/, "");
  const offset = zone === undefined || zone === "Z" ? "+0000 UTC" : `${zone.replace(":", "")} ${zone.replace(":", "")}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}${nanos} ${offset}`;
}

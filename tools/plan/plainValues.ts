import type { RecordedResource } from "./record";
import { renderValue, Secret } from "./values";

/**
 * Inputs a provider's SDK marks secret whatever the program passes (`pulumi.secret(args.value)` and
 * `additionalSecretOutputs`), so that a plan would read `[secret]` for a value the program declares
 * plain: a Vercel env var with `sensitive: false` (components/vercel: "its value is visible in the
 * Vercel dashboard and in the plan"). There the value the program passed is shown; everywhere else,
 * and for `sensitive: true`, a secret stays `[secret]`.
 */
const SdkMarked: { type: string; input: string; plain: (inputs: Record<string, unknown>) => boolean }[] = [
  { type: "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", input: "value", plain: (inputs) => inputs.sensitive === false },
];

/** Collects the plain values as the program registers them; `apply` writes them into the records. */
export function plainValues() {
  const found = new Map<string, string>();
  const seen = new Map<string, number>();
  return {
    onInputs(type: string, name: string, inputs: Record<string, unknown>): void {
      const rule = SdkMarked.find((r) => r.type === type);
      if (!rule || !rule.plain(inputs)) return;
      const key = `${type}::${name}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      // The SDK's wrapper holds the program's value: a string, or "[unknown]" (an output of another resource).
      const wrapped = inputs[rule.input] as { value?: unknown } | undefined;
      const value = wrapped && typeof wrapped === "object" ? renderValue(wrapped.value) : undefined;
      if (typeof value === "string" && value !== Secret) found.set(key, value);
    },
    apply(resources: RecordedResource[]): void {
      for (const r of resources) {
        const key = `${r.type}::${r.name}`;
        const rule = SdkMarked.find((x) => x.type === r.type);
        // Two registrations of one type and name (under different parents) cannot be told apart here.
        if (rule && found.has(key) && seen.get(key) === 1 && r.inputs[rule.input] === Secret) r.inputs[rule.input] = found.get(key);
      }
    },
  };
}

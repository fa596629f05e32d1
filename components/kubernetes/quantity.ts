/** Kubernetes resource quantities, for comparing a limit with its request. */

/** "500m" → 0.5, "1.5" → 1.5, "2" → 2; undefined when not a CPU quantity. */
export function cpuCores(quantity: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m?)$/.exec(quantity);
  if (!m) return undefined;
  return m[2] === "m" ? Number(m[1]) / 1000 : Number(m[1]);
}

const BinarySuffixes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DecimalSuffixes: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** "512Mi" → 536870912, "1G" → 1e9; undefined when not a memory quantity. */
export function memoryBytes(quantity: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T|)$/.exec(quantity);
  if (!m) return undefined;
  return Number(m[1]) * (BinarySuffixes[m[2]] ?? DecimalSuffixes[m[2]]);
}

/**
 * Resource quantities in Kubernetes' notation, which the stack files use for every memory size
 * (Cloud Run's `2Gi`, Docker's `512Mi`, a pod's limit): one parser for all of them.
 */

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

/** "512Mi" → 512, "2Gi" → 2048: Docker takes memory in MiB. Throws on what is not a memory quantity. */
export function mebibytes(quantity: string): number {
  const bytes = memoryBytes(quantity);
  if (bytes === undefined) throw new Error(`not a memory size: ${quantity}`);
  return bytes / BinarySuffixes.Mi;
}

/** "512Mi" → 0.5, "2Gi" → 2: Cloud Run's memory limits per CPU are in GiB. */
export const gibibytes = (quantity: string): number => mebibytes(quantity) / 1024;

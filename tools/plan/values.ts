/**
 * How the plan shows values that a preview cannot know or must not print. Both are plain strings so
 * that a rendered plan is ordinary JSON, the way `pulumi preview --json` shows them.
 */
export const Secret = "[secret]";
export const Unknown = "[unknown]";

// Wire signatures of Pulumi's RPC layer (sdk/nodejs/runtime/rpc.ts).
const SigKey = "4dabf18193072939515e22adb298388d";
const SecretSig = "1b47061264138c4ac30d75fd1eb44270";
const ResourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
const AssetSig = "c44067f5952c0a294b673a41bacd8c17";
const ArchiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";
const OutputSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UnknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Serialized inputs → displayable values: secrets become "[secret]" (whatever is inside, known or
 * not), unknowns "[unknown]", resource references their URN. Map keys are sorted, so the same inputs
 * always render to the same text.
 */
export function renderValue(value: unknown): unknown {
  if (value === UnknownValue) return Unknown;
  if (Array.isArray(value)) return value.map(renderValue);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  switch (obj[SigKey]) {
    case SecretSig:
      return Secret;
    case ResourceSig:
      return obj.urn;
    case OutputSig:
      if (obj.secret) return Secret;
      return "value" in obj ? renderValue(obj.value) : Unknown;
    case AssetSig:
      return { asset: obj.path ?? obj.uri ?? "[text]" };
    case ArchiveSig:
      return { archive: obj.path ?? obj.uri ?? "[assets]" };
  }
  const rendered: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] !== undefined) rendered[key] = renderValue(obj[key]);
  }
  return rendered;
}

/** True when a rendered value holds a secret anywhere inside it. */
export function containsSecret(value: unknown): boolean {
  if (value === Secret) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSecret);
  return false;
}

import { Type } from "@sinclair/typebox";
import { DnsLabel, Integer, NamedMap, RotationKey, Strict } from "./common";

/**
 * Secret Manager secrets, keyed by secret id (the name the runbooks use: JWT_SECRET, ...).
 * With `generate`, the platform creates the value from @pulumi/random and a new version whenever
 * `rotation` changes. Without it, the secret is declared here and its versions are added outside the
 * program (`gcloud secrets versions add`), because the value comes from a third party (Stripe).
 */
export const GeneratedValue = Strict({
  length: Integer(32, 256, { default: 64, expected: "a length from 32 to 256 characters" }),
  rotation: RotationKey,
});

export const SecretSettings = Strict({
  product: DnsLabel,
  description: Type.Optional(Type.String({ maxLength: 200, expected: "a description of at most 200 characters" })),
  generate: Type.Optional(GeneratedValue),
});

export const SecretsKeys = {
  "platform:secrets": NamedMap(
    "^[A-Za-z0-9_-]{1,255}$",
    "a Secret Manager secret id (letters, digits, '_' and '-')",
    SecretSettings,
    { default: {} },
  ),
};

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

const SecretId = ["^[A-Za-z0-9_-]{1,255}$", "a Secret Manager secret id (letters, digits, '_' and '-')"] as const;

/**
 * A declared secret's value, given in the stack file encrypted:
 * `pulumi config set --secret --path 'platform:secretValues.<ID>.value' <value>`. The platform writes
 * it as the secret's version; `rotation` names that value, so readers roll when it changes. This is
 * the one key that may hold `secure:` values (stacks/validate/secureValues.ts).
 */
export const SecretValue = Strict({
  value: Type.String({ minLength: 1, expected: "a secure: value (pulumi config set --secret --path 'platform:secretValues.<ID>.value' <value>)" }),
  rotation: RotationKey,
});

export const SecretsKeys = {
  "platform:secrets": NamedMap(...SecretId, SecretSettings, { default: {} }),
  "platform:secretValues": NamedMap(...SecretId, SecretValue, { default: {} }),
};

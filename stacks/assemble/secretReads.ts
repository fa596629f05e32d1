import * as gcp from "../../components/providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ManagedSecret } from "../../components/secrets/managedSecret";
import { Assembly } from "./context";

/** One secret as read for a resource that needs its value, and how to name it without the value. */
export interface SecretRead {
  /** The value, a Pulumi secret. Under mocks (or before a version exists) it is empty. */
  value: pulumi.Output<string>;
  /** `JWT_SECRET@rotation:2025-11-07`, `STRIPE@3`, `REDIS_URL@latest`: known before apply, never hashed. */
  revision: string;
  /** What the read waits for: the secret, and the version the platform writes. */
  sources: pulumi.Resource[];
}

/**
 * Reads a secret's value from Secret Manager for a resource that needs the value itself (a Vercel env
 * var, Kubernetes' db-secrets, a Docker env, a Slack token): at `version` when the stack file pins one,
 * else at the version the platform wrote (`latest` for an external secret), after that version exists.
 * Each read is recorded in the assembly, so the preview identity may read exactly these secrets
 * (ciAccess.ts): `pulumi preview` and the nightly drift run read them too.
 */
export function readSecret(a: Assembly, secrets: Map<string, ManagedSecret>, secretId: string, version?: string): SecretRead {
  const secret = secrets.get(secretId)!; // the spec checked that every reference is declared
  a.secretReads.add(secretId);
  const sources = secret.version ? [secret.secret, secret.version] : [secret.secret];
  const read = gcp.secretmanager.getSecretVersionOutput(
    { project: a.spec.gcp.project, secret: secret.secretId, version: version ?? secret.versionRef },
    { provider: a.gcp, dependsOn: sources },
  );
  const named = version ?? (secret.rotation !== undefined ? `rotation:${secret.rotation}` : "latest");
  return {
    value: pulumi.secret(read.apply((result) => result?.secretData ?? "")),
    revision: `${secretId}@${named}`,
    sources,
  };
}

import * as pulumi from "@pulumi/pulumi";
import { ManagedSecret, SuppliedSecretValue } from "../../components/secrets/managedSecret";
import { Assembly } from "./context";

/**
 * `platform:secrets` → one ManagedSecret each, keyed by secret id. `supplied` holds the values other
 * areas make (Atlas connection strings), written as versions of the secrets they name; values given
 * in `platform:secretValues` are written the same way, as Pulumi secrets from the moment they are read.
 */
export function assembleSecrets(a: Assembly, fromAreas: Map<string, SuppliedSecretValue> = new Map()): Map<string, ManagedSecret> {
  const supplied = new Map(fromAreas);
  for (const [secretId, given] of Object.entries(a.spec.secretValues)) {
    supplied.set(secretId, { value: pulumi.secret(given.value), source: "config", rotation: given.rotation });
  }
  const secrets = new Map<string, ManagedSecret>();
  for (const [secretId, secret] of Object.entries(a.spec.secrets)) {
    secrets.set(
      secretId,
      new ManagedSecret(
        secretId,
        {
          secretId,
          project: a.spec.gcp.project,
          labels: a.labels(secret.product),
          description: secret.description,
          generate: secret.generate,
          supplied: supplied.get(secretId),
          protect: a.protectStateful,
        },
        { provider: a.gcp },
      ),
    );
  }
  return secrets;
}

import { ManagedSecret } from "../../components/secrets/managedSecret";
import { Assembly } from "./context";

/** `platform:secrets` → one ManagedSecret each, keyed by secret id. */
export function assembleSecrets(a: Assembly): Map<string, ManagedSecret> {
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
          protect: a.protectStateful,
        },
        { provider: a.gcp },
      ),
    );
  }
  return secrets;
}

import * as gcp from "../../components/providers/gcp";
import { ManagedSecret } from "../../components/secrets/managedSecret";
import { Assembly } from "./context";

/**
 * The preview identity's read access to exactly the secrets the program reads the value of
 * (secretReads.ts), one grant per secret: a preview and the nightly drift run read them, and with
 * `roles/viewer` alone they fail as soon as the secrets have versions. Called last, after every area
 * has made its reads.
 */
export function assembleCiAccess(a: Assembly, secrets: Map<string, ManagedSecret>): gcp.secretmanager.SecretIamMember[] {
  const account = a.spec.ci?.previewServiceAccount;
  if (!account) return [];
  return [...a.secretReads].sort().map(
    (secretId) =>
      new gcp.secretmanager.SecretIamMember(
        `${secretId}-preview-reads`,
        {
          project: a.spec.gcp.project,
          secretId: secrets.get(secretId)!.secretId,
          role: "roles/secretmanager.secretAccessor",
          member: `serviceAccount:${account}`,
        },
        { provider: a.gcp },
      ),
  );
}

import { Type } from "@sinclair/typebox";
import { Strict } from "./common";

/**
 * What CI's identities may do that the program declares. The preview identity (`pulumi preview` on a
 * pull request, the nightly drift run) is read-only, but a preview reads the values of the secrets the
 * program hands to Vercel, Kubernetes and Docker (getSecretVersion runs at preview time), so it is
 * granted `roles/secretmanager.secretAccessor` on exactly those secrets, and on no other.
 */
export const CiSettings = Strict({
  previewServiceAccount: Type.String({
    pattern: "^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\\.iam\\.gserviceaccount\\.com$",
    expected: "a service account email such as pulumi-preview@mixillo.iam.gserviceaccount.com",
  }),
});

export const CiKeys = {
  "platform:ci": Type.Optional(CiSettings),
};

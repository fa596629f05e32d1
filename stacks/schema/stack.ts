import { Type } from "@sinclair/typebox";
import { LabelValue, OneOf, Strict } from "./common";

/** Who and where: the keys every stack file has, whatever it runs. */
export const Environment = OneOf(["prod", "staging", "dev"] as const);

export const GcpSettings = Strict({
  project: Type.String({
    pattern: "^[a-z][a-z0-9-]{4,28}[a-z0-9]$",
    expected: "a GCP project id (6-30 lower-case letters, digits and '-')",
  }),
  region: Type.String({ pattern: "^[a-z]+-[a-z]+[0-9]$", expected: "a GCP region such as europe-west1" }),
});

export const StackKeys = {
  "platform:environment": Environment,
  "platform:owner": LabelValue,
  "platform:gcp": GcpSettings,
};

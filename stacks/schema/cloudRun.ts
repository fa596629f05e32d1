import { Type } from "@sinclair/typebox";
import { DnsLabel, EnvVarName, EnvVarNameExpected, HttpPath, ImageRef, Integer, Memory, NamedMap, OneOf, RotationKey, Strict } from "./common";

/** An env var read from Secret Manager; `version` pins an external secret's version. */
export const SecretEnv = Strict({
  secret: Type.String({ minLength: 1, expected: "the id of a secret declared under platform:secrets" }),
  version: Type.Optional(Type.String({ pattern: "^(latest|[1-9][0-9]*)$", expected: "latest or a version number" })),
});

/** One entry of a traffic split: a named revision, or the latest one, with an optional URL tag. */
export const TrafficTarget = Strict({
  revision: Type.Optional(Type.String({ minLength: 1, expected: "a revision name such as mixillo-backend-00075-82j" })),
  latest: Type.Optional(Type.Boolean()),
  percent: Integer(0, 100, { expected: "a percentage from 0 to 100" }),
  tag: Type.Optional(DnsLabel),
});

/**
 * Where requests go. Absent: all to the latest revision. `pinRevision`: 100 % to one revision (the
 * runbook's rollback). `split`: a canary between revisions; the percentages add up to 100.
 */
export const Traffic = Strict({
  pinRevision: Type.Optional(Type.String({ minLength: 1, expected: "a revision name such as mixillo-backend-00075-82j" })),
  split: Type.Optional(Type.Array(TrafficTarget, { minItems: 1, expected: "a list of traffic targets" })),
});

export const CloudRunService = Strict({
  product: DnsLabel,
  image: ImageRef,
  cpu: Type.Number({
    minimum: 0.08,
    maximum: 8,
    expected: "a CPU count: 1, 2, 4, 6 or 8, or a fraction of one CPU from 0.08",
  }),
  memory: Memory,
  minInstances: Integer(0, 1000, { expected: "an instance count from 0 to 1000" }),
  maxInstances: Integer(1, 1000, { expected: "an instance count from 1 to 1000" }),
  concurrency: Integer(1, 1000, { default: 80, expected: "requests per instance from 1 to 1000" }),
  timeoutSeconds: Integer(1, 3600, { default: 300, expected: "a request timeout from 1 to 3600 seconds" }),
  port: Integer(1, 65535, { default: 8080, expected: "a TCP port from 1 to 65535" }),
  healthPath: HttpPath,
  public: Type.Boolean({ default: false }),
  ingress: OneOf(["all", "internal", "internal-and-cloud-load-balancing"] as const, { default: "internal" }),
  env: NamedMap(EnvVarName, EnvVarNameExpected, Type.String({ expected: "a string (quote numbers and booleans)" }), { default: {} }),
  secretEnv: NamedMap(EnvVarName, EnvVarNameExpected, SecretEnv, { default: {} }),
  traffic: Type.Optional(Traffic),
  restartToken: Type.Optional(RotationKey),
});

export const CloudRunKeys = {
  "platform:cloudRun": NamedMap(
    "^[a-z][-a-z0-9]{0,24}[a-z0-9]$",
    "a Cloud Run service name of 2-26 lower-case letters, digits and '-' (its service account <name>-run must fit GCP's 30 characters)",
    CloudRunService,
    { default: {} },
  ),
};

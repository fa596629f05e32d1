import * as gcp from "../providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { argumentCheck } from "../argumentCheck";

export interface GeneratedSecretValue {
  /** Length of the generated value in characters. */
  length: number;
  /** Any change produces a new value and a new secret version (the runbook's "rotate"). */
  rotation: string;
}

export interface SuppliedSecretValue {
  value: pulumi.Input<string>;
  /** Where the value comes from, shown as the secret's source annotation (e.g. "atlas"). */
  source: string;
  rotation: string;
}

export interface ManagedSecretArgs {
  /** Secret Manager secret id, as the runbooks name it (JWT_SECRET). */
  secretId: string;
  project: pulumi.Input<string>;
  labels: Record<string, string>;
  description?: string;
  /**
   * Let the platform generate the value. Without it the secret is only declared, and its versions
   * are added outside the program (a value that comes from a third party, such as Stripe).
   * @default undefined: an externally managed secret
   */
  generate?: GeneratedSecretValue;
  /**
   * A value another component makes (an Atlas connection string), written as a version here.
   * `rotation` names the change that made it, for readers that roll on a new value.
   */
  supplied?: SuppliedSecretValue;
  /**
   * Refuse deletion, in Pulumi (`protect`) and in Secret Manager (`deletionProtection`).
   * @default true: losing a secret breaks every service that reads it
   */
  protect?: boolean;
}

/**
 * The secrets' annotation keys. Secret Manager takes keys of 1-63 characters that begin and end with an
 * alphanumeric and have only `-`, `_`, `.` and alphanumerics between: no `/` as in Kubernetes keys
 * (@pulumi/gcp 9.37.0 `secretmanager/secret.d.ts`, `annotations`).
 */
export const SecretAnnotations = {
  description: "platform.ops.description",
  source: "platform.ops.source",
  rotation: "platform.ops.rotation",
} as const;
export const SecretAnnotationKey = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/;

/**
 * A Secret Manager secret, optionally with a platform-generated value. A generated value is never
 * written anywhere but the secret version: it stays a Pulumi secret from @pulumi/random onwards.
 */
export class ManagedSecret extends pulumi.ComponentResource {
  readonly secret: gcp.secretmanager.Secret;
  /** The generated version, if the platform generates the value. */
  readonly version?: gcp.secretmanager.SecretVersion;
  /** The version a reader should use: the generated version's number, or `latest`. */
  readonly versionRef: pulumi.Output<string>;
  readonly secretId: pulumi.Output<string>;
  /** The rotation key of a generated or supplied value; undefined for an external secret. */
  readonly rotation?: string;

  constructor(name: string, args: ManagedSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:secrets:ManagedSecret", name, {}, opts);
    const fail = argumentCheck("ManagedSecret", name);
    // Guard: one secret has one source of its value, and a generated one is long enough to sign with.
    if (args.generate && args.supplied) {
      // Shown without supplied.value: the message must never carry the secret.
      const { source, rotation } = args.supplied;
      fail("supplied", { source, rotation }, "unset when generate is set (a secret is either generated or supplied, not both)");
    }
    if (args.generate && args.generate.length < 32) fail("generate.length", args.generate.length, "at least 32 characters");
    const protect = args.protect ?? true;
    const annotations: Record<string, string> = {};
    if (args.description) annotations[SecretAnnotations.description] = args.description;
    annotations[SecretAnnotations.source] = args.generate ? "generated" : (args.supplied?.source ?? "external");
    this.rotation = args.generate?.rotation ?? args.supplied?.rotation;
    if (this.rotation !== undefined) annotations[SecretAnnotations.rotation] = this.rotation;

    this.secret = new gcp.secretmanager.Secret(
      name,
      {
        secretId: args.secretId,
        project: args.project,
        replication: { auto: {} },
        labels: args.labels,
        annotations,
        deletionProtection: protect,
      },
      { parent: this, protect },
    );
    this.secretId = this.secret.secretId;

    const value = args.generate
      ? new random.RandomPassword(
          `${name}-value`,
          // Letters and digits only: the value travels through env vars and headers unquoted.
          { length: args.generate.length, special: false, keepers: { rotation: args.generate.rotation } },
          { parent: this },
        ).result
      : args.supplied && pulumi.secret(args.supplied.value);
    if (value) {
      // A new value replaces the version; the old one is disabled, not destroyed, so it can be
      // re-enabled if a rotation has to be undone.
      this.version = new gcp.secretmanager.SecretVersion(
        `${name}-version`,
        { secret: this.secret.id, secretData: value, deletionPolicy: "DISABLE" },
        { parent: this },
      );
      this.versionRef = this.version.version;
    } else {
      this.versionRef = pulumi.output("latest");
    }

    this.registerOutputs({ secret: this.secret, version: this.version, versionRef: this.versionRef, secretId: this.secretId });
  }
}

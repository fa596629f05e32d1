import { Type, TSchema, SchemaOptions, TObject, TProperties, TRecord, TString } from "@sinclair/typebox";

/**
 * Building blocks of the stack-file schema. Every leaf carries an `expected` annotation: the phrase
 * an error message uses when the stack file holds something else ("expected a memory size such as
 * 512Mi or 2Gi, found 2GB").
 */

/** A map of named entries whose keys must match `keyPattern` (for instance env var names). */
export function NamedMap<T extends TSchema>(keyPattern: string, keyExpected: string, value: T, options: SchemaOptions = {}): TRecord<TString, T> {
  const schema = Type.Record(Type.String(), value, { ...options, additionalProperties: false });
  // A record's keys are checked by propertyNames, so an odd key is reported by name.
  return { ...schema, propertyNames: { type: "string", pattern: keyPattern, expected: keyExpected } } as unknown as TRecord<TString, T>;
}

/** An object that rejects unknown keys; the error suggests the closest known one. */
export function Strict<P extends TProperties>(properties: P, options: SchemaOptions = {}): TObject<P> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

export const Integer = (minimum: number, maximum: number, options: SchemaOptions = {}) => Type.Integer({ minimum, maximum, ...options });

/** Lower-case DNS-1123 label: Cloud Run services, Kubernetes names, secret products. */
export const DnsLabel = Type.String({
  pattern: "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$",
  expected: "a lower-case name of letters, digits and '-', starting with a letter (at most 63 characters)",
});

/** A GCP label value: lower-case letters, digits, '_' and '-', at most 63 characters. */
export const LabelValue = Type.String({
  pattern: "^[a-z0-9_-]{1,63}$",
  expected: "a label value of lower-case letters, digits, '_' and '-' (at most 63 characters)",
});

/** Any change of a rotation key produces a new value; a date is the usual choice. */
export const RotationKey = Type.String({
  pattern: "^[A-Za-z0-9._:-]{1,63}$",
  expected: "a rotation key such as a date (2025-11-07): letters, digits, '.', '_', ':' and '-'",
});

export const EnvVarName = "^[A-Z_][A-Z0-9_]*$";
export const EnvVarNameExpected = "an environment variable name in upper case (A-Z, 0-9, '_')";

/** A container image pinned by tag or digest; `:latest` and bare names are rejected. */
export const ImageRef = Type.String({
  pattern: "^[a-z0-9][a-z0-9._/-]*(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})$",
  expected: "an image pinned by tag or digest (name:v1.2.3 or name@sha256:<64 hex>), not :latest",
});

export const Memory = Type.String({
  pattern: "^[1-9][0-9]*(Mi|Gi)$",
  expected: "a memory size such as 512Mi or 2Gi",
});

export const HttpPath = Type.String({ pattern: "^/[^\\s]*$", expected: "an absolute HTTP path such as /health" });

/** One of a fixed set of strings, as a plain JSON Schema `enum` (one error, with a suggestion). */
export function OneOf<const V extends readonly string[]>(values: V, options: SchemaOptions = {}) {
  return Type.Unsafe<V[number]>({ type: "string", enum: [...values], expected: `one of ${values.join(", ")}`, ...options });
}

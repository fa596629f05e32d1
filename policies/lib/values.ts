import { UnknownValueError } from "@pulumi/policy";
import { credentialInValue } from "./secretValues";

/** Marks a value a preview cannot know yet (it comes from another resource's outputs). */
export const Unknown = Symbol("unknown");
export type Maybe<T> = T | typeof Unknown;

function isUnknownError(error: unknown): boolean {
  return error instanceof UnknownValueError || (error instanceof Error && error.constructor.name === "UnknownValueError");
}

/**
 * Reads a property that may be unknown during preview. Most rules let the proxy's error escape, so
 * the server reports "can't run during preview" (advisory); a rule uses `peek` only where an unknown
 * value already answers its question (an output of a resource this stack declares).
 */
export function peek<T>(read: () => T): Maybe<T> {
  try {
    return read();
  } catch (error) {
    if (isUnknownError(error)) return Unknown;
    throw error;
  }
}

/** Every known string inside a value, unknown parts skipped: for "does this mention X" checks. */
export function knownStrings(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(() => v[i]);
    else if (v !== null && typeof v === "object") for (const key of Object.keys(v)) visit(() => (v as Record<string, unknown>)[key]);
  };
  const visit = (read: () => unknown) => {
    const v = peek(read);
    if (v !== Unknown) walk(v);
  };
  walk(value);
  return out;
}

/** True when `text` names `name` as a whole word (mixillo-backend, not mixillo-backend-hpa). */
export function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_-])${escaped}($|[^A-Za-z0-9_-])`).test(text);
}

/** Names that hold credentials by convention. */
export const SecretNamePattern = "(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_?KEY|(^|_)(URI|DSN)$|CONNECTION_?STRING)";

/**
 * Why a plain name/value pair looks like a secret, or undefined: its name matches `namePattern`, or
 * its value is a credential (secretValues.ts). `npm run ops -- env set` refuses either; the policies
 * judge the value alone and only advise on the name.
 */
export function secretLooking(name: string, value: unknown, namePattern: string): string | undefined {
  if (new RegExp(namePattern, "i").test(name)) return `its name "${name}" matches the secret-name pattern`;
  if (typeof value === "string" && credentialInValue(value)) return `the value of "${name}" looks like a credential`;
  return undefined;
}

/** Prefix length of an IPv4 or IPv6 CIDR ("10.0.0.0/8" → 8); a bare address is a single host. */
export function cidrPrefix(cidr: string): { prefix: number; v6: boolean } | undefined {
  const [address, bits] = cidr.trim().split("/");
  const v6 = address.includes(":");
  const max = v6 ? 128 : 32;
  if (bits === undefined) return { prefix: max, v6 };
  const prefix = Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return { prefix, v6 };
}

export function asArray<T>(value: T[] | undefined | null): T[] {
  return Array.isArray(value) ? value : [];
}

export function asMap(value: Record<string, string> | undefined | null): Record<string, string> {
  return value !== null && typeof value === "object" ? value : {};
}

/**
 * IAM members that a preview can read. An unknown member is interpolated from an output of a
 * resource this stack creates (`serviceAccount:${account.email}`), so it is never allUsers.
 */
export function knownMembers(read: () => string[] | string): string[] {
  const value = peek(read);
  if (value === Unknown) return [];
  const list = typeof value === "string" ? [value] : asArray(value);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const member = peek(() => list[i]);
    if (member !== Unknown) out.push(member);
  }
  return out;
}

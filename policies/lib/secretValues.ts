/**
 * Whether a plain value is a credential, judged by the value itself: a password in a URL, the shape
 * of a known key, a long random string, or a value the stack marked secret. A name says little (an
 * OAUTH_REDIRECT_URI is a URL, a TOKEN_TTL a number), so names alone only raise an advisory
 * (secret-name-advisory, Checkov's CKV_SECRET_10 "Secret Keyword"). The value checks are those of
 * Checkov's secret scanner (checkov/secrets/runner.py, built on Yelp's detect-secrets): AWS keys
 * CKV_SECRET_2, basic auth in a URL CKV_SECRET_4, Base64 high entropy CKV_SECRET_6 (4.5 bits per
 * character), JSON Web Tokens CKV_SECRET_9, npm tokens CKV_SECRET_12, private keys CKV_SECRET_13,
 * Slack CKV_SECRET_14, Stripe CKV_SECRET_17, Twilio CKV_SECRET_18, hex high entropy CKV_SECRET_19
 * (3.0 bits), plus the key shapes of the services these products use (GitHub, Google, SendGrid).
 */

/** How a preview (and the offline plan) shows a Pulumi secret: its author marked it a credential. */
export const SecretMarker = "[secret]";

const KeyShapes: [RegExp, string][] = [
  [/\b(sk|rk)_(live|test)_[A-Za-z0-9]{8,}/, "a Stripe secret key"],
  [/\bwhsec_[A-Za-z0-9]{8,}/, "a Stripe webhook secret"],
  [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/, "a GitHub token"],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/, "a Slack webhook URL"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/"private_key"\s*:/, "a service account key file"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
  [/\bGOCSPX-[A-Za-z0-9_-]{20,}/, "a Google OAuth client secret"],
  [/\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/, "a SendGrid API key"],
  [/\bSK[0-9a-f]{32}\b/, "a Twilio API key"],
  [/\bnpm_[A-Za-z0-9]{36}\b/, "an npm token"],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, "a JSON Web Token"],
];

/** scheme://user:password@host, with or without a user (redis://:password@host). */
const PasswordInUrl = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;
/** ?password=..., &access_token=..., &sig=... */
const CredentialInQuery = /[?&](password|passwd|pwd|token|access_token|auth_token|api_?key|secret|client_secret|sig|signature)=[^&\s#]{6,}/i;

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** A long random-looking word: base64 of 24+ characters above 4.5 bits, or hex of 32+ above 3.0. */
function randomLooking(token: string): string | undefined {
  if (/^[A-Za-z0-9+/_-]{24,}={0,2}$/.test(token) && /[0-9]/.test(token) && /[A-Za-z]/.test(token) && entropy(token) >= 4.5) return "a high-entropy string";
  // 40 hex digits is a git commit id, which is public.
  if (/^[a-fA-F0-9]{32,}$/.test(token) && token.length !== 40 && entropy(token) >= 3.0) return "a high-entropy hex string";
  return undefined;
}

/** What makes a value a credential, or undefined when it looks like plain configuration. */
export function credentialInValue(value: string): string | undefined {
  if (value === SecretMarker) return "a Pulumi secret";
  if (PasswordInUrl.test(value)) return "a password in a URL";
  if (CredentialInQuery.test(value)) return "a credential in a URL's query";
  const shape = KeyShapes.find(([pattern]) => pattern.test(value));
  if (shape) return shape[1];
  for (const token of value.split(/[\s,;"'=&?#]+/)) {
    const random = randomLooking(token);
    if (random) return random;
  }
  return undefined;
}

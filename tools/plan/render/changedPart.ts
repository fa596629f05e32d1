/**
 * Two long strings cut down to where they differ: the differing middle whole, with at least `Context`
 * characters around it, widened to the nearest separator (`/`, `@`, `:`, `,`, ...) so that a token is
 * never cut, and `…` for what both share. A digest change keeps both whole digests and the `sha256:`
 * before them; strings up to `Short` characters are returned as they are.
 */
const Short = 80;
const Context = 8;
const Separator = /[/@:,;=&? "]/;

export function changedPart(a: string, b: string): [string, string] {
  if (a.length <= Short && b.length <= Short) return [a, b];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;

  // Start: back from the first difference to a separator at least Context characters before it.
  let start = Math.max(0, prefix - Context);
  while (start > 0 && !Separator.test(a[start - 1]) && !Separator.test(a[start])) start--;
  // End (counted from the strings' ends): forward from the last difference likewise.
  let end = Math.max(0, suffix - Context);
  while (end > 0 && !Separator.test(a[a.length - end]) && !Separator.test(a[a.length - end - 1])) end--;

  // Eliding a few characters hides more than it saves.
  if (start < 8) start = 0;
  if (end < 8) end = 0;
  const cut = (s: string) => `${start ? "…" : ""}${s.slice(start, s.length - end)}${end ? "…" : ""}`;
  return [cut(a), cut(b)];
}

/**
 * A procedure's example as argv, as a shell would split it: words, "double" or 'single' quoted
 * words, and a trailing `# comment` dropped. Examples are written by us, so nothing more is needed.
 */
export function exampleWords(example: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(#.*$)|(\S+)/g;
  for (const m of example.matchAll(pattern)) {
    if (m[3] !== undefined) break;
    words.push(m[1] ?? m[2] ?? m[4]);
  }
  return words;
}

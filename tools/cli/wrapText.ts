/** Help text that fits the terminal: `npm run ops -- --help` once printed lines of 316 characters. */

/** The terminal's columns, or 80 when the output is not a terminal (a pipe, a file, CI's log). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 80;
}

/**
 * `text` broken at spaces into lines of at most `width` columns: the first starts with `first`, the
 * others with `rest` (a hanging indent). A word longer than a line is left whole, never cut.
 */
export function wrap(text: string, width: number, first: string, rest: string = " ".repeat(first.length)): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * A label and its text in two columns (`--min <value>   minimum instances`): the text wraps in its
 * column; a label too wide for its column gets a line of its own, the text below it, indented.
 */
export function twoColumns(indent: string, label: string, column: number, text: string, width: number): string[] {
  if (label.length <= column) return wrap(text, width, `${indent}${label.padEnd(column)}  `, " ".repeat(indent.length + column + 2));
  return [...wrap(label, width, indent, `${indent}    `), ...wrap(text, width, `${indent}      `)];
}

/**
 * A shell command that still runs when pasted: lines end in ` \` and break only between words,
 * never inside a quoted one. A trailing `# comment` goes on its own line above the command.
 */
export function wrapCommand(command: string, width: number, indent: string): string[] {
  const [, body, comment] = /^(.*?)(?:\s+(#.*))?$/.exec(command)!;
  if (`${indent}${command}`.length <= width) return [`${indent}${command}`];
  const words = body.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const lines: string[] = comment ? [`${indent}${comment}`] : [];
  let line = indent;
  for (const word of words) {
    if (line.trim() && line.length + 1 + word.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `${indent}    `;
    }
    line += line.trim() ? ` ${word}` : word;
  }
  lines.push(line);
  return lines;
}

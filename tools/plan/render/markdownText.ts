/** Text outside code: `<stack>` would be read as an HTML tag and vanish (`Pulumi..yaml`). */
export const prose = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const cell = (text: string): string => prose(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
/** Inline code that may itself hold backticks. */
export const code = (text: string): string => (text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``);

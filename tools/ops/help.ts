import { CommonOptions } from "./args";
import { OptionSpec, Procedure } from "./procedure";
import { allKinds, allProcedures, procedureNames, variantsOf } from "./registry";

const Usage = "usage: npm run ops -- <procedure> <target> [on|off|value] [options] --stack <stack>";

const optionLines = (options: Record<string, OptionSpec>) =>
  Object.entries(options).map(([name, o]) => `    --${(name + (o.takesValue ? " <value>" : "")).padEnd(22)} ${o.help}`);

/** `npm run ops -- --help`: every procedure in one line, then the common options. */
export function generalHelp(): string {
  const width = Math.max(...allProcedures.map((p) => p.synopsis.length));
  const lines = [
    Usage,
    "",
    "Runbook procedures as one command: edits Pulumi.<stack>.yaml in place (comments and layout kept),",
    "validates it, and prints the offline plan of that change. `pulumi up` from CI applies it after review.",
    "",
    "Procedures (npm run ops -- <procedure> --help for each):",
    ...allProcedures.map((p) => `  ${p.synopsis.padEnd(width)}  ${p.summary}`),
    "",
    "Options of every procedure:",
    ...optionLines(CommonOptions),
    "",
    `Target kinds: ${allKinds.map((k) => `${k.name} (${k.noun}s)`).join(", ")}.`,
    "Exit codes: 0 done or nothing to change; 1 the plan of the edit is blocked (stateful delete) or violates a",
    "mandatory policy (nothing written); 2 invalid input (checked before the stack file is read), an edit the spec rejects,",
    "an edit through a YAML alias, another edit of the stack file under way, or a file that cannot be written (nothing written).",
    "Flags are long (--dry-run; -h is the only short one); under npm, put them after `--`: npm run ops -- <procedure> ...",
  ];
  return `${lines.join("\n")}\n`;
}

/** `npm run ops -- scale --help`: each variant with its options, notes and examples. */
export function procedureHelp(name: string): string {
  const lines: string[] = [];
  for (const p of variantsOf(name)) lines.push(...variantHelp(p), "");
  lines.push("Options of every procedure:", ...optionLines(CommonOptions));
  return `${lines.join("\n")}\n`;
}

function variantHelp(p: Procedure): string[] {
  const nouns = p.kinds.map((k) => allKinds.find((x) => x.name === k)?.noun ?? k).join(", ");
  return [
    `npm run ops -- ${p.synopsis} --stack <stack>`,
    `  ${p.summary}`,
    `  targets: ${nouns}`,
    ...(Object.keys(p.options).length ? ["  options:", ...optionLines(p.options)] : []),
    ...(p.notes ?? []).map((n) => `  note: ${n}`),
    "  examples:",
    ...p.examples.map((e) => `    npm run ops -- ${e}`),
  ];
}

export const shortUsage = (name?: string): string => {
  const variants = name ? variantsOf(name) : [];
  return variants.length
    ? variants.map((p) => `usage: npm run ops -- ${p.synopsis} --stack <stack>`).join("\n")
    : `${Usage}\nprocedures: ${procedureNames().join(", ")}`;
};

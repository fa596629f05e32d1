import { terminalWidth, twoColumns, wrap, wrapCommand } from "../cli/wrapText";
import { CommonOptions } from "./args";
import { OptionSpec, Procedure } from "./procedure";
import { allKinds, allProcedures, procedureNames, variantsOf } from "./registry";

const Usage = "usage: npm run ops -- <procedure> <target> [on|off|value] [options] --stack <stack>";

// Narrower than this, two columns no longer read as columns: the text is wrapped as if it were this wide.
const MinWidth = 50;
const fit = (width: number) => Math.max(width, MinWidth);

const optionLines = (options: Record<string, OptionSpec>, width: number) =>
  Object.entries(options).flatMap(([name, o]) => twoColumns("    ", `--${name}${o.takesValue ? " <value>" : ""}`, 22, o.help, width));

const paragraph = (text: string, width: number) => wrap(text, width, "");

/** `npm run ops -- --help`: every procedure with its summary, then the common options; `width` columns. */
export function generalHelp(width: number = terminalWidth()): string {
  const w = fit(width);
  // The synopsis column is as wide as the longest synopsis that leaves the summary room to read.
  const column = Math.max(...allProcedures.map((p) => p.synopsis.length).filter((n) => n <= w * 0.4), 10);
  const lines = [
    ...paragraph(Usage, w),
    "",
    ...paragraph(
      "Runbook procedures as one command: edits Pulumi.<stack>.yaml in place (comments and layout kept), validates it, and prints the offline plan of that change. `pulumi up` from CI applies it after review.",
      w,
    ),
    "",
    "Procedures (npm run ops -- <procedure> --help for each):",
    ...allProcedures.flatMap((p) => twoColumns("  ", p.synopsis, column, p.summary, w)),
    "",
    "Options of every procedure:",
    ...optionLines(CommonOptions, w),
    "",
    ...paragraph(`Target kinds: ${allKinds.map((k) => `${k.name} (${k.noun}s)`).join(", ")}.`, w),
    ...paragraph(
      "Exit codes: 0 done or nothing to change; 1 the plan of the edit is blocked (stateful delete) or violates a mandatory policy (nothing written); 2 invalid input (checked before the stack file is read), an edit the spec rejects, an edit through a YAML alias, another edit of the stack file under way, or a file that cannot be written (nothing written).",
      w,
    ),
    ...paragraph("Flags are long (--dry-run; -h is the only short one); under npm, put them after `--`: npm run ops -- <procedure> ...", w),
  ];
  return `${lines.join("\n")}\n`;
}

/** `npm run ops -- scale --help`: each variant with its options, notes and examples; `width` columns. */
export function procedureHelp(name: string, width: number = terminalWidth()): string {
  const w = fit(width);
  const lines: string[] = [];
  for (const p of variantsOf(name)) lines.push(...variantHelp(p, w), "");
  lines.push("Options of every procedure:", ...optionLines(CommonOptions, w));
  return `${lines.join("\n")}\n`;
}

function variantHelp(p: Procedure, width: number): string[] {
  const nouns = p.kinds.map((k) => allKinds.find((x) => x.name === k)?.noun ?? k).join(", ");
  return [
    ...wrap(`npm run ops -- ${p.synopsis} --stack <stack>`, width, "", "    "),
    ...wrap(p.summary, width, "  "),
    ...wrap(`targets: ${nouns}`, width, "  ", "    "),
    ...(Object.keys(p.options).length ? ["  options:", ...optionLines(p.options, width)] : []),
    ...(p.notes ?? []).flatMap((n) => wrap(`note: ${n}`, width, "  ", "        ")),
    "  examples:",
    ...p.examples.flatMap((e) => wrapCommand(`npm run ops -- ${e}`, width, "    ")),
  ];
}

export const shortUsage = (name?: string): string => {
  const variants = name ? variantsOf(name) : [];
  return variants.length
    ? variants.map((p) => `usage: npm run ops -- ${p.synopsis} --stack <stack>`).join("\n")
    : `${Usage}\nprocedures: ${procedureNames().join(", ")}`;
};

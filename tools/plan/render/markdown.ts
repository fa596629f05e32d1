import { blocked } from "../guard";
import { isPolicyDiagnostic, Plan } from "../plan";
import { PolicyDiagnostic } from "../policies";
import { detailLines, diagnosticLines, treeLines } from "./tree";
import { changeLine, verdictLine } from "./summary";

/** GitHub refuses a comment body over 65,536 characters; the workflow adds a marker line too. */
export const CommentLimit = 65536;
const Budget = CommentLimit - 512;
/** Lines of the unfolded head (blocked changes, errors) before the rest is only counted. */
const MaxListed = 40;

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

/** A folded section of lines in a fenced block, cut (with a note) to fit what is left of the budget. */
function folded(summary: string, fence: string, lines: string[], room: number, stack: string): string {
  if (room < 400) return `_${summary}: left out to fit a GitHub comment._\n`;
  const open = `<details><summary>${summary}</summary>\n\n\`\`\`${fence}\n`;
  const close = "```\n\n</details>\n";
  let body = "";
  let i = 0;
  for (; i < lines.length; i++) {
    const next = `${lines[i]}\n`;
    if (open.length + body.length + next.length + close.length + 200 > room) break;
    body += next;
  }
  const note = i < lines.length ? `\n_Cut here to fit a GitHub comment: ${lines.length - i} more lines. Run \`npm run plan -- ${stack}\` for the whole plan._\n` : "";
  return `${open}${body}${close}${note}`;
}

/** The plan as a pull-request comment: the verdict and counts first, the details folded. */
export function renderMarkdown(plan: Plan): string {
  const ok = plan.exitCode === 0;
  const head: string[] = [`### ${ok ? "✅" : "❌"} Plan of \`${plan.stack}\`: ${plan.run.errors.length ? "the program failed" : changeLine(plan)}`, "", `**${verdictLine(plan)}**`, ""];
  if (!plan.fresh && plan.run.errors.length === 0) head.push(`\`plans/${plan.stack}.json\` is stale: run \`npm run plan -- ${plan.stack} --write\` and commit it.`, "");
  const lost = blocked(plan.guard);
  if (lost.length) {
    head.push("> [!CAUTION]", "> These changes delete or replace a stateful resource and are blocked (allow one with `--allow-replace` or `platform:allowReplace`):");
    for (const c of lost.slice(0, MaxListed)) head.push(`> - \`${c.step.urn}\` (${c.step.op}${c.step.silentReplacement ? ", URN changed without an alias" : ""}): ${c.what}`);
    if (lost.length > MaxListed) head.push(`> - … and ${lost.length - MaxListed} more (run the plan locally)`);
    head.push("");
  }
  const errors = diagnosticLines(plan);
  if (errors.length) head.push("```text", ...errors.slice(0, MaxListed), ...(errors.length > MaxListed ? [`… ${errors.length - MaxListed} more lines`] : []), "```", "");
  const policies = plan.diagnostics.filter(isPolicyDiagnostic) as PolicyDiagnostic[];
  let text = `${head.join("\n")}\n`;
  const sections: [string, string, string[]][] = [];
  const details = detailLines(plan);
  if (details.length) sections.push([`Changes in detail`, "diff", details]);
  if (policies.length || plan.policyPack) {
    const mandatory = policies.filter((d) => d.enforcementLevel === "mandatory").length;
    const rows = ["| level | policy | resource | message |", "|---|---|---|---|", ...policies.map((d) => `| ${d.enforcementLevel} | ${cell(d.policyName)} | ${cell(d.urn ?? "(stack)")} | ${cell(d.message)} |`)];
    const title = `Policies (${plan.policyPack ?? "none"}): ${policies.length} results, ${mandatory} mandatory`;
    sections.push([title, "", policies.length ? rows : ["no violations"]]);
  } else sections.push(["Policies: not run (no policy pack)", "text", []]);
  if (plan.run.errors.length === 0) sections.push([`All resources (${plan.steps.length})`, "text", treeLines(plan)]);
  for (const [summary, fence, lines] of sections) {
    // Tables are not fenced: a table is cut by rows like any other section.
    text += fence === "" ? table(summary, lines, Budget - text.length, plan.stack) : folded(summary, fence, lines, Budget - text.length, plan.stack);
    text += "\n";
  }
  return text;
}

function table(summary: string, lines: string[], room: number, stack: string): string {
  if (room < 400) return `_${summary}: left out to fit a GitHub comment._\n`;
  const open = `<details><summary>${summary}</summary>\n\n`;
  const close = "\n</details>\n";
  let body = "";
  let i = 0;
  for (; i < lines.length; i++) {
    if (open.length + body.length + lines[i].length + 1 + close.length + 200 > room) break;
    body += `${lines[i]}\n`;
  }
  const note = i < lines.length ? `\n_Cut here to fit a GitHub comment: ${lines.length - i} more rows. Run \`npm run plan -- ${stack}\` for all of them._\n` : "";
  return `${open}${body}${note}${close}`;
}

import { blocked } from "../guard";
import { changeGraph } from "../impact/graph";
import { isPolicyDiagnostic, Plan } from "../plan";
import { PolicyDiagnostic } from "../policies";
import { detailLines } from "./details";
import { plural } from "./format";
import { headline } from "./headline";
import { cell, code, prose } from "./markdownText";
import { changeLine, Gate, staleForGate, verdictLine, verdictOf } from "./summary";
import { diagnosticLines, treeLines } from "./tree";
import { whatChanges } from "./whatChanges";

/** GitHub refuses a comment body over 65,536 characters; the workflow adds a marker line too. */
export const CommentLimit = 65536;
const Budget = CommentLimit - 512;
/** Lines of the unfolded head (blocked changes, errors) before the rest is only counted. */
const MaxListed = 40;
/** A diff of at most this many lines is shown unfolded. */
const OpenDetails = 30;

/**
 * The plan as a pull-request comment, for a reviewer with 30 seconds: the change in words and the
 * verdict (which agrees with the exit code), what blocks it, each changed resource with what the
 * provider will do and what that means, a picture of what rolls, then the details folded.
 */
export function renderMarkdown(plan: Plan, gate: Gate = {}): string {
  const ok = verdictOf(plan, gate).code === 0;
  const failed = plan.run.errors.length > 0;
  const against = `diffed against ${code(plan.baseline.file)}${plan.baseline.found ? "" : " (none yet)"}`;
  const head: string[] = [
    `### ${ok ? "✅" : "❌"} Plan of \`${plan.stack}\`: ${prose(headline(plan))}`,
    "",
    `**${verdictLine(plan, gate)}** · ${failed ? "" : `${changeLine(plan)} · `}${against}`,
    "",
  ];
  const lost = blocked(plan.guard);
  if (!plan.fresh && !failed) {
    head.push(
      lost.length
        ? `\`plans/${plan.stack}.json\` is stale, and \`--write\` refuses to record a blocked change: allow it or undo it first.`
        : staleForGate(plan, gate)
          ? `**\`plans/${plan.stack}.json\` is stale**: it does not hold what this branch plans. Run \`npm run plan -- ${plan.stack} --write\`, review its diff and commit it.`
          : `\`plans/${plan.stack}.json\` is stale: run \`npm run plan -- ${plan.stack} --write\` and commit it.`,
      "",
    );
  }
  if (lost.length) {
    head.push(
      "> [!CAUTION]",
      "> These changes delete or replace a stateful resource and are blocked (allow one with `--allow-replace` or `platform:allowReplace`):",
    );
    for (const c of lost.slice(0, MaxListed))
      head.push(`> - \`${c.step.urn}\` (${c.step.op}${c.step.silentReplacement ? ", URN changed without an alias" : ""}): ${c.what}`);
    if (lost.length > MaxListed) head.push(`> - … and ${lost.length - MaxListed} more (run the plan locally)`);
    head.push("");
  }
  const policies = plan.diagnostics.filter(isPolicyDiagnostic) as PolicyDiagnostic[];
  const mandatory = policies.filter((d) => d.enforcementLevel === "mandatory");
  if (mandatory.length) {
    head.push("> [!CAUTION]", "> Mandatory policy violations:");
    for (const d of mandatory.slice(0, MaxListed))
      head.push(`> - **${prose(d.policyName)}** on ${code(d.urn ?? "(stack)")}: ${prose(d.message.split("\n").slice(1).join(" ") || d.message)}`);
    head.push("");
  }
  const errors = diagnosticLines(plan);
  if (errors.length)
    head.push("```text", ...errors.slice(0, MaxListed), ...(errors.length > MaxListed ? [`… ${errors.length - MaxListed} more lines`] : []), "```", "");
  if (!failed) head.push(...whatChanges(plan));

  let text = `${head.join("\n")}\n`;
  const sections: [string, string, string[]][] = [];
  const details = detailLines(plan, "diff");
  const renamedOnly = plan.steps.filter((s) => s.op === "same" && s.aliasedFrom).length;
  const detailed = `${plural(changeGraph(plan.steps).changed.length, "resource")}${renamedOnly ? `, ${renamedOnly} only renamed by an alias` : ""}`;
  if (details.length) sections.push([`Changes in detail (${detailed})`, "diff", details]);
  // A short diff is shown open: for a deploy, the digests are the review.
  const open = details.length <= OpenDetails;
  if (policies.length || plan.policyPack) {
    const rows = [
      "| level | policy | resource | message |",
      "|---|---|---|---|",
      ...policies.map((d) => `| ${d.enforcementLevel} | ${cell(d.policyName)} | ${cell(d.urn ?? "(stack)")} | ${cell(d.message)} |`),
    ];
    const title = `Policies (${plan.policyPack ?? "none"}): ${plural(policies.length, "result")}, ${mandatory.length} mandatory`;
    sections.push([title, "", policies.length ? rows : ["no violations"]]);
  } else sections.push(["Policies: not run (no policy pack)", "text", []]);
  if (!failed) sections.push([`All resources (${plan.steps.length})`, "text", treeLines(plan)]);
  for (const [summary, fence, lines] of sections) {
    // Tables are not fenced: a table is cut by rows like any other section.
    text +=
      fence === ""
        ? table(summary, lines, Budget - text.length, plan.stack)
        : folded(summary, fence, lines, Budget - text.length, plan.stack, open && lines === details);
    text += "\n";
  }
  return text;
}

/** The markdown of a plan that could not be made (invalid input, a defect): the comment still says why. */
export function renderFailureMarkdown(stack: string, exitCode: number, message: string): string {
  const fence = message.includes("```") ? "~~~~" : "```";
  return `### ❌ Plan of \`${stack}\`: ${exitCode === 2 ? "invalid input or a program error" : "failed"}\n\n**exit ${exitCode}**: the plan was not made.\n\n${fence}text\n${message.trimEnd()}\n${fence}\n`;
}

/** A folded section of lines in a fenced block, cut (with a note) to fit what is left of the budget. */
function folded(summary: string, fence: string, lines: string[], room: number, stack: string, shownOpen = false): string {
  if (room < 400) return `_${summary}: left out to fit a GitHub comment._\n`;
  const open = `<details${shownOpen ? " open" : ""}><summary>${prose(summary)}</summary>\n\n\`\`\`${fence}\n`;
  const close = "```\n\n</details>\n";
  let body = "";
  let i = 0;
  for (; i < lines.length; i++) {
    const next = `${lines[i]}\n`;
    if (open.length + body.length + next.length + close.length + 200 > room) break;
    body += next;
  }
  const note =
    i < lines.length ? `\n_Cut here to fit a GitHub comment: ${lines.length - i} more lines. Run \`npm run plan -- ${stack}\` for the whole plan._\n` : "";
  return `${open}${body}${close}${note}`;
}

function table(summary: string, lines: string[], room: number, stack: string): string {
  if (room < 400) return `_${summary}: left out to fit a GitHub comment._\n`;
  const open = `<details><summary>${prose(summary)}</summary>\n\n`;
  const close = "\n</details>\n";
  let body = "";
  let i = 0;
  for (; i < lines.length; i++) {
    if (open.length + body.length + lines[i].length + 1 + close.length + 200 > room) break;
    body += `${lines[i]}\n`;
  }
  const note =
    i < lines.length ? `\n_Cut here to fit a GitHub comment: ${lines.length - i} more rows. Run \`npm run plan -- ${stack}\` for all of them._\n` : "";
  return `${open}${body}${note}${close}`;
}

import { Step } from "../diff";
import { isPolicyDiagnostic, Plan, PlanDiagnostic } from "../plan";
import { PolicyDiagnostic } from "../policies";
import { detailLines, lossByUrn } from "./details";
import { Marker, plural } from "./format";
import { headline } from "./headline";
import { changeLine, Gate, verdictLine } from "./summary";
import { parseUrn } from "../urn";

export { detailLines, lossByUrn };

const OpLabel = { same: "", create: "create", update: "update", replace: "replace", delete: "delete" } as const;

/** The resource tree (every resource, unchanged ones unmarked), like `pulumi preview`'s table. */
export function treeLines(plan: Plan): string[] {
  const byUrn = new Map(plan.steps.map((s) => [s.urn, s]));
  const parentOf = (s: Step) => (s.new ?? s.old)!.parent;
  const children = new Map<string, Step[]>();
  const roots: Step[] = [];
  for (const s of plan.steps) {
    const p = parentOf(s);
    if (p && byUrn.has(p) && p !== s.urn) (children.get(p) ?? children.set(p, []).get(p)!).push(s);
    else roots.push(s);
  }
  const rows: [string, string, string, string, string][] = [];
  const loss = lossByUrn(plan);
  const walk = (s: Step, prefix: string, branch: string) => {
    const info = [
      s.changes.length ? `[diff: ${diffReasons(s)}]` : "",
      loss.get(s.urn) && !loss.get(s.urn)!.allowedBy ? "BLOCKED: loses data" : "",
      s.silentReplacement ? "URN changed, no alias" : "",
      s.aliasedFrom ? aliasNote(s) : "",
    ]
      .filter(Boolean)
      .join(" ");
    rows.push([Marker[s.op], `${prefix}${branch}${s.type}`, s.name, OpLabel[s.op], info]);
    const kids = children.get(s.urn) ?? [];
    const next = prefix + (branch === "├─ " ? "│  " : branch === "└─ " ? "   " : "");
    kids.forEach((k, i) => walk(k, next, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  roots.forEach((r) => walk(r, "", ""));
  const header: [string, string, string, string, string] = ["", "Type", "Name", "Plan", "Info"];
  const all = [header, ...rows];
  const width = (i: number) => all.reduce((w, r) => Math.max(w, [...r[i]].length), 0);
  const pad = (text: string, n: number) => text + " ".repeat(Math.max(0, n - [...text].length));
  const [w1, w2, w3] = [width(1), width(2), width(3)];
  return all.map((r) => ` ${pad(r[0], 3)} ${pad(r[1], w1)}  ${pad(r[2], w2)}  ${pad(r[3], w3)}  ${r[4]}`.trimEnd());
}

/** Where an alias carried the resource over from: its old name, type, or parent's type (the rest of the URN is as before). */
function aliasNote(s: Step): string {
  const old = parseUrn(s.aliasedFrom!);
  if (old.name !== s.name) return `alias: was ${old.name}`;
  return old.type === s.type ? `alias: was under ${old.typeChain.slice(0, -1).join("$")}` : `alias: was ${old.type}`;
}

/** Input top-level keys that changed, and option changes: `~template, ~(protect)`. */
export function diffReasons(s: Step): string {
  return [...new Set(s.changes.map((c) => (c.inputDiff ? c.path.split(/[.[]/)[0] : c.path)))].map((k) => `~${k}`).join(", ");
}

export function policyLines(plan: Plan): string[] {
  const results = plan.diagnostics.filter(isPolicyDiagnostic) as PolicyDiagnostic[];
  if (!plan.policyPack) return ["    (no policy pack: policies were not run)"];
  if (!results.length) return [`    ${plan.policyPack}: no violations`];
  return results.flatMap((d) => {
    const [description, ...rest] = d.message.split("\n");
    return [
      `    [${d.enforcementLevel}] ${d.policyName} (${d.policyPackName}) ${d.urn ?? "(stack)"}`,
      `        ${description}`,
      ...rest.map((l) => `        ${l}`),
    ];
  });
}

export function diagnosticLines(plan: Plan): string[] {
  return (plan.diagnostics.filter((d) => !isPolicyDiagnostic(d)) as PlanDiagnostic[]).flatMap((d) => {
    const [first, ...rest] = d.message.split("\n");
    return [`    ${d.severity}: ${d.urn ? `${d.urn}: ` : ""}${first}`, ...rest.map((l) => `      ${l}`)];
  });
}

/** The default output: tree, changes, policies, diagnostics, summary. */
export function renderTree(plan: Plan, gate: Gate = {}): string {
  const against = plan.baseline.found ? plan.baseline.file : `${plan.baseline.file} (none yet: everything is a create)`;
  const out = [`Plan of stack ${plan.stack} (offline, under mocks; diffed against ${against})`, ""];
  if (plan.run.errors.length === 0) out.push(...treeLines(plan), "");
  const details = detailLines(plan);
  if (details.length) out.push("Changes:", ...details.map((l) => `  ${l}`), "");
  if (plan.run.errors.length === 0) out.push("Policies:", ...policyLines(plan), "");
  const diags = diagnosticLines(plan);
  if (diags.length) out.push("Diagnostics:", ...diags, "");
  if (plan.run.errors.length === 0) {
    out.push("Resources:", `    ${headline(plan)}`, `    ${changeLine(plan)} (${plural(plan.steps.length, "resource")})`);
    out.push(
      plan.fresh
        ? `    plans/${plan.stack}.json (the reviewed state) is up to date`
        : `    plans/${plan.stack}.json is stale: review this plan, then run \`npm run plan -- ${plan.stack} --write\``,
      "",
    );
  }
  out.push(verdictLine(plan, gate));
  return `${out.join("\n")}\n`;
}

import { Step } from "../diff";
import { actionOf } from "../impact/action";
import { consequencesOf, shortConsequence } from "../impact/consequences";
import { blocked } from "../guard";
import { changeGraph } from "../impact/graph";
import { subjectOf } from "../impact/kinds";
import type { Plan } from "../plan";
import { stepPhrases, tidy } from "./phrases";

/** Subjects named before the rest is counted; phrases per subject. */
const MaxSubjects = 3;
const MaxPhrases = 3;

/**
 * The change in words, as a reviewer would say it: `mixillo-backend: instances 0–10 → 2–20`, then what
 * rolls because of it: `JWT_SECRET: rotation 2025-11-07 → 2026-12-01; rolls mixillo-backend (a new
 * revision)`. The edit's own changes (the graph's roots) are named by subject; the rest by what rolls.
 */
export function headline(plan: Plan): string {
  if (plan.run.errors.length) return "the program failed";
  const graph = changeGraph(plan.steps, { cloudOnly: true });
  if (graph.changed.length === 0) return "no changes";
  if (!plan.baseline.found) return "a first plan: everything is created (no reviewed state yet)";

  const bySubject = new Map<string, string[]>();
  // What blocks the plan comes first: it is why the comment is red.
  const lost = new Set(blocked(plan.guard).map((c) => c.step.urn));
  for (const c of blocked(plan.guard)) bySubject.set(`BLOCKED: ${subjectOf((c.step.new ?? c.step.old)!)}`, [`${c.step.op}d (loses data)`]);
  for (const step of graph.roots.filter((s) => !lost.has(s.urn))) {
    const subject = subjectOf((step.new ?? step.old)!);
    const phrases = bySubject.get(subject) ?? [];
    for (const p of stepPhrases(step)) if (!phrases.includes(p)) phrases.push(p);
    // A replacement is the impact a reviewer must not miss: say it, and say downtime where it is sure.
    if (step.op === "replace" && step.type !== "random:index/randomPassword:RandomPassword") {
      const note = step.new!.deleteBeforeReplace || actionOf(step).startsWith("replaced, deleting first") ? "(recreated: down meanwhile)" : "(recreated)";
      if (!phrases.includes(note)) phrases.push(note);
    }
    bySubject.set(subject, phrases);
  }
  const phrased = [...bySubject].slice(0, MaxSubjects).map(([subject, all]) => {
    const notes = all.filter((p) => p.startsWith("(recreated"));
    const phrases = tidy(all.filter((p) => !notes.includes(p)));
    return `${subject}: ${phrases.slice(0, MaxPhrases).join(", ")}${phrases.length > MaxPhrases ? ", …" : ""}${notes.length ? ` ${notes[0]}` : ""}`;
  });
  const named = new Set([...bySubject.keys()].map((k) => k.replace(/^BLOCKED: /, "")));
  // What rolls: resources updated or replaced because of the edit, not those it creates or deletes.
  const rolls = graph.changed.filter((s) => !graph.roots.includes(s) && (s.op === "update" || s.op === "replace") && !named.has(subjectOf((s.new ?? s.old)!)));
  const rolled = [...new Set(rolls.map(rollPhrase))];
  const warnings = [...new Set(graph.changed.flatMap((s) => consequencesOf(s).map(shortConsequence)))];
  const parts = [phrased.join("; ")];
  if (rolled.length)
    parts.push(`rolls ${rolled.slice(0, MaxSubjects).join(", ")}${rolled.length > MaxSubjects ? `, and ${rolled.length - MaxSubjects} more` : ""}`);
  if (warnings.length) parts.push(warnings.join(", "));
  const more = bySubject.size - MaxSubjects;
  return `${parts.join("; ")}${more > 0 ? ` (and ${more} more changed)` : ""}`;
}

/** What a resource that changes because of another does, in a few words. */
const RollWords: Record<string, (step: Step) => string | undefined> = {
  "gcp:cloudrunv2/service:Service": (step) =>
    step.changes.some((c) => c.path === "template" || c.path.startsWith("template.")) ? "a new revision" : undefined,
  "kubernetes:apps/v1:Deployment": () => "its pods",
  "vercel:index/deployment:Deployment": () => "a new production build",
  "gcp:secretmanager/secretVersion:SecretVersion": () => "a new version",
};

function rollPhrase(step: Step): string {
  const what = RollWords[step.type]?.(step) ?? (step.op === "replace" ? "recreated" : `${step.op}d`);
  return `${subjectOf((step.new ?? step.old)!)} (${what})`;
}

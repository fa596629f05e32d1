import * as fs from "fs";
import * as path from "path";
import { stackConfigFromText } from "../../stacks/stackFile";
import { keyPath } from "../../stacks/validate/issues";
import { parseArgs } from "../ops/args";
import { changeOf } from "../ops/changeOf";
import { Change, Procedure } from "../ops/procedure";
import { allKinds, allProcedures, optionsOf, procedureNames, variantsOf } from "../ops/registry";
import { exampleWords } from "./exampleWords";
import { code, generatedNotice, table } from "./markdown";

const CodeDir = path.resolve(__dirname, "..", "..");

// The examples run against the runbooks' frozen baseline, not the committed stacks: those change
// every day through `ops` itself, and the page must not.
const BaselineStack = "prod";
const BaselineText = () => fs.readFileSync(path.join(CodeDir, "test", "fixtures", "baseline", `Pulumi.${BaselineStack}.yaml`), "utf8");
// A fixed clock: restart tokens, rotation keys and snapshot names are made from it.
const Now = new Date("2025-11-22T03:10:00Z");

/** What a procedure's first example that edits something does to the baseline stack. */
export interface ExampleRun {
  example: string;
  change: Change;
}

export function exampleRun(procedure: Procedure, configText: string = BaselineText()): ExampleRun | undefined {
  const config = stackConfigFromText(CodeDir, BaselineStack, configText).config;
  for (const example of procedure.examples) {
    const argv = exampleWords(example).filter((w, i, all) => w !== "--stack" && all[i - 1] !== "--stack");
    const args = parseArgs(argv, { names: procedureNames(), of: (name) => optionsOf(variantsOf(name)), all: optionsOf(allProcedures) }, {});
    // Only this variant: an example of `rotate` for a secret must not resolve to a database user.
    const { change } = changeOf(args, [procedure], config, `Pulumi.${BaselineStack}.yaml`, BaselineStack, Now);
    if (change.edits.length) return { example, change };
  }
  return undefined;
}

const nounsOf = (p: Procedure) => p.kinds.map((k) => allKinds.find((x) => x.name === k)?.noun ?? k).join(", ");

const replacedSteps = (change: Change) => [...new Set(change.replaces.map((r) => `${r.runbook} ${r.section}: ${code(r.command)}`))].join("; ");

const editedKeys = (change: Change) => [...new Set(change.edits.map((e) => `${code(keyPath(e.path))}${"remove" in e ? " (removed)" : ""}`))].join(", ");

function procedureRow(p: Procedure): string[] {
  const run = exampleRun(p);
  return [
    code(p.synopsis),
    `${p.summary} (${nounsOf(p)})`,
    run ? replacedSteps(run.change) : "",
    run ? editedKeys(run.change) : "",
    run ? code(run.example) : "",
  ];
}

function procedureSection(p: Procedure): string[] {
  const options = Object.entries(p.options).map(([name, o]) => `- ${code(`--${name}${o.takesValue ? " <value>" : ""}`)}: ${o.help}`);
  return [
    `### ${p.name} (${p.kinds.join(", ")})`,
    "",
    `${code(`npm run ops -- ${p.synopsis} --stack <stack>`)}: ${p.summary}. Targets: ${nounsOf(p)}.`,
    "",
    ...(options.length ? ["Options:", "", ...options, ""] : []),
    ...(p.notes?.length ? [...p.notes.map((n) => `Note: ${n}`), ""] : []),
    "Examples:",
    "",
    "```sh",
    ...p.examples.map((e) => `npm run ops -- ${e}`),
    "```",
    "",
  ];
}

export function opsPage(): string {
  return [
    generatedNotice("each procedure's own metadata (tools/ops/procedures/*.ts, registered in tools/ops/registry.ts)"),
    "",
    "# `npm run ops` reference",
    "",
    "Every procedure, the runbook step it replaces and the stack-file key it edits. The last two are what the",
    `procedure itself returns for its example, run against the runbooks' baseline prod stack`,
    "(`test/fixtures/baseline/`) on 2025-11-22 at 03:10 UTC: with another target the key names that target.",
    "How `ops` behaves (targets, locking, exit codes) is in [ops](../ops.md).",
    "",
    ...table(["Command", "Does (targets)", "Runbook step it replaces", "Key it edits", "For the example"], allProcedures.map(procedureRow)),
    "",
    "## Each procedure",
    "",
    ...allProcedures.flatMap(procedureSection),
  ]
    .join("\n")
    .replace(/\n+$/, "\n");
}

import { Document, Scalar, visit } from "yaml";
import { GoScalar, resolvePlainScalar } from "./goYaml";
import { SpecIssue } from "./issues";
import { yamlKeyPath } from "./yamlKeyPath";

/**
 * The plan and `ops` read stack files with the `yaml` package (YAML 1.2), the Pulumi CLI with Go's
 * yaml.v3 (goYaml.ts). Wherever the two would read a file differently, the file is rejected, naming
 * the key and how to write it, so that what the plan checked is what `pulumi up` deploys.
 */
export function dialectIssues(doc: Document): SpecIssue[] {
  const issues: SpecIssue[] = [];
  visit(doc, {
    Scalar(_, node, ancestors) {
      const path = yamlKeyPath(ancestors, node);
      // `!!str` means text to both readers; any other tag is resolved by rules of its own in each.
      if (node.tag === StrTag) return;
      if (node.tag) {
        issues.push({ path, message: `the YAML tag ${shortTag(node.tag)} is read differently by the Pulumi CLI: remove it (quote the value to make it text)` });
        return;
      }
      if (node.type !== Scalar.PLAIN) return;
      const source = typeof node.source === "string" ? node.source : String(node.value);
      const message = difference(resolvePlainScalar(source), node.value, source);
      if (message) issues.push({ path, message });
    },
    Collection(_, node, ancestors) {
      if (node.tag)
        issues.push({ path: yamlKeyPath(ancestors, node), message: `the YAML tag ${shortTag(node.tag)} is read differently by the Pulumi CLI: remove it` });
    },
  });
  return issues;
}

const StrTag = "tag:yaml.org,2002:str";
const shortTag = (tag: string) => tag.replace(/^tag:yaml\.org,2002:/, "!!");

/** What the CLI would make of `source` where this reader made `value`; undefined when they agree. */
function difference(go: GoScalar, value: unknown, source: string): string | undefined {
  switch (go.tag) {
    case "merge":
      return "the Pulumi CLI merges `<<` keys, this reader does not: write the keys out";
    case "timestamp":
      return `the Pulumi CLI reads the unquoted ${source} as a timestamp ("${go.value}"): quote it ("${source}")`;
    case "int": {
      const inRange = go.value >= BigInt(Number.MIN_SAFE_INTEGER) && go.value <= BigInt(Number.MAX_SAFE_INTEGER);
      if (!inRange) return `${source} is outside the integers a JSON number keeps exactly: quote it`;
      if (value === Number(go.value)) return undefined;
      return `the Pulumi CLI reads the unquoted ${source} as the number ${go.value}: write ${go.value}, or quote it ("${source}") if it is text`;
    }
    case "float":
      if (!Number.isFinite(go.value)) return `${source} is not a number the Pulumi CLI can pass to the program: write a finite number`;
      if (value === go.value) return undefined;
      return `the Pulumi CLI reads the unquoted ${source} as the number ${go.value}: write ${go.value}, or quote it ("${source}") if it is text`;
    case "bool":
    case "null":
    case "str":
      return value === go.value ? undefined : `the Pulumi CLI reads the unquoted ${source} as ${JSON.stringify(go.value)}: quote it if it is text`;
  }
}

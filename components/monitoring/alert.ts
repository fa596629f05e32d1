import * as gcp from "../providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

export type GcpSeverity = "CRITICAL" | "ERROR" | "WARNING";

export interface RunbookRef {
  /** "000" */
  number: string;
  /** The runbook's file, e.g. 000_ef96a37cfe77e2a5.txt. */
  file: string;
  /** The section whose procedure to follow. */
  procedure: string;
  /** Where the runbooks are published, for a link. @default none: the documentation names the file */
  url?: string;
}

export interface AlertArgs {
  project: string;
  displayName: string;
  conditions: gcp.types.input.monitoring.AlertPolicyCondition[];
  /** @default "OR"; a multi-window burn-rate alert uses "AND" */
  combiner?: "OR" | "AND";
  severity: GcpSeverity;
  /** The runbook's own word (P1, SEV-2), repeated in the documentation and a label. */
  runbookSeverity: string;
  runbook: RunbookRef;
  /** What the threshold means, in the runbook's words. */
  summary: string;
  notificationChannels: pulumi.Input<string>[];
  labels: Record<string, string>;
  /** Disabled until this ISO time; the label `silenced-until` lets the policy pack tell it from a mistake. @default not silenced */
  silence?: { until: string; reason: string };
}

/** A Cloud Monitoring alert policy that always notifies and always says which runbook procedure to follow. */
export class Alert extends pulumi.ComponentResource {
  readonly policyName: pulumi.Output<string>;

  constructor(name: string, args: AlertArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:monitoring:Alert", name, {}, opts);
    const fail = argumentCheck("Alert", name);
    // Guard: a policy of no condition never fires, and one of no channel notifies no one.
    if (!args.conditions.length) fail("conditions", args.conditions, "at least one condition");
    if (!args.notificationChannels.length)
      fail("notificationChannels", args.notificationChannels, "at least one channel (an alert that notifies no one is a dashboard)");
    // Guard: the silence label and the policy pack read this time; one that is no time never ends.
    if (args.silence && Number.isNaN(Date.parse(args.silence.until))) fail("silence.until", args.silence.until, "an ISO 8601 time");

    const { runbook } = args;
    const content = [
      `**${args.runbookSeverity}** (${args.severity}): ${args.summary}`,
      "",
      `Follow runbook ${runbook.number} (\`${runbook.file}\`), section "${runbook.procedure}".`,
      ...(args.silence ? ["", `Silenced until ${args.silence.until}: ${args.silence.reason}`] : []),
    ].join("\n");

    const policy = new gcp.monitoring.AlertPolicy(
      name,
      {
        project: args.project,
        displayName: args.displayName,
        combiner: args.combiner ?? "OR",
        conditions: args.conditions,
        severity: args.severity,
        enabled: !args.silence,
        notificationChannels: args.notificationChannels,
        documentation: {
          mimeType: "text/markdown",
          subject: `[${args.runbookSeverity}] ${args.displayName}`,
          content,
          links: runbook.url ? [{ displayName: `Runbook ${runbook.number}`, url: `${runbook.url.replace(/\/$/, "")}/${runbook.file}` }] : undefined,
        },
        alertStrategy: { autoClose: "1800s" },
        userLabels: {
          ...args.labels,
          severity: args.runbookSeverity.toLowerCase(),
          ...(args.silence ? { "silenced-until": silenceLabel(args.silence.until) } : {}),
        },
      },
      // Children do not inherit the component's dependsOn; a burn-rate alert must wait for its SLO.
      { parent: this, dependsOn: opts.dependsOn },
    );
    this.policyName = policy.name;
    this.registerOutputs({ policyName: this.policyName });
  }
}

/** 2025-12-01T06:00:00Z → 2025-12-01t06-00-00z: a label value keeps only [a-z0-9_-]. */
export function silenceLabel(until: string): string {
  return new Date(Date.parse(until))
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-")
    .toLowerCase();
}

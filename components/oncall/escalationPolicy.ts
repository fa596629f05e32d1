import * as pagerduty from "@pulumi/pagerduty";
import * as pulumi from "@pulumi/pulumi";

export interface EscalationTargetArgs {
  type: "schedule" | "user";
  /** A PagerDuty schedule or user id: people are referenced, never described. */
  id: string;
}

export interface EscalationLevelArgs {
  /** The level's role in the escalation tree, for the policy's description. */
  name: string;
  /** Minutes an unacknowledged incident stays at this level before the next one is paged. */
  escalateAfterMinutes: number;
  targets: EscalationTargetArgs[];
}

export interface OnCallEscalationPolicyArgs {
  policyName: string;
  levels: EscalationLevelArgs[];
  /** Times the tree repeats when nobody acknowledges. @default 2, so an incident is never dropped after one pass. */
  numLoops?: number;
}

const TargetTypes = { schedule: "schedule_reference", user: "user_reference" } as const;

/** A PagerDuty escalation policy: each level pages its targets, then escalates after its delay. */
export class OnCallEscalationPolicy extends pulumi.ComponentResource {
  readonly policyId: pulumi.Output<string>;

  constructor(name: string, args: OnCallEscalationPolicyArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:oncall:EscalationPolicy", name, {}, opts);
    const fail = (field: string, expected: string, value: unknown) => {
      throw new Error(`OnCallEscalationPolicy ${name}: ${field} must be ${expected}, got ${JSON.stringify(value)}`);
    };
    if (!args.levels.length) fail("levels", "at least one level", args.levels);
    args.levels.forEach((level, i) => {
      if (!level.targets.length) fail(`levels[${i}].targets`, "at least one schedule or user", level.targets);
      if (!Number.isInteger(level.escalateAfterMinutes) || level.escalateAfterMinutes < 1)
        fail(`levels[${i}].escalateAfterMinutes`, "a whole number of minutes of at least 1", level.escalateAfterMinutes);
    });

    const policy = new pagerduty.EscalationPolicy(
      name,
      {
        name: args.policyName,
        description: args.levels.map((l, i) => `${i + 1}. ${l.name} (${l.escalateAfterMinutes} min)`).join(" → "),
        numLoops: args.numLoops ?? 2,
        rules: args.levels.map((level) => ({
          escalationDelayInMinutes: level.escalateAfterMinutes,
          targets: level.targets.map((t) => ({ type: TargetTypes[t.type], id: t.id })),
        })),
      },
      { parent: this },
    );
    this.policyId = policy.id;
    this.registerOutputs({ policyId: this.policyId });
  }
}

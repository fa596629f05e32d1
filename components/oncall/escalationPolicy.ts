import * as pagerduty from "@pulumi/pagerduty";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

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

export interface OncallEscalationPolicyArgs {
  policyName: string;
  levels: EscalationLevelArgs[];
  /** Times the tree repeats when nobody acknowledges. @default 2, so an incident is never dropped after one pass. */
  numLoops?: number;
}

const TargetTypes = { schedule: "schedule_reference", user: "user_reference" } as const;

/** A PagerDuty escalation policy: each level pages its targets, then escalates after its delay. */
export class OncallEscalationPolicy extends pulumi.ComponentResource {
  readonly policyId: pulumi.Output<string>;

  constructor(name: string, args: OncallEscalationPolicyArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:oncall:EscalationPolicy", name, {}, opts);
    const fail = argumentCheck("OncallEscalationPolicy", name);
    // Guard: a policy of no level, or a level of no target, pages no one; PagerDuty escalates after whole minutes.
    if (!args.levels.length) fail("levels", args.levels, "at least one level");
    args.levels.forEach((level, i) => {
      if (!level.targets.length) fail(`levels[${i}].targets`, level.targets, "at least one schedule or user");
      if (!Number.isInteger(level.escalateAfterMinutes) || level.escalateAfterMinutes < 1)
        fail(`levels[${i}].escalateAfterMinutes`, level.escalateAfterMinutes, "a whole number of minutes of at least 1");
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

import { StackSpec } from "../../schema";
import { suggestion } from "../closest";
import { entriesOf, Rule } from "./context";

export type OncallSpec = NonNullable<StackSpec["oncall"]>;

const Oncall = "platform:oncall";

/** A level pages a schedule or a user, never both in one target; services name a declared policy. */
export const oncallRules: Rule = (ctx) => {
  const settings = ctx.config[Oncall];
  if (!settings || !ctx.isSound([Oncall])) return;
  for (const [name, policy] of entriesOf(settings.escalationPolicies)) {
    policy.levels.forEach((level, i) =>
      level.targets.forEach((target, j) => {
        const count = Number(target.schedule !== undefined) + Number(target.user !== undefined);
        if (count !== 1) {
          ctx.report(
            [Oncall, "escalationPolicies", name, "levels", i, "targets", j],
            `expected exactly one of schedule or user (a PagerDuty id), found ${count === 0 ? "neither" : "both"}`,
          );
        }
      }),
    );
  }
  const declared = Object.keys(settings.escalationPolicies);
  for (const [product, service] of entriesOf(settings.services)) {
    if (!declared.includes(service.escalationPolicy)) {
      ctx.report(
        [Oncall, "services", product, "escalationPolicy"],
        `expected an escalation policy declared under platform:oncall.escalationPolicies, found "${service.escalationPolicy}"${suggestion(service.escalationPolicy, declared)}`,
      );
    }
  }
};

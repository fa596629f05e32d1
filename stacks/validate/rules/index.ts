import { cloudRunRules } from "./cloudRun";
import { Rule } from "./context";

/** Rules that span keys: each area adds its own. */
export const rules: Rule[] = [cloudRunRules];
export type { Rule, RuleContext } from "./context";

import { cloudRunRules } from "./cloudRun";
import { Rule } from "./context";
import { vercelRules } from "./vercel";

/** Rules that span keys: each area adds its own. */
export const rules: Rule[] = [cloudRunRules, vercelRules];
export type { Rule, RuleContext } from "./context";

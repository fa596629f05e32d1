import { atlasRules } from "./atlas";
import { cloudRunRules } from "./cloudRun";
import { Rule } from "./context";
import { dockerRules } from "./docker";
import { kubernetesRules } from "./kubernetes";
import { monitoringRules } from "./monitoring";
import { oncallRules } from "./oncall";
import { secretRules } from "./secrets";
import { vercelRules } from "./vercel";

/** Rules that span keys: each area adds its own. */
export const rules: Rule[] = [cloudRunRules, vercelRules, kubernetesRules, oncallRules, monitoringRules, dockerRules, atlasRules, secretRules];
export type { Rule, RuleContext } from "./context";

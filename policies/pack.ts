import { Policies } from "@pulumi/policy";
import { atlasPolicies } from "./rules/atlas";
import { cloudRunPolicies } from "./rules/cloudrun";
import { commonPolicies } from "./rules/common";
import { dockerPolicies } from "./rules/docker";
import { kubernetesPolicies } from "./rules/kubernetes";
import { monitoringPolicies } from "./rules/monitoring";
import { pagerdutyPolicies } from "./rules/pagerduty";
import { secretPolicies } from "./rules/secrets";
import { vercelPolicies } from "./rules/vercel";

/**
 * The platform's policies, importable without starting a policy server: the tests and the offline
 * plan run them in-process; `index.ts` serves them to the Pulumi CLI.
 */
export const packName = "platform-policies";

export const policies: Policies = [
  ...cloudRunPolicies,
  ...secretPolicies,
  ...monitoringPolicies,
  ...kubernetesPolicies,
  ...atlasPolicies,
  ...vercelPolicies,
  ...pagerdutyPolicies,
  ...dockerPolicies,
  ...commonPolicies,
];

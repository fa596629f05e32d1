import { Policies } from "@pulumi/policy";
import { atlasPolicies } from "./rules/atlas";
import { cloudRunPolicies } from "./rules/cloudRun";
import { commonPolicies } from "./rules/common";
import { dockerPolicies } from "./rules/docker";
import { dockerRuntimePolicies } from "./rules/dockerRuntime";
import { iamPolicies } from "./rules/iam";
import { kubernetesPolicies } from "./rules/kubernetes";
import { kubernetesNamespacePolicies } from "./rules/kubernetesNamespaces";
import { kubernetesNetworkPolicies } from "./rules/kubernetesNetwork";
import { kubernetesPodSecurityPolicies } from "./rules/kubernetesPodSecurity";
import { monitoringPolicies } from "./rules/monitoring";
import { oncallPolicies } from "./rules/oncall";
import { secretEnvPolicies } from "./rules/secretEnv";
import { secretsPolicies } from "./rules/secrets";
import { sentryPolicies } from "./rules/sentry";
import { vercelPolicies } from "./rules/vercel";

/**
 * The platform's policies, importable without starting a policy server: the tests and the offline
 * plan run them in-process; `index.ts` serves them to the Pulumi CLI.
 */
export const packName = "platform-policies";

export const policies: Policies = [
  ...cloudRunPolicies,
  ...iamPolicies,
  ...secretsPolicies,
  ...secretEnvPolicies,
  ...monitoringPolicies,
  ...kubernetesPolicies,
  ...kubernetesPodSecurityPolicies,
  ...kubernetesNetworkPolicies,
  ...kubernetesNamespacePolicies,
  ...atlasPolicies,
  ...vercelPolicies,
  ...oncallPolicies,
  ...sentryPolicies,
  ...dockerPolicies,
  ...dockerRuntimePolicies,
  ...commonPolicies,
];

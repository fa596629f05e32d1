import { ForceNewTable } from "./types";

/** @pulumiverse/vercel 5.4.1: vercel/terraform-provider-vercel v5.4.1 (pulumiverse/pulumi-vercel #415; the versions match). */
export const Vercel: ForceNewTable = new Map([
  // vercel/terraform-provider-vercel v5.4.1 vercel/resource_project.go (RequiresReplaceIfConfigured on teamId only: a rename updates)
  ["vercel:index/project:Project", ["teamId"]],
  // vercel/terraform-provider-vercel v5.4.1 vercel/resource_deployment.go (RequiresReplace on every input but deleteOnDestroy)
  [
    "vercel:index/deployment:Deployment",
    ["projectId", "teamId", "ref", "production", "meta", "environment", "files", "pathPrefix", "projectSettings", "customEnvironmentId"],
  ],
  // vercel/terraform-provider-vercel v5.4.1 vercel/resource_project_domain.go (redirect, gitBranch... update)
  ["vercel:index/projectDomain:ProjectDomain", ["projectId", "teamId", "domain"]],
  // vercel/terraform-provider-vercel v5.4.1 vercel/resource_project_environment_variable.go (value, targets, comment update)
  ["vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", ["projectId", "teamId", "key", "sensitive", "customEnvironmentIds"]],
]);

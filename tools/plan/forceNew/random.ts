import { ForceNewTable } from "./types";

/** @pulumi/random 4.21.2: hashicorp/terraform-provider-random v3.9.0 (the newest stored release; pulumi-random has built it since v4.21.0). */
export const Random: ForceNewTable = new Map([
  // hashicorp/terraform-provider-random v3.9.0 internal/provider/resource_password.go (RequiresReplace on every input, keepers included)
  ["random:index/randomPassword:RandomPassword", ["*"]],
]);

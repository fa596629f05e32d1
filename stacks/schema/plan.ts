import { Type } from "@sinclair/typebox";

/**
 * Keys read by the offline plan (tools/plan), not by the program. `allowReplace` names the stateful
 * resources (by URN, or `type::name`) that this change may delete or replace; anything else that would
 * lose data fails the plan. Remove an entry once the change it allowed has been applied.
 */
export const PlanKeys = {
  "platform:allowReplace": Type.Array(
    Type.String({
      pattern: "^(urn:pulumi:.+|[A-Za-z0-9_.-]+:[A-Za-z0-9_./-]*:[A-Za-z0-9_.-]+::.+)$",
      expected: "a resource URN or `type::name` (e.g. gcp:secretmanager/secret:Secret::JWT_SECRET)",
    }),
    { default: [], expected: "a list of resource URNs or `type::name`" },
  ),
};

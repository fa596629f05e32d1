import * as pulumi from "@pulumi/pulumi";
import { assembleStack, StackOutputs } from "./assemble";
import { runtimeStackSpec } from "./runtimeConfig";
import { StackSpecError } from "./validate/issues";

/**
 * The whole program: the stack's config becomes a validated spec before any resource is registered,
 * then the spec becomes resources. A bad stack file stops here with every problem listed and nothing
 * created. index.ts runs it under the CLI; the offline plan and the tests run it under mocks.
 */
export function program(): StackOutputs {
  try {
    return assembleStack(runtimeStackSpec());
  } catch (error) {
    // RunError prints its message without a stack trace: the message is the whole story.
    if (error instanceof StackSpecError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

import * as gcp from "../../components/providers/gcp";
import { StackSpec } from "../schema";

/** What every area's assembly needs: the spec, the providers and the stack-wide conventions. */
export interface Assembly {
  spec: StackSpec;
  gcp: gcp.Provider;
  /** Stateful resources (secrets, databases, volumes) refuse deletion in prod. */
  protectStateful: boolean;
  /** Labels every labelled resource carries: product, environment, owner. */
  labels(product: string): Record<string, string>;
  /** The secrets whose value the program reads (secretReads.ts), for the preview identity's grants. */
  secretReads: Set<string>;
}

export function createAssembly(spec: StackSpec): Assembly {
  // An explicit provider: the program never falls back to the machine's ambient gcloud project.
  const gcpProvider = new gcp.Provider("gcp", { project: spec.gcp.project, region: spec.gcp.region });
  return {
    spec,
    gcp: gcpProvider,
    protectStateful: spec.environment === "prod",
    labels: (product) => ({ product, environment: spec.environment, owner: spec.owner, "managed-by": "pulumi" }),
    secretReads: new Set(),
  };
}

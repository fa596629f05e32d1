import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { AtlasCluster } from "../../components/atlas/cluster";
import { AppDatabaseUser } from "../../components/atlas/databaseUser";
import { ProjectAccess } from "../../components/atlas/projectAccess";
import { SuppliedSecretValue } from "../../components/secrets/managedSecret";
import { Assembly } from "./context";

export interface AtlasEstate {
  /** Atlas project id per product, for the product's Atlas alerts. */
  projectIds: Map<string, pulumi.Input<string>>;
  /** Connection string per Secret Manager secret id that receives one. */
  connectionStrings: Map<string, SuppliedSecretValue>;
  provider?: mongodbatlas.Provider;
}

/**
 * `platform:atlas` → per project its access list and maintenance window; per cluster an AtlasCluster
 * with its backup schedule and snapshots, and one AppDatabaseUser per service whose connection string
 * goes to the secret the stack file names (the secrets area writes it as a version).
 */
export function assembleAtlas(a: Assembly): AtlasEstate {
  const estate: AtlasEstate = { projectIds: new Map(), connectionStrings: new Map() };
  const settings = a.spec.atlas;
  if (!settings) return estate;
  // Explicit, like the GCP provider: credentials come from MONGODB_ATLAS_PUBLIC_KEY/PRIVATE_KEY in CI.
  const provider = new mongodbatlas.Provider("atlas", {});
  estate.provider = provider;

  for (const [product, project] of Object.entries(settings.projects)) {
    estate.projectIds.set(product, project.id);
    new ProjectAccess(`${product}-atlas`, { projectId: project.id, access: project.access, maintenanceWindow: project.maintenanceWindow }, { provider });
  }

  for (const [clusterName, spec] of Object.entries(settings.clusters)) {
    const projectId = settings.projects[spec.project].id; // the spec checked the project exists
    const cluster = new AtlasCluster(
      clusterName,
      {
        projectId,
        clusterName,
        providerName: spec.provider,
        regionName: spec.region,
        instanceSize: spec.instanceSize,
        nodeCount: spec.nodeCount,
        mongoDbMajorVersion: spec.mongoDbMajorVersion,
        computeAutoScaling: spec.autoScaling.compute,
        diskAutoScaling: spec.autoScaling.disk,
        // Step 1 of a resize (`ops db-scale <c> --size`): Atlas applies instanceSize only with
        // auto-scaling off (useEffectiveFields; components/atlas/cluster.ts).
        pauseAutoScalingForResize: spec.autoScaling.pausedForResize ?? false,
        backup: spec.backup,
        tags: a.labels(spec.project),
        protect: a.protectStateful,
      },
      { provider },
    );
    for (const [username, user] of Object.entries(spec.users)) {
      const dbUser = new AppDatabaseUser(
        `${clusterName}-${username}`,
        {
          projectId,
          clusterName: cluster.clusterName,
          srvAddress: cluster.srvAddress,
          username,
          database: user.database,
          rotation: user.rotation,
          ...(user.previousRotation !== undefined ? { previousRotation: user.previousRotation } : {}),
          labels: a.labels(spec.project),
        },
        { provider },
      );
      estate.connectionStrings.set(user.connectionStringSecret, {
        value: dbUser.connectionString,
        source: "atlas",
        rotation: user.rotation,
      });
    }
  }
  return estate;
}

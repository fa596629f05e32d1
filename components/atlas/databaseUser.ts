import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface AppDatabaseUserArgs {
  projectId: pulumi.Input<string>;
  /** The cluster the user may log in to; no other cluster of the project accepts it. */
  clusterName: pulumi.Input<string>;
  /** mongodb+srv://host of the cluster. */
  srvAddress: pulumi.Input<string>;
  username: string;
  /** The only database the user may read and write. */
  database: string;
  /** Any change makes a new password (the runbook's "Rotate MongoDB Password"). */
  rotation: string;
  /** Labels shown in Atlas's Database Access page. */
  labels: Record<string, string>;
}

/**
 * A service's database user with the least privilege (readWrite on its own database, scoped to its
 * cluster), its password from @pulumi/random, and the connection string built from both. The
 * password and the connection string are Pulumi secrets from the start.
 */
export class AppDatabaseUser extends pulumi.ComponentResource {
  readonly user: mongodbatlas.DatabaseUser;
  /** The SRV connection string with the user's credentials and database: a Pulumi secret. */
  readonly connectionString: pulumi.Output<string>;

  constructor(name: string, args: AppDatabaseUserArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:atlas:AppDatabaseUser", name, {}, opts);
    const password = new random.RandomPassword(
      `${name}-password`,
      // Letters and digits only: the password sits in a URI, where other characters need escaping.
      { length: 40, special: false, keepers: { rotation: args.rotation } },
      { parent: this },
    );
    this.user = new mongodbatlas.DatabaseUser(
      name,
      {
        projectId: args.projectId,
        authDatabaseName: "admin",
        username: args.username,
        password: password.result,
        roles: [{ roleName: "readWrite", databaseName: args.database }],
        scopes: [{ name: args.clusterName, type: "CLUSTER" }],
        labels: Object.entries(args.labels).map(([key, value]) => ({ key, value })),
        description: `Application user of ${args.username}: readWrite on ${args.database} only.`,
      },
      // Atlas changes the password in place; a new user would briefly lock the service out.
      { parent: this },
    );
    this.connectionString = pulumi.secret(
      pulumi
        .all([args.srvAddress, password.result, this.user.username])
        .apply(([srv, secret, username]) => connectionString(srv, username, secret, args.database)),
    );
    this.registerOutputs({ connectionString: this.connectionString });
  }
}

/**
 * The cluster's SRV address (`mongodb+srv://<host>`) with the user's credentials (percent-encoded by
 * the URL API), its database, retryable writes and majority write concern.
 */
export function connectionString(srvAddress: string, username: string, password: string, database: string): string {
  const url = new URL(`${srvAddress.startsWith("mongodb+srv://") ? srvAddress : `mongodb+srv://${srvAddress}`}/${database}`);
  url.username = username;
  url.password = password;
  url.search = "retryWrites=true&w=majority";
  return url.toString();
}

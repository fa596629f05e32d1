import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export interface AppDatabaseUserArgs {
  projectId: pulumi.Input<string>;
  /** The cluster the user may log in to; no other cluster of the project accepts it. */
  clusterName: pulumi.Input<string>;
  /** mongodb+srv://host of the cluster. */
  srvAddress: pulumi.Input<string>;
  /** The service the user belongs to; each credential's Atlas user is `<service>-<key>`. */
  username: string;
  /** The only database the user may read and write. */
  database: string;
  /** The key of the credential in use; a new key is a new user with a new password. */
  rotation: string;
  /** The key before the last rotation: its user stays until this is removed. */
  previousRotation?: string;
  /** Labels shown in Atlas's Database Access page. */
  labels: Record<string, string>;
}

/**
 * A service's database access with the least privilege (readWrite on its own database, scoped to its
 * cluster): one Atlas user per rotation key, each with its own password from @pulumi/random, and the
 * connection string of the current one. Rotation follows runbook 000: a new key creates a new user
 * and the connection string switches to it, while the previous key's user keeps working for the
 * instances that still hold the old string; removing `previousRotation` deletes it. The passwords
 * and the connection string are Pulumi secrets from the start.
 */
export class AppDatabaseUser extends pulumi.ComponentResource {
  /** The Atlas user of the current key. */
  readonly user: mongodbatlas.DatabaseUser;
  /** The previous key's user, while it is kept. */
  readonly previousUser?: mongodbatlas.DatabaseUser;
  /** The SRV connection string with the current user's credentials and database: a Pulumi secret. */
  readonly connectionString: pulumi.Output<string>;

  constructor(name: string, args: AppDatabaseUserArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:atlas:AppDatabaseUser", name, {}, opts);
    const current = this.credential(name, args, args.rotation);
    this.user = current.user;
    if (args.previousRotation !== undefined) this.previousUser = this.credential(name, args, args.previousRotation).user;
    this.connectionString = pulumi.secret(
      pulumi
        .all([args.srvAddress, current.password.result, this.user.username])
        .apply(([srv, secret, username]) => connectionString(srv, username, secret, args.database)),
    );
    this.registerOutputs({ connectionString: this.connectionString });
  }

  /** The user and password of one rotation key, named by it so that a new key never replaces an old one. */
  private credential(name: string, args: AppDatabaseUserArgs, key: string) {
    const password = new random.RandomPassword(
      `${name}-${key}-password`,
      // Letters and digits only: the password sits in a URI, where other characters need escaping.
      { length: 40, special: false, keepers: { rotation: key } },
      { parent: this },
    );
    const username = `${args.username}-${key}`;
    const user = new mongodbatlas.DatabaseUser(
      `${name}-${key}`,
      {
        projectId: args.projectId,
        authDatabaseName: "admin",
        username,
        password: password.result,
        roles: [{ roleName: "readWrite", databaseName: args.database }],
        scopes: [{ name: args.clusterName, type: "CLUSTER" }],
        labels: Object.entries({ ...args.labels, rotation: key }).map(([k, value]) => ({ key: k, value })),
        description: `Application user of ${args.username} (rotation ${key}): readWrite on ${args.database} only.`,
      },
      { parent: this },
    );
    return { password, user };
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

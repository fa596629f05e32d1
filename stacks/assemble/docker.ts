import * as pulumi from "@pulumi/pulumi";
import { postgresBackup, postgresRole, postgresUrl, redisRole, redisUrl } from "../../components/docker/roles";
import { DockerContainerArgs, DockerStack } from "../../components/docker/stack";
import { ManagedSecret } from "../../components/secrets/managedSecret";
import { DockerContainerSpec, DockerSpec } from "../validate/rules/docker";
import { Assembly } from "./context";
import { readSecret, SecretRead } from "./secretReads";

/** What an on-call engineer needs to reach the Docker host's containers. */
export interface DockerHostOutputs {
  host: string;
  /** Published `host:port` addresses per container (none for the database and the cache). */
  addresses: Record<string, string[]>;
}

/**
 * `platform:docker` → one DockerStack. Every secret value (passwords, JWT secrets, SMTP and S3
 * credentials) is read from Secret Manager when `pulumi up` runs and handed to the container as a
 * Pulumi secret; the stack file only names the secrets.
 */
export function assembleDocker(a: Assembly, secrets: Map<string, ManagedSecret>): DockerHostOutputs | undefined {
  const settings = a.spec.docker;
  if (!settings) return undefined;
  const read = secretReader(a, secrets);

  const containers: Record<string, DockerContainerArgs> = {};
  for (const [name, spec] of Object.entries(settings.containers)) {
    containers[name] = containerArgs(settings, spec, read);
  }
  if (settings.backup) {
    const backup = settings.backup;
    const database = settings.containers[backup.database]; // the spec checked it has a postgres: block
    const pg = database.postgres!;
    const password = read(pg.passwordSecret);
    containers[backup.name] = {
      ...postgresBackup({
        image: backup.image ?? database.image,
        databaseHost: backup.database,
        user: pg.user,
        database: pg.database,
        password: password.value,
        volume: backup.volume,
        schedule: backup.schedule,
        timezone: backup.timezone,
        retentionDays: backup.retentionDays,
        memory: backup.memory,
        cpus: backup.cpus,
      }),
      secretRevision: `PGPASSWORD=${password.revision}`,
      secretSources: password.sources,
      restartToken: backup.restartToken,
    };
  }

  const stack = new DockerStack(settings.product, {
    host: settings.host,
    registries: settings.registries,
    network: settings.network,
    volumes: settings.volumes,
    containers,
    labels: a.labels(settings.product),
    logs: settings.logs,
    protectVolumes: a.protectStateful,
  });
  return { host: settings.host, addresses: stack.addresses };
}

function containerArgs(settings: DockerSpec, spec: DockerContainerSpec, read: (id: string, version?: string) => SecretRead): DockerContainerArgs {
  const env: Record<string, string> = {};
  const secretEnv: Record<string, pulumi.Input<string>> = {};
  const revision: string[] = [];
  const sources: pulumi.Resource[] = [];
  const useSecret = (envName: string, source: SecretRead, value: pulumi.Input<string> = source.value, label = source.revision) => {
    secretEnv[envName] = value;
    revision.push(`${envName}=${label}`);
    sources.push(...source.sources);
  };

  let role: Partial<DockerContainerArgs> = {};
  if (spec.postgres) {
    const password = read(spec.postgres.passwordSecret);
    role = postgresRole({ user: spec.postgres.user, database: spec.postgres.database, password: password.value });
    useSecret("POSTGRES_PASSWORD", password);
  } else if (spec.redis) {
    const password = read(spec.redis.passwordSecret);
    role = redisRole({ password: password.value, maxMemory: spec.redis.maxMemory });
    useSecret("REDIS_PASSWORD", password);
  }
  Object.assign(env, role.env, spec.env);

  for (const [envName, source] of Object.entries(spec.secretEnv)) {
    if (source.secret !== undefined) {
      useSecret(envName, read(source.secret, source.version));
    } else if (source.postgresUrl !== undefined) {
      const pg = settings.containers[source.postgresUrl].postgres!; // the spec checked the reference
      const password = read(pg.passwordSecret);
      useSecret(
        envName,
        password,
        postgresUrl(source.postgresUrl, pg.user, pg.database, password.value),
        `postgresUrl:${source.postgresUrl}(${password.revision})`,
      );
    } else if (source.redisUrl !== undefined) {
      const redis = settings.containers[source.redisUrl].redis!;
      const password = read(redis.passwordSecret);
      useSecret(envName, password, redisUrl(source.redisUrl, password.value), `redisUrl:${source.redisUrl}(${password.revision})`);
    }
  }

  return {
    image: spec.image,
    restart: spec.restart,
    memory: spec.memory,
    cpus: spec.cpus,
    healthcheck: spec.healthcheck,
    ports: spec.ports,
    dependsOn: spec.dependsOn,
    mounts: spec.mounts,
    tmpfs: role.tmpfs,
    entrypoint: role.entrypoint,
    command: spec.command,
    uploads: role.uploads,
    init: role.init,
    env,
    secretEnv,
    secretRevision: revision.length ? [...new Set(revision)].sort().join(",") : undefined,
    secretSources: [...new Set(sources)],
    stopGraceSeconds: spec.stopGraceSeconds,
    restartToken: spec.restartToken,
  };
}

/** Reads each secret once per version (secretReads.ts), however many containers use it. */
function secretReader(a: Assembly, secrets: Map<string, ManagedSecret>) {
  const cache = new Map<string, SecretRead>();
  return (secretId: string, version?: string): SecretRead => {
    const key = `${secretId}@${version ?? ""}`;
    if (!cache.has(key)) cache.set(key, readSecret(a, secrets, secretId, version));
    return cache.get(key)!;
  };
}

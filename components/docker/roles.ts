import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";
import { mebibytes } from "../quantity";
import { DockerContainerArgs, UploadArgs } from "./stack";

/**
 * What the official postgres and redis images need beyond `docker run`: their passwords from secrets,
 * applied so that a rotation reaches data that already exists, and a pg_dump backup on a schedule.
 * Product-agnostic: the assembly says which container plays which part.
 */

export const PostgresPort = 5432;
export const RedisPort = 6379;

const PostgresStart = "/usr/local/bin/platform-postgres-start";
const RedisStart = "/usr/local/bin/platform-redis-start";
const BackupStart = "/usr/local/bin/platform-backup-cron";
const BackupRun = "/usr/local/bin/platform-backup";

// POSTGRES_PASSWORD only initialises an empty data directory: on every start the password is applied
// again over the local socket (which the image trusts), so a rotated password reaches the existing
// database. The check runs in a detached process, re-parented to tini, so postgres stays PID 1's child
// and never reaps it; 127.0.0.1 is only served by the real server, not the init-time one.
const postgresStartScript = `#!/bin/sh
set -eu
(
  (
    until pg_isready -q -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"; do sleep 2; done
    printf 'ALTER ROLE "%s" WITH PASSWORD :%s;\\n' "$POSTGRES_USER" "'password'" |
      psql -q -v ON_ERROR_STOP=1 -v password="$POSTGRES_PASSWORD" -h /var/run/postgresql -U "$POSTGRES_USER" -d "$POSTGRES_DB" ||
      echo "platform: could not apply POSTGRES_PASSWORD" >&2
  ) &
)
exec docker-entrypoint.sh postgres
`;

// requirepass goes into a tmpfs file only redis can read: never the command line (ps) or a disk.
const redisStartScript = `#!/bin/sh
set -eu
umask 077
printf 'requirepass "%s"\\n' "$REDIS_PASSWORD" > /run/redis/auth.conf
chown redis:redis /run/redis/auth.conf
set -- redis-server /run/redis/auth.conf --appendonly yes
if [ -n "\${REDIS_MAXMEMORY:-}" ]; then set -- "$@" --maxmemory "$REDIS_MAXMEMORY"; fi
exec docker-entrypoint.sh "$@"
`;

// busybox crond starts jobs with an empty environment: the job's settings go to a root-only file on a
// tmpfs, so the password never lands on a disk.
const backupStartScript = `#!/bin/sh
set -eu
umask 077
export -p | grep -E '^export (PG[A-Z]+|BACKUP_[A-Z_]+|TZ)=' > /run/backup/env
mkdir -p /etc/crontabs
printf '%s . /run/backup/env && ${BackupRun} > /proc/1/fd/1 2> /proc/1/fd/2\\n' "$BACKUP_SCHEDULE" > /etc/crontabs/root
exec crond -f -d 6
`;

// The runbook's crontab lines: pg_dump | gzip into the backups volume, then
// find -name 'backup_*.sql.gz' -mtime +<retention> -delete. A failed dump leaves no backup_ file.
const backupRunScript = `#!/bin/sh
set -eu
set -o pipefail
stamp=$(date +%Y%m%d_%H%M%S)
partial="$BACKUP_DIR/.backup_$stamp.sql.gz.partial"
pg_dump --no-password "$PGDATABASE" | gzip -9 > "$partial"
mv "$partial" "$BACKUP_DIR/backup_$stamp.sql.gz"
find "$BACKUP_DIR" -name 'backup_*.sql.gz' -mtime "+$BACKUP_RETENTION_DAYS" -delete
find "$BACKUP_DIR" -name '.backup_*.partial' -mtime +1 -delete
echo "platform: wrote backup_$stamp.sql.gz"
`;

const script = (file: string, content: string): UploadArgs => ({ file, content, executable: true });

/**
 * The env vars each role sets, with the key of its stack-file block each comes from: a container's
 * own env or secretEnv must leave them to the role.
 */
export const RoleEnv: Record<"postgres" | "redis", Record<string, string>> = {
  postgres: { POSTGRES_USER: "user", POSTGRES_DB: "database", POSTGRES_PASSWORD: "passwordSecret" },
  redis: { REDIS_PASSWORD: "passwordSecret", REDIS_MAXMEMORY: "maxMemory" },
};

export interface PostgresRoleArgs {
  user: string;
  database: string;
  password: pulumi.Input<string>;
}

/** The parts of a container that make it the official postgres image with a managed password. */
export function postgresRole(args: PostgresRoleArgs): Pick<DockerContainerArgs, "entrypoint" | "uploads" | "init" | "env" | "secretEnv"> {
  return {
    entrypoint: [PostgresStart],
    uploads: [script(PostgresStart, postgresStartScript)],
    init: true,
    env: { POSTGRES_USER: args.user, POSTGRES_DB: args.database },
    secretEnv: { POSTGRES_PASSWORD: args.password },
  };
}

export interface RedisRoleArgs {
  password: pulumi.Input<string>;
  /** @default none: redis grows to the container's memory limit */
  maxMemory?: string;
}

export function redisRole(args: RedisRoleArgs): Pick<DockerContainerArgs, "entrypoint" | "uploads" | "init" | "env" | "secretEnv" | "tmpfs"> {
  return {
    entrypoint: [RedisStart],
    uploads: [script(RedisStart, redisStartScript)],
    init: true,
    tmpfs: { "/run/redis": "rw,noexec,nosuid,size=64k,mode=0755" },
    env: args.maxMemory ? { REDIS_MAXMEMORY: `${mebibytes(args.maxMemory)}mb` } : {},
    secretEnv: { REDIS_PASSWORD: args.password },
  };
}

/** `postgresql://user:password@host:5432/database?schema=public` (Prisma's form), as a Pulumi secret. */
export function postgresUrl(host: string, user: string, database: string, password: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.output(password).apply((p) => `postgresql://${user}:${encodeURIComponent(p ?? "")}@${host}:${PostgresPort}/${database}?schema=public`),
  );
}

/** `redis://:password@host:6379`, as a Pulumi secret. */
export function redisUrl(host: string, password: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(pulumi.output(password).apply((p) => `redis://:${encodeURIComponent(p ?? "")}@${host}:${RedisPort}`));
}

export interface PostgresBackupArgs {
  /** An image with pg_dump of the server's major version and busybox crond (a postgres alpine image). */
  image: string;
  /** The postgres container (its network alias). */
  databaseHost: string;
  user: string;
  database: string;
  password: pulumi.Input<string>;
  /** The named volume the dumps go to. */
  volume: string;
  /** Five-field cron expression. */
  schedule: string;
  timezone: string;
  retentionDays: number;
  memory: string;
  cpus: number;
}

/**
 * A container that runs `pg_dump | gzip` on a schedule into a volume and deletes old dumps. A bad
 * argument is refused naming the database it backs up (`postgresBackup spilttea-postgres: ...`).
 */
export function postgresBackup(args: PostgresBackupArgs): DockerContainerArgs {
  const fail = argumentCheck("postgresBackup", args.databaseHost);
  // Guard: a retention under a day (`find -mtime +0`) deletes every dump but the latest.
  if (!(Number.isInteger(args.retentionDays) && args.retentionDays >= 1)) fail("retentionDays", args.retentionDays, "a whole number of days, at least 1");
  // Guard: busybox crond reads five fields; another count is a crontab line it never runs as meant.
  if (args.schedule.trim().split(/\s+/).length !== 5) fail("schedule", args.schedule, "a five-field cron expression");
  return {
    image: args.image,
    memory: args.memory,
    cpus: args.cpus,
    entrypoint: [BackupStart],
    uploads: [script(BackupStart, backupStartScript), script(BackupRun, backupRunScript)],
    init: true,
    tmpfs: { "/run/backup": "rw,noexec,nosuid,size=64k,mode=0700" },
    healthcheck: { command: ["CMD-SHELL", "pgrep crond > /dev/null"], interval: "30s", timeout: "5s", retries: 3 },
    mounts: { [args.volume]: "/backups" },
    dependsOn: [args.databaseHost],
    env: {
      PGHOST: args.databaseHost,
      PGPORT: String(PostgresPort),
      PGUSER: args.user,
      PGDATABASE: args.database,
      BACKUP_DIR: "/backups",
      BACKUP_SCHEDULE: args.schedule,
      BACKUP_RETENTION_DAYS: String(args.retentionDays),
      TZ: args.timezone,
    },
    secretEnv: { PGPASSWORD: args.password },
  };
}

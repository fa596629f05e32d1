import { Type } from "@sinclair/typebox";
import { NetworkNameExpected, NetworkNamePattern } from "../../components/docker/networkName";
import { DnsLabel, EnvVarName, EnvVarNameExpected, ImageRef, Integer, Memory, NamedMap, OneOf, RotationKey, Strict } from "./common";

/**
 * Containers on one Docker host (runbook 004, Spilt Tea). Its `docker-compose up -d --build`, image
 * re-tagging for rollbacks, `.env` edits, `docker-compose restart` and backup crontab become edits here.
 */

const ContainerName = "^[a-z][-a-z0-9]{0,61}[a-z0-9]$";
const ContainerNameExpected = "a container name of lower-case letters, digits and '-' (at most 63 characters)";

/** `ssh://user@host[:port]`: the provider dials the host over SSH, never a local or ambient socket. */
export const DockerHostUrl = Type.String({
  pattern: "^ssh://[a-z_][a-z0-9_-]{0,31}@[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(:[1-9][0-9]{0,4})?$",
  expected: "an SSH address of the Docker host such as ssh://deploy@spilttea-prod (never unix:// or tcp://)",
});

export const Duration = (options: { default?: string } = {}) =>
  Type.String({ pattern: "^[1-9][0-9]*(ms|s|m|h)$", expected: "a duration such as 500ms, 10s, 1m or 1h", ...options });

export const DockerCpus = Type.Number({ minimum: 0.01, maximum: 64, expected: "a CPU count such as 0.5, 1 or 2" });

/**
 * What Docker runs to decide the container is healthy: `[CMD, pg_isready, ...]` or
 * `[CMD-SHELL, "..."]`. Other containers wait for it (`dependsOn`), and so does `pulumi up`.
 */
export const Healthcheck = Strict(
  {
    // Its shape (CMD or CMD-SHELL, then the command) is checked by the rule, which can say what is missing.
    command: Type.Array(Type.String({ minLength: 1, expected: "a non-empty word of the command" }), {
      expected: 'a command such as [CMD, pg_isready, -U, spilttea] or [CMD-SHELL, "redis-cli ping"]',
    }),
    interval: Duration({ default: "10s" }),
    timeout: Duration({ default: "5s" }),
    retries: Integer(1, 100, { default: 5, expected: "a count from 1 to 100" }),
    /** Failures during this time do not count: the time a cold start needs. */
    startPeriod: Type.Optional(Duration()),
  },
  { expected: "a healthcheck with a command" },
);

/** A published port: `host` on the Docker host forwards to `container`. */
export const PublishedPort = Strict({
  container: Integer(1, 65535, { expected: "the TCP port the container listens on" }),
  host: Integer(1, 65535, { expected: "a TCP port on the Docker host from 1 to 65535" }),
  /** @default 0.0.0.0, all interfaces; 127.0.0.1 keeps the port for a reverse proxy on the host */
  hostIp: Type.Optional(Type.String({ pattern: "^[0-9]{1,3}(\\.[0-9]{1,3}){3}$", expected: "an IPv4 address such as 127.0.0.1" })),
});

/** An env var whose value is secret: a platform:secrets secret, or a URL built from a service's password. */
export const SecretEnvSource = Strict(
  {
    secret: Type.Optional(Type.String({ minLength: 1, expected: "the id of a secret declared under platform:secrets" })),
    version: Type.Optional(Type.String({ pattern: "^(latest|[1-9][0-9]*)$", expected: "latest or a version number" })),
    /** `postgresql://<user>:<password>@<container>:5432/<database>` of a postgres container here. */
    postgresUrl: Type.Optional(Type.String({ minLength: 1, expected: "the name of a container here with a postgres: block" })),
    /** `redis://:<password>@<container>:6379` of a redis container here. */
    redisUrl: Type.Optional(Type.String({ minLength: 1, expected: "the name of a container here with a redis: block" })),
  },
  { expected: "one of {secret: ID}, {postgresUrl: <container>} or {redisUrl: <container>}, never the value itself" },
);

/** The official postgres image: its password comes from a platform:secrets secret. */
export const PostgresRole = Strict({
  user: DnsLabel,
  database: DnsLabel,
  passwordSecret: Type.String({ minLength: 1, expected: "the id of a generated secret declared under platform:secrets" }),
});

/** The official redis image: `requirepass` from a platform:secrets secret, data appended to /data. */
export const RedisRole = Strict({
  passwordSecret: Type.String({ minLength: 1, expected: "the id of a generated secret declared under platform:secrets" }),
  /** @default none: redis grows to the container's memory limit and is OOM-killed there */
  maxMemory: Type.Optional(Memory),
});

export const DockerContainer = Strict({
  image: ImageRef,
  /** Runs as `docker run --restart`. */
  restart: OneOf(["unless-stopped", "always", "on-failure"] as const, { default: "unless-stopped" }),
  memory: Memory,
  cpus: DockerCpus,
  healthcheck: Healthcheck,
  /** Only the public ports: a database or cache publishes none. */
  ports: Type.Array(PublishedPort, { default: [], expected: "a list of {container, host} ports" }),
  /** Containers created, and healthy, before this one (the runbook's "wait for postgres to be ready"). */
  dependsOn: Type.Array(Type.String({ pattern: ContainerName, expected: ContainerNameExpected }), {
    default: [],
    uniqueItems: true,
    expected: "a list of container names declared here",
  }),
  /** Named volume → path in the container. Host paths are not accepted (no docker.sock, no host files). */
  mounts: NamedMap(
    ContainerName,
    "the name of a volume declared under volumes",
    Type.String({
      pattern: "^/[^\\s]*$",
      expected: "an absolute path in the container such as /var/lib/postgresql/data",
    }),
    { default: {} },
  ),
  command: Type.Optional(Type.Array(Type.String(), { minItems: 1, expected: "a command as a list of words" })),
  env: NamedMap(EnvVarName, EnvVarNameExpected, Type.String({ expected: "a string (quote numbers and booleans)" }), { default: {} }),
  secretEnv: NamedMap(EnvVarName, EnvVarNameExpected, SecretEnvSource, { default: {} }),
  postgres: Type.Optional(PostgresRole),
  redis: Type.Optional(RedisRole),
  /** Seconds between SIGTERM and SIGKILL when the container is stopped or replaced. */
  stopGraceSeconds: Integer(1, 600, { default: 30, expected: "seconds from 1 to 600" }),
  /** Any new value recreates the container (the runbook's `docker-compose restart <service>`). */
  restartToken: Type.Optional(RotationKey),
});

/** The runbook's crontab: `pg_dump | gzip` at 02:00 into backups/, `find -mtime +7 -delete` after. */
export const DockerBackup = Strict({
  /** The backup container's name. */
  name: Type.String({ pattern: ContainerName, expected: ContainerNameExpected }),
  /** The postgres container to dump. */
  database: Type.String({ pattern: ContainerName, expected: "the name of a container here with a postgres: block" }),
  /** The named volume that holds the dumps. */
  volume: Type.String({ pattern: ContainerName, expected: "the name of a volume declared under volumes" }),
  /** Five-field cron expression (minute hour day month weekday), as busybox crond reads it. */
  schedule: Type.String({ minLength: 1, expected: 'a five-field cron expression such as "0 2 * * *"' }),
  timezone: Type.String({ default: "UTC", pattern: "^[A-Za-z_]+(/[A-Za-z_+-]+)*$", expected: "an IANA time zone such as UTC or Europe/London" }),
  /** Dumps more than this many days old are deleted after each run (`find -mtime +N`). */
  retentionDays: Integer(1, 365, { expected: "a number of days from 1 to 365" }),
  /** @default the database container's image, so pg_dump matches the server's major version */
  image: Type.Optional(ImageRef),
  memory: Memory,
  cpus: DockerCpus,
  restartToken: Type.Optional(RotationKey),
});

export const DockerVolume = Strict({
  /** @default local */
  driver: Type.Optional(Type.String({ pattern: "^[a-z0-9][a-z0-9._/-]*$", expected: "a volume driver name such as local" })),
  /**
   * Several containers mount it at once, and are made to (mounts are read-write). @default false: one
   * container writes it, since two writers of one data directory (two postgres servers) corrupt it.
   */
  shared: Type.Optional(Type.Boolean({ expected: "true when several containers are made to write this volume at once" })),
});

/** Log rotation (json-file driver, so `docker logs` and `docker-compose logs` still work). */
export const DockerLogs = Strict({
  maxSize: Type.String({ default: "10m", pattern: "^[1-9][0-9]*[kmg]$", expected: "a size such as 10m or 1g" }),
  maxFiles: Integer(1, 100, { default: 5, expected: "a file count from 1 to 100" }),
});

export const DockerSettings = Strict({
  product: DnsLabel,
  host: DockerHostUrl,
  /** Registries the host pulls from; credentials come from DOCKER_REGISTRY_USER/PASS in CI. */
  registries: Type.Array(Type.String({ pattern: "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?$", expected: "a registry host such as ghcr.io" }), {
    default: [],
    uniqueItems: true,
    expected: "a list of registry hosts",
  }),
  // What Docker refuses (an empty name, a predefined network: github:moby/moby daemon/network.go
  // createNetwork) is refused here too, by the rule DockerStack checks (components/docker/networkName.ts).
  network: Type.String({ pattern: NetworkNamePattern, expected: NetworkNameExpected }),
  logs: Type.Optional(DockerLogs),
  volumes: NamedMap(ContainerName, "a volume name of lower-case letters, digits and '-'", DockerVolume, { default: {} }),
  containers: NamedMap(ContainerName, ContainerNameExpected, DockerContainer, {
    minProperties: 1,
    expected: "a map of at least one container",
  }),
  backup: Type.Optional(DockerBackup),
});

export const DockerKeys = {
  "platform:docker": Type.Optional(DockerSettings),
};

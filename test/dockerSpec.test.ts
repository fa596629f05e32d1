import { postgresBackup, postgresRole, redisRole, RoleEnv } from "../components/docker/roles";
import { DockerStack, DockerStackArgs } from "../components/docker/stack";
import { parseStackSpec } from "../stacks/spec";
import { runProgram } from "../tools/plan/record";
import { Config, editedConfig, setPath, specErrors, stackConfig, StackFile } from "./harness";

const Docker = "platform:docker";
const C = `${Docker}.containers`;

const edited = (...edits: [string, unknown][]): Config => editedConfig("prod", ...edits);

describe("Docker stack keys: bad input is rejected with file, key path, expectation and finding", () => {
  test.each<[string, [string, unknown][], string]>([
    [
      "two containers publishing host port 3001",
      [[`${C}.spilttea-frontend.ports[0].host`, 3001]],
      `${C}.spilttea-frontend.ports[0].host: expected a host port no other container publishes, found 3001 (already published by spilttea-backend)`,
    ],
    [
      "a healthcheck with no command key",
      [[`${C}.spilttea-backend.healthcheck.command`, undefined]],
      `${C}.spilttea-backend.healthcheck.command: missing; expected a command such as [CMD, pg_isready, -U, spilttea]`,
    ],
    [
      "a healthcheck with an empty command",
      [[`${C}.spilttea-backend.healthcheck.command`, []]],
      `${C}.spilttea-backend.healthcheck.command: expected CMD or CMD-SHELL followed by the command (such as [CMD, pg_isready]), found [], which runs nothing`,
    ],
    [
      "a healthcheck of CMD alone",
      [[`${C}.spilttea-postgres.healthcheck.command`, ["CMD"]]],
      `${C}.spilttea-postgres.healthcheck.command: expected CMD or CMD-SHELL followed by the command (such as [CMD, pg_isready]), found ["CMD"], which runs nothing`,
    ],
    [
      "a healthcheck without CMD or CMD-SHELL",
      [[`${C}.spilttea-backend.healthcheck.command`, ["curl", "-f", "http://127.0.0.1:3001/health"]]],
      `${C}.spilttea-backend.healthcheck.command[0]: expected CMD or CMD-SHELL, then the command, found "curl"`,
    ],
    [
      "no healthcheck at all",
      [[`${C}.spilttea-frontend.healthcheck`, undefined]],
      `${C}.spilttea-frontend.healthcheck: missing; expected a healthcheck with a command`,
    ],
    [
      "a backup retention of 0 days",
      [[`${Docker}.backup.retentionDays`, 0]],
      `${Docker}.backup.retentionDays: expected a number of days from 1 to 365, found 0 (a number)`,
    ],
    [
      "a cron expression with hour 25",
      [[`${Docker}.backup.schedule`, "0 25 * * *"]],
      `${Docker}.backup.schedule: expected a five-field cron expression such as "0 2 * * *", found "0 25 * * *" (Constraint error, got value 25 expected range 0-23)`,
    ],
    [
      "a cron expression that is words",
      [[`${Docker}.backup.schedule`, "every night"]],
      `${Docker}.backup.schedule: expected a five-field cron expression such as "0 2 * * *", found "every night" (2 fields)`,
    ],
    [
      "a six-field cron expression (busybox crond reads five)",
      [[`${Docker}.backup.schedule`, "0 0 2 * * *"]],
      `${Docker}.backup.schedule: expected a five-field cron expression such as "0 2 * * *", found "0 0 2 * * *" (6 fields)`,
    ],
    [
      "an unknown key on a container (memmory)",
      [[`${C}.spilttea-backend.memmory`, "1Gi"]],
      `${C}.spilttea-backend.memmory: unknown key; did you mean "memory"?`,
    ],
    ["an unknown key on the block (backups)", [[`${Docker}.backups`, {}]], `${Docker}.backups: unknown key; did you mean "backup"?`],
    [
      "Docker's predefined bridge network as the stack's network (moby daemon/network.go createNetwork refuses it)",
      [[`${Docker}.network`, "bridge"]],
      `${Docker}.network: expected a lower-case network name of letters, digits and '-', starting with a letter (at most 63 characters), not one Docker predefines (bridge, host, none, default), found "bridge"`,
    ],
    [
      "a network name in upper case",
      [[`${Docker}.network`, "SpiltTea"]],
      `${Docker}.network: expected a lower-case network name of letters, digits and '-', starting with a letter (at most 63 characters), not one Docker predefines (bridge, host, none, default), found "SpiltTea"`,
    ],
    ["an unknown key in the backup (retention)", [[`${Docker}.backup.retention`, 7]], `${Docker}.backup.retention: unknown key; did you mean "retentionDays"?`],
    [
      "the local Docker socket as the host",
      [[`${Docker}.host`, "unix:///var/run/docker.sock"]],
      `${Docker}.host: expected an SSH address of the Docker host such as ssh://deploy@spilttea-prod (never unix:// or tcp://), found "unix:///var/run/docker.sock"`,
    ],
    [
      "a mount of the Docker socket",
      [[`${C}.spilttea-backend.mounts`, { "/var/run/docker.sock": "/var/run/docker.sock" }]],
      `${C}.spilttea-backend.mounts["/var/run/docker.sock"]: invalid name; expected the name of a volume declared under volumes`,
    ],
    [
      "a mount of an undeclared volume",
      [[`${C}.spilttea-backend.mounts`, { "spilttea-upload": "/uploads" }]],
      `${C}.spilttea-backend.mounts.spilttea-upload: expected a volume declared under platform:docker.volumes, found "spilttea-upload"`,
    ],
    [
      "a dependency on an undeclared container",
      [[`${C}.spilttea-backend.dependsOn`, ["spilttea-postgress"]]],
      `${C}.spilttea-backend.dependsOn[0]: expected a container declared under platform:docker.containers, found "spilttea-postgress"; did you mean "spilttea-postgres"?`,
    ],
    [
      "a container that depends on itself",
      [[`${C}.spilttea-backend.dependsOn`, ["spilttea-backend"]]],
      `${C}.spilttea-backend.dependsOn[0]: expected another container, found spilttea-backend itself`,
    ],
    // components/docker/roles.ts sets these from the role's block; the component saw only the first
    // (as a name in both env and secretEnv), the spec names every one at its key.
    [
      "the postgres password as a plain env value",
      [[`${C}.spilttea-postgres.env`, { POSTGRES_PASSWORD: "not-a-real-value" }]],
      `${C}.spilttea-postgres.env.POSTGRES_PASSWORD: expected a name the postgres: block does not set, found POSTGRES_PASSWORD (set from postgres.passwordSecret)`,
    ],
    [
      "a postgres user other than the block's",
      [[`${C}.spilttea-postgres.env`, { POSTGRES_USER: "admin" }]],
      `${C}.spilttea-postgres.env.POSTGRES_USER: expected a name the postgres: block does not set, found POSTGRES_USER (set from postgres.user)`,
    ],
    [
      "another secret as the postgres password",
      [[`${C}.spilttea-postgres.secretEnv`, { POSTGRES_PASSWORD: { secret: "SPILTTEA_JWT_SECRET" } }]],
      `${C}.spilttea-postgres.secretEnv.POSTGRES_PASSWORD: expected a name the postgres: block does not set, found POSTGRES_PASSWORD (set from postgres.passwordSecret)`,
    ],
    [
      "the redis password as a plain env value",
      [[`${C}.spilttea-redis.env`, { REDIS_PASSWORD: "not-a-real-value" }]],
      `${C}.spilttea-redis.env.REDIS_PASSWORD: expected a name the redis: block does not set, found REDIS_PASSWORD (set from redis.passwordSecret)`,
    ],
    [
      "a redis memory cap past redis.maxMemory",
      [[`${C}.spilttea-redis.env`, { REDIS_MAXMEMORY: "2048mb" }]],
      `${C}.spilttea-redis.env.REDIS_MAXMEMORY: expected a name the redis: block does not set, found REDIS_MAXMEMORY (set from redis.maxMemory)`,
    ],
    [
      "a start order with a cycle",
      [[`${C}.spilttea-postgres.dependsOn`, ["spilttea-backend"]]],
      `${C}.spilttea-postgres.dependsOn: expected no cycle in the start order, found spilttea-postgres → spilttea-backend → spilttea-postgres`,
    ],
    [
      "a secret env var naming an undeclared secret",
      [[`${C}.spilttea-backend.secretEnv.JWT_SECRET`, { secret: "SPILTTEA_JWT_SECRT" }]],
      `${C}.spilttea-backend.secretEnv.JWT_SECRET.secret: expected a secret declared under platform:secrets, found "SPILTTEA_JWT_SECRT"; did you mean "SPILTTEA_JWT_SECRET"?`,
    ],
    [
      "a database URL of the redis container",
      [[`${C}.spilttea-backend.secretEnv.DATABASE_URL`, { postgresUrl: "spilttea-redis" }]],
      `${C}.spilttea-backend.secretEnv.DATABASE_URL.postgresUrl: expected a container here with a postgres: block, found "spilttea-redis"`,
    ],
    [
      "a secret env var with two sources",
      [[`${C}.spilttea-backend.secretEnv.JWT_SECRET`, { secret: "SPILTTEA_JWT_SECRET", redisUrl: "spilttea-redis" }]],
      `${C}.spilttea-backend.secretEnv.JWT_SECRET: expected exactly one of secret, postgresUrl or redisUrl, found secret and redisUrl`,
    ],
    [
      "a secret also written as a plain env value",
      [[`${C}.spilttea-backend.env.JWT_SECRET`, "not-a-real-value"]],
      `${C}.spilttea-backend.secretEnv.JWT_SECRET: expected a name not also set in env, found JWT_SECRET in both (a secret must never be a plain value)`,
    ],
    [
      "an external secret as the postgres password",
      [[`${C}.spilttea-postgres.postgres.passwordSecret`, "SPILTTEA_SMTP_PASSWORD"]],
      `${C}.spilttea-postgres.postgres.passwordSecret: expected a generated secret (with generate: {rotation: ...}), found "SPILTTEA_SMTP_PASSWORD", which is external`,
    ],
    [
      "a version pinned on a generated secret",
      [[`${C}.spilttea-backend.secretEnv.JWT_SECRET.version`, "3"]],
      `${C}.spilttea-backend.secretEnv.JWT_SECRET.version: expected no version: SPILTTEA_JWT_SECRET is generated and follows its rotation key, found "3"`,
    ],
    [
      "an image tagged :latest",
      [[`${C}.spilttea-backend.image`, "ghcr.io/spilttea/spilttea-backend:latest"]],
      `${C}.spilttea-backend.image: expected an image pinned by tag or digest (name:v1.2.3 or name@sha256:<64 hex>), not :latest, found "ghcr.io/spilttea/spilttea-backend:latest"`,
    ],
    [
      "a backup of the redis container",
      [[`${Docker}.backup.database`, "spilttea-redis"]],
      `${Docker}.backup.database: expected a container here with a postgres: block, found "spilttea-redis"`,
    ],
    [
      "a backup into an undeclared volume",
      [[`${Docker}.backup.volume`, "spilttea-backup"]],
      `${Docker}.backup.volume: expected a volume declared under platform:docker.volumes, found "spilttea-backup"; did you mean "spilttea-backups"?`,
    ],
    [
      "a backup time zone that does not exist",
      [[`${Docker}.backup.timezone`, "Mars/Olympus"]],
      `${Docker}.backup.timezone: expected an IANA time zone such as UTC or Europe/London, found "Mars/Olympus"`,
    ],
    [
      "a redis maxmemory above the container's memory",
      [[`${C}.spilttea-redis.redis.maxMemory`, "1Gi"]],
      `${C}.spilttea-redis.redis.maxMemory: expected less than the container's memory (512Mi), leaving room for redis itself, found 1Gi`,
    ],
    [
      // kreuzwerker/terraform-provider-docker v4.5.0 helpers.go: NanoCPUs read back with one decimal.
      "a CPU count Docker reads back rounded",
      [[`${C}.spilttea-backend.cpus`, 0.05]],
      `${C}.spilttea-backend.cpus: expected a CPU count Docker reads back as itself (this one reads back as 0.1), found 0.05`,
    ],
    [
      "a memory size Docker cannot read",
      [[`${C}.spilttea-backend.memory`, "1GB"]],
      `${C}.spilttea-backend.memory: expected a memory size such as 512Mi or 2Gi, found "1GB"`,
    ],
  ])("GIVEN %s WHEN parsed THEN the key is named with what was expected", (_, edits, expected) => {
    const message = specErrors(edited(...edits));
    expect(message).toMatch(/^Pulumi\.prod\.yaml is not a valid stack file/);
    expect(message).toContain(`${StackFile.prod}: ${expected}`);
  });

  test("GIVEN a cron error and a port clash in staging WHEN parsed THEN both are listed, naming the staging file", () => {
    const config = stackConfig("staging");
    setPath(config, `${Docker}.backup.schedule`, "61 2 * * *");
    setPath(config, `${C}.spilttea-backend.ports[0].host`, 3000);
    const message = specErrors(config, StackFile.staging);
    expect(message.split("\n")[0]).toBe(`${StackFile.staging} is not a valid stack file (2 errors):`);
    expect(message).toContain(`${StackFile.staging}: ${Docker}.backup.schedule: expected a five-field cron expression`);
    expect(message).toContain(`${StackFile.staging}: ${C}.spilttea-frontend.ports[0].host: expected a host port no other container publishes, found 3000`);
  });

  test("GIVEN omitted optional keys WHEN parsed THEN restart, ports, healthcheck timing and log rotation take the schema's defaults", () => {
    const config = edited([`${C}.spilttea-frontend.healthcheck`, { command: ["CMD", "true"] }], [`${Docker}.logs`, undefined]);
    const spec = parseStackSpec(config, { stack: "prod", file: StackFile.prod });
    const frontend = spec.docker!.containers["spilttea-frontend"];
    expect(frontend.restart).toBe("unless-stopped");
    expect(frontend.healthcheck).toEqual({ command: ["CMD", "true"], interval: "10s", timeout: "5s", retries: 5 });
    expect(spec.docker!.containers["spilttea-redis"].ports).toEqual([]);
    expect(spec.docker!.logs).toBeUndefined();
  });
});

describe("DockerStack: arguments are checked before any child exists", () => {
  const valid = (): DockerStackArgs => ({
    host: "ssh://deploy@spilttea-test",
    network: "spilttea",
    volumes: { "spilttea-postgres-data": {} },
    containers: {
      "spilttea-postgres": {
        image: "postgres:16.4-alpine",
        memory: "512Mi",
        cpus: 0.5,
        healthcheck: { command: ["CMD", "pg_isready"] },
        mounts: { "spilttea-postgres-data": "/var/lib/postgresql/data" },
      },
      "spilttea-backend": {
        image: "ghcr.io/spilttea/spilttea-backend:v1.4.2",
        memory: "1Gi",
        cpus: 1,
        healthcheck: { command: ["CMD-SHELL", "wget -q --spider http://127.0.0.1:3001/health"] },
        ports: [{ container: 3001, host: 3001 }],
        dependsOn: ["spilttea-postgres"],
      },
    },
    labels: { product: "spilttea", environment: "test", owner: "platform-team" },
  });

  /** Constructs the component under mocks; returns the error messages and the registered types. */
  async function construct(edit: (args: DockerStackArgs) => void) {
    const run = await runProgram(
      () => {
        const args = valid();
        edit(args);
        new DockerStack("spilttea", args);
      },
      { project: "platform", stack: "test", config: {} },
    );
    return { errors: run.errors.map((e) => e.message), resources: run.resources };
  }

  test("GIVEN valid arguments WHEN constructed THEN the backend depends on postgres, and volumes are protected by default", async () => {
    const { errors, resources } = await construct(() => undefined);
    expect(errors).toEqual([]);
    const containers = resources.filter((r) => r.type === "docker:index/container:Container");
    const byName = new Map(containers.map((r) => [r.inputs.name, r]));
    expect([...byName.keys()].sort()).toEqual(["spilttea-backend", "spilttea-postgres"]);
    expect(byName.get("spilttea-backend")!.dependencies).toContain(byName.get("spilttea-postgres")!.urn);
    // Protected by default: a caller must say otherwise explicitly.
    expect(resources.find((r) => r.type === "docker:index/volume:Volume")?.protect).toBe(true);
  });

  test.each<[string, (args: DockerStackArgs) => void, string]>([
    [
      "the local socket as host",
      (a) => void (a.host = "unix:///var/run/docker.sock"),
      'host must be an ssh://user@host address (never a local socket), got "unix:///var/run/docker.sock"',
    ],
    [
      "a healthcheck with no command",
      (a) => void (a.containers["spilttea-backend"].healthcheck = { command: [] }),
      'containers.spilttea-backend.healthcheck.command must be ["CMD", ...] or ["CMD-SHELL", "<command line>"], got []',
    ],
    [
      "two containers on one host port",
      (a) => void (a.containers["spilttea-postgres"].ports = [{ container: 5432, host: 3001 }]),
      "containers.spilttea-backend.ports must be a host port no other container publishes (spilttea-postgres does), got 3001",
    ],
    [
      "a mount of a host path",
      (a) => void (a.containers["spilttea-backend"].mounts = { "/var/run/docker.sock": "/var/run/docker.sock" }),
      'containers.spilttea-backend.mounts must be a volume declared on the stack (spilttea-postgres-data), got "/var/run/docker.sock"',
    ],
    [
      "a memory size in GB",
      (a) => void (a.containers["spilttea-backend"].memory = "1GB"),
      'containers.spilttea-backend.memory must be a memory size such as 512Mi or 2Gi, got "1GB"',
    ],
    [
      "a secret also set as plain env",
      (a) => void Object.assign(a.containers["spilttea-backend"], { env: { JWT_SECRET: "x" }, secretEnv: { JWT_SECRET: "y" } }),
      'containers.spilttea-backend.env must be free of names that secretEnv sets (a secret is never a plain value), got "JWT_SECRET"',
    ],
    [
      "a cycle in the start order",
      (a) => void (a.containers["spilttea-postgres"].dependsOn = ["spilttea-backend"]),
      'containers.spilttea-backend.dependsOn must be free of cycles, got "spilttea-backend → spilttea-postgres → spilttea-backend"',
    ],
    [
      "a dependency on a container not on the stack",
      (a) => void (a.containers["spilttea-backend"].dependsOn = ["spilttea-redis"]),
      'containers.spilttea-backend.dependsOn must be names of containers declared on the stack (spilttea-backend, spilttea-postgres), got "spilttea-redis"',
    ],
    [
      "a dependency named like a key every object has",
      (a) => void (a.containers["spilttea-backend"].dependsOn = ["constructor"]),
      'containers.spilttea-backend.dependsOn must be names of containers declared on the stack (spilttea-backend, spilttea-postgres), got "constructor"',
    ],
    [
      "a network name in upper case",
      (a) => void (a.network = "SpiltTea"),
      `network must be a lower-case network name of letters, digits and '-', starting with a letter (at most 63 characters), not one Docker predefines (bridge, host, none, default), got "SpiltTea"`,
    ],
    [
      "Docker's predefined bridge network (moby daemon/network.go createNetwork refuses it)",
      (a) => void (a.network = "bridge"),
      `network must be a lower-case network name of letters, digits and '-', starting with a letter (at most 63 characters), not one Docker predefines (bridge, host, none, default), got "bridge"`,
    ],
    [
      "a healthcheck interval Docker would read back otherwise (a Go duration)",
      (a) => void (a.containers["spilttea-backend"].healthcheck.interval = "1m30s"),
      'containers.spilttea-backend.healthcheck.interval must be a duration such as 500ms, 10s, 1m or 1h, got "1m30s"',
    ],
    [
      "a healthcheck start period in days (Go durations stop at hours)",
      (a) => void (a.containers["spilttea-postgres"].healthcheck.startPeriod = "2d"),
      'containers.spilttea-postgres.healthcheck.startPeriod must be a duration such as 500ms, 10s, 1m or 1h, got "2d"',
    ],
    [
      "a container name in upper case",
      (a) => void (a.containers = { Backend: a.containers["spilttea-backend"] }),
      'containers must be keyed by lower-case container names, got "Backend"',
    ],
    ["no CPU at all", (a) => void (a.containers["spilttea-backend"].cpus = 0), "containers.spilttea-backend.cpus must be a CPU count above 0, got 0"],
    [
      "a mount at a relative path",
      (a) => void (a.containers["spilttea-postgres"].mounts = { "spilttea-postgres-data": "data" }),
      'containers.spilttea-postgres.mounts.spilttea-postgres-data must be an absolute path in the container, got "data"',
    ],
  ])("GIVEN %s WHEN constructed THEN it throws naming the component, the field and the value, and creates no container", async (_, edit, expected) => {
    const { errors, resources } = await construct(edit);
    expect(errors).toEqual([`DockerStack spilttea: ${expected}`]);
    expect(resources.filter((r) => r.type.startsWith("docker:") || r.type === "pulumi:providers:docker")).toEqual([]);
  });

  test("GIVEN a one-letter network name WHEN parsed and constructed THEN the spec and DockerStack both take it, as Docker does (moby NewNetwork refuses only an empty name)", async () => {
    const spec = parseStackSpec(edited([`${Docker}.network`, "a"]), { stack: "prod", file: StackFile.prod });
    expect(spec.docker!.network).toBe("a");
    const { errors, resources } = await construct((a) => void (a.network = "a"));
    expect(errors).toEqual([]);
    expect(resources.find((r) => r.type === "docker:index/network:Network")?.inputs.name).toBe("a");
  });

  test("GIVEN a retention of 0 days WHEN the backup container is described THEN it throws naming the field", () => {
    const backup = {
      image: "postgres:16.4-alpine",
      databaseHost: "spilttea-postgres",
      user: "spilttea",
      database: "spilttea",
      password: "",
      volume: "spilttea-backups",
      schedule: "0 2 * * *",
      timezone: "UTC",
      memory: "256Mi",
      cpus: 0.25,
    };
    expect(() => postgresBackup({ ...backup, retentionDays: 0 })).toThrow(
      new Error("postgresBackup spilttea-postgres: retentionDays must be a whole number of days, at least 1, got 0"),
    );
    expect(() => postgresBackup({ ...backup, retentionDays: 7, schedule: "0 0 2 * * *" })).toThrow(
      new Error('postgresBackup spilttea-postgres: schedule must be a five-field cron expression, got "0 0 2 * * *"'),
    );
  });
});

describe("Docker roles: the env vars the spec leaves to them", () => {
  test("GIVEN the postgres and redis roles WHEN they describe their container THEN they set exactly the names RoleEnv lists (the rule that keeps a stack file's env off them reads it)", () => {
    const names = (role: { env?: Record<string, string>; secretEnv?: Record<string, unknown> }) =>
      [...Object.keys(role.env ?? {}), ...Object.keys(role.secretEnv ?? {})].sort();
    expect(names(postgresRole({ user: "u", database: "d", password: "p" }))).toEqual(Object.keys(RoleEnv.postgres).sort());
    expect(names(redisRole({ password: "p", maxMemory: "384Mi" }))).toEqual(Object.keys(RoleEnv.redis).sort());
  });
});

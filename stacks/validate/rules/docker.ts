import { CronExpressionParser } from "cron-parser";
import { StackSpec } from "../../schema";
import { suggestion } from "../closest";
import { cpusReadBackExactly, dockerCpus } from "../../../components/docker/readBack";
import { RoleEnv } from "../../../components/docker/roles";
import { gibibytes } from "../../../components/quantity";
import { entriesOf, Rule, RuleContext } from "./context";

const Docker = "platform:docker";

export type DockerSpec = NonNullable<StackSpec["docker"]>;
export type DockerContainerSpec = DockerSpec["containers"][string];
export type DockerBackupSpec = NonNullable<DockerSpec["backup"]>;

type Path = (string | number)[];

export const dockerRules: Rule = (ctx) => {
  const settings = ctx.config[Docker];
  if (!settings || typeof settings !== "object") return;
  // Only parts that passed the schema are read, so their types hold; the rest is already reported.
  const declared = Object.fromEntries(entriesOf(settings.containers));
  const containers = Object.fromEntries(Object.entries(declared).filter(([name]) => ctx.isSound([Docker, "containers", name])));
  checkPorts(ctx, containers);
  checkVolumeWriters(ctx, settings, containers);
  checkStartOrder(ctx, containers, Object.keys(declared));
  for (const [name, container] of Object.entries(containers)) {
    const at = (...key: Path): Path => [Docker, "containers", name, ...key];
    checkHealthcheck(ctx, container, at);
    checkCpus(ctx, container, at);
    checkMounts(ctx, settings, container, at);
    checkRoles(ctx, container, at);
    checkSecretEnv(ctx, declared, container, at);
  }
  if (settings.backup && ctx.isSound([Docker, "backup"])) checkBackup(ctx, settings, settings.backup);
};

/**
 * The provider reads `cpus` back from the daemon's NanoCPUs with one decimal when nine zeros remain
 * (kreuzwerker/terraform-provider-docker v4.5.0 helpers.go nanoInt64ToDecimalString), so 0.05 reads
 * back "0.1": a diff at every refresh, and `cpus` forces replacement.
 */
function checkCpus(ctx: RuleContext, container: DockerContainerSpec, at: (...key: Path) => Path) {
  if (!cpusReadBackExactly(container.cpus)) {
    ctx.report(at("cpus"), `expected a CPU count Docker reads back as itself (this one reads back as ${dockerCpus(container.cpus)}), found ${container.cpus}`);
  }
}

/** Two containers cannot bind one host port: the second would fail to start on the host. */
function checkPorts(ctx: RuleContext, containers: Record<string, DockerContainerSpec>) {
  const owners = new Map<number, string>();
  for (const [name, container] of Object.entries(containers)) {
    container.ports.forEach((port, i) => {
      const owner = owners.get(port.host);
      if (owner !== undefined) {
        ctx.report(
          [Docker, "containers", name, "ports", i, "host"],
          `expected a host port no other container publishes, found ${port.host} (already published by ${owner})`,
        );
      } else {
        owners.set(port.host, name);
      }
    });
  }
}

/**
 * Every mount is read-write, and two containers writing one named volume corrupt it: a copy of
 * spilttea-postgres under another name would run a second postgres server on the same data directory.
 * A volume that several containers (the backup job among them) mount must be declared `shared: true`.
 */
function checkVolumeWriters(ctx: RuleContext, settings: DockerSpec, containers: Record<string, DockerContainerSpec>) {
  const writers = new Map<string, { name: string; at: Path }[]>();
  const add = (volume: string, name: string, at: Path) => writers.set(volume, [...(writers.get(volume) ?? []), { name, at }]);
  for (const [name, container] of Object.entries(containers)) {
    for (const volume of Object.keys(container.mounts)) add(volume, name, [Docker, "containers", name, "mounts", volume]);
  }
  if (settings.backup && ctx.isSound([Docker, "backup"])) add(settings.backup.volume, settings.backup.name, [Docker, "backup", "volume"]);
  const volumes = Object.fromEntries(entriesOf(settings.volumes));
  for (const [volume, [first, ...others]] of writers) {
    if (others.length === 0 || volumes[volume]?.shared === true) continue;
    for (const other of others) {
      ctx.report(
        other.at,
        `expected a volume no other container writes (two writers of one volume corrupt it, as two postgres servers on one data directory do), found ${volume}, ` +
          `also mounted read-write by ${first.name}; if both are made to share it, declare ${Docker}.volumes.${volume}.shared: true`,
      );
    }
  }
}

/** dependsOn names declared containers and has no cycle: each waits for the others' health. */
function checkStartOrder(ctx: RuleContext, containers: Record<string, DockerContainerSpec>, names: string[]) {
  for (const [name, container] of Object.entries(containers)) {
    container.dependsOn.forEach((dependency, i) => {
      const at: Path = [Docker, "containers", name, "dependsOn", i];
      if (dependency === name) ctx.report(at, `expected another container, found ${name} itself`);
      else if (!names.includes(dependency))
        ctx.report(at, `expected a container declared under platform:docker.containers, found "${dependency}"${suggestion(dependency, names)}`);
    });
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string, chain: string[]): void => {
    if (done.has(name) || !(name in containers)) return;
    if (visiting.has(name)) {
      const cycle = [...chain.slice(chain.indexOf(name)), name];
      ctx.report([Docker, "containers", name, "dependsOn"], `expected no cycle in the start order, found ${cycle.join(" → ")}`);
      return;
    }
    visiting.add(name);
    for (const dependency of containers[name].dependsOn) if (dependency !== name) visit(dependency, [...chain, name]);
    visiting.delete(name);
    done.add(name);
  };
  for (const name of names) visit(name, []);
}

function checkHealthcheck(ctx: RuleContext, container: DockerContainerSpec, at: (...key: Path) => Path) {
  const command = container.healthcheck.command;
  const [kind, ...rest] = command;
  if (command.length < 2) {
    ctx.report(
      at("healthcheck", "command"),
      `expected CMD or CMD-SHELL followed by the command (such as [CMD, pg_isready]), found ${JSON.stringify(command)}, which runs nothing`,
    );
  } else if (kind !== "CMD" && kind !== "CMD-SHELL") {
    ctx.report(at("healthcheck", "command", 0), `expected CMD or CMD-SHELL, then the command, found "${kind}"`);
  } else if (kind === "CMD-SHELL" && rest.length !== 1) {
    ctx.report(at("healthcheck", "command"), `expected CMD-SHELL followed by one shell command line, found ${rest.length} words`);
  }
}

function checkMounts(ctx: RuleContext, settings: DockerSpec, container: DockerContainerSpec, at: (...key: Path) => Path) {
  const volumes = entriesOf(settings.volumes).map(([volume]) => volume);
  const paths = new Set<string>();
  for (const [volume, path] of Object.entries(container.mounts)) {
    if (!volumes.includes(volume)) {
      ctx.report(at("mounts", volume), `expected a volume declared under platform:docker.volumes, found "${volume}"${suggestion(volume, volumes)}`);
    }
    if (paths.has(path)) ctx.report(at("mounts", volume), `expected one volume per path, found ${path} twice`);
    paths.add(path);
  }
}

function checkRoles(ctx: RuleContext, container: DockerContainerSpec, at: (...key: Path) => Path) {
  if (container.postgres && container.redis) ctx.report(at("redis"), "expected at most one of postgres or redis, found both");
  checkRoleEnv(ctx, container, at);
  if (container.postgres) checkGeneratedSecret(ctx, container.postgres.passwordSecret, at("postgres", "passwordSecret"));
  if (container.redis) {
    checkGeneratedSecret(ctx, container.redis.passwordSecret, at("redis", "passwordSecret"));
    const maxMemory = container.redis.maxMemory;
    if (maxMemory && gibibytes(maxMemory) >= gibibytes(container.memory)) {
      ctx.report(
        at("redis", "maxMemory"),
        `expected less than the container's memory (${container.memory}), leaving room for redis itself, found ${maxMemory}`,
      );
    }
  }
}

/**
 * A role sets its image's variables from its block (components/docker/roles.ts): the user, database
 * and password of postgres, the password and memory cap of redis. The same name in env or secretEnv
 * would replace what the block says (the password in plain text, a user the URLs do not use).
 */
function checkRoleEnv(ctx: RuleContext, container: DockerContainerSpec, at: (...key: Path) => Path) {
  for (const role of ["postgres", "redis"] as const) {
    if (!container[role]) continue;
    const managed = RoleEnv[role];
    for (const key of ["env", "secretEnv"] as const) {
      for (const envName of Object.keys(container[key])) {
        if (envName in managed) {
          ctx.report(at(key, envName), `expected a name the ${role}: block does not set, found ${envName} (set from ${role}.${managed[envName]})`);
        }
      }
    }
  }
}

/** A password of a service here is generated and rotated by the platform, never typed in. */
function checkGeneratedSecret(ctx: RuleContext, secretId: string, at: Path) {
  const secrets = Object.fromEntries(entriesOf(ctx.config["platform:secrets"]));
  if (!(secretId in secrets)) {
    ctx.report(at, `expected a secret declared under platform:secrets, found "${secretId}"${suggestion(secretId, Object.keys(secrets))}`);
  } else if (!secrets[secretId]?.generate) {
    ctx.report(at, `expected a generated secret (with generate: {rotation: ...}), found "${secretId}", which is external`);
  }
}

function checkSecretEnv(ctx: RuleContext, containers: Record<string, DockerContainerSpec>, container: DockerContainerSpec, at: (...key: Path) => Path) {
  const secrets = Object.fromEntries(entriesOf(ctx.config["platform:secrets"]));
  const withRole = (role: "postgres" | "redis") => Object.keys(containers).filter((name) => containers[name]?.[role]);
  for (const [envName, source] of Object.entries(container.secretEnv)) {
    const here = (...key: Path) => at("secretEnv", envName, ...key);
    if (envName in container.env) {
      ctx.report(here(), `expected a name not also set in env, found ${envName} in both (a secret must never be a plain value)`);
    }
    const given = (["secret", "postgresUrl", "redisUrl"] as const).filter((key) => source[key] !== undefined);
    if (given.length !== 1) {
      ctx.report(here(), `expected exactly one of secret, postgresUrl or redisUrl, found ${given.length ? given.join(" and ") : "none"}`);
      continue;
    }
    if (source.version !== undefined && source.secret === undefined) ctx.report(here("version"), "expected version only with secret, found it without");
    if (source.secret !== undefined) {
      if (!(source.secret in secrets)) {
        ctx.report(
          here("secret"),
          `expected a secret declared under platform:secrets, found "${source.secret}"${suggestion(source.secret, Object.keys(secrets))}`,
        );
      } else if (secrets[source.secret]?.generate && source.version !== undefined) {
        ctx.report(here("version"), `expected no version: ${source.secret} is generated and follows its rotation key, found "${source.version}"`);
      }
    }
    if (source.postgresUrl !== undefined && !containers[source.postgresUrl]?.postgres) {
      ctx.report(
        here("postgresUrl"),
        `expected a container here with a postgres: block, found "${source.postgresUrl}"${suggestion(source.postgresUrl, withRole("postgres"))}`,
      );
    }
    if (source.redisUrl !== undefined && !containers[source.redisUrl]?.redis) {
      ctx.report(
        here("redisUrl"),
        `expected a container here with a redis: block, found "${source.redisUrl}"${suggestion(source.redisUrl, withRole("redis"))}`,
      );
    }
  }
}

function checkBackup(ctx: RuleContext, settings: DockerSpec, backup: DockerBackupSpec) {
  const at = (...key: Path): Path => [Docker, "backup", ...key];
  const containers = entriesOf(settings.containers).map(([name]) => name);
  if (containers.includes(backup.name)) ctx.report(at("name"), `expected a name no container uses, found "${backup.name}"`);
  if (!containers.includes(backup.database) || !settings.containers[backup.database].postgres) {
    ctx.report(
      at("database"),
      `expected a container here with a postgres: block, found "${backup.database}"${suggestion(
        backup.database,
        containers.filter((name) => settings.containers[name]?.postgres),
      )}`,
    );
  }
  const volumes = entriesOf(settings.volumes).map(([volume]) => volume);
  if (!volumes.includes(backup.volume)) {
    ctx.report(at("volume"), `expected a volume declared under platform:docker.volumes, found "${backup.volume}"${suggestion(backup.volume, volumes)}`);
  }
  const problem = cronProblem(backup.schedule, backup.timezone);
  if (problem) ctx.report(at("schedule"), `expected a five-field cron expression such as "0 2 * * *", found "${backup.schedule}" (${problem})`);
  if (!validTimeZone(backup.timezone)) ctx.report(at("timezone"), `expected an IANA time zone such as UTC or Europe/London, found "${backup.timezone}"`);
}

/** busybox crond reads five fields; cron-parser also takes a seconds field, so count them first. */
export function cronProblem(schedule: string, timezone = "UTC"): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return `${fields.length} fields`;
  try {
    CronExpressionParser.parse(schedule, { tz: validTimeZone(timezone) ? timezone : "UTC" });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

// Known per zone name: building a DateTimeFormat to ask is slow, and every backup schedule asks.
const timeZones = new Map<string, boolean>();

function validTimeZone(timezone: string): boolean {
  let valid = timeZones.get(timezone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: timezone });
      valid = true;
    } catch {
      valid = false;
    }
    timeZones.set(timezone, valid);
  }
  return valid;
}

import { Labels } from "../components/docker/stack";
import { ProgramRun, RecordedResource } from "../tools/plan/record";
import { containsSecret, Secret, Unknown } from "../tools/plan/values";
import { Area, ofType, resource, runStack, stackConfig, Types, withEdits } from "./harness";

const Docker = "platform:docker";
const T = {
  provider: "pulumi:providers:docker",
  network: "docker:index/network:Network",
  volume: "docker:index/volume:Volume",
  image: "docker:index/remoteImage:RemoteImage",
  container: "docker:index/container:Container",
} as const;
const Runbook = ["spilttea-postgres", "spilttea-redis", "spilttea-backend", "spilttea-frontend"];
const AllContainers = [...Runbook, "spilttea-backup"];

/** The component is named after the product, and names its children after itself (`<stack>-<kind>-<key>`). */
const Stack = "spilttea";
const container = (run: ProgramRun, name: string) => resource(run, T.container, `${Stack}-container-${name}`);
const image = (run: ProgramRun, name: string) => resource(run, T.image, `${Stack}-image-${name}`);
/** The Docker resources of a type by their physical name (a container's, a volume's, an image's reference). */
const byPhysicalName = (run: ProgramRun, type: string) => new Map([...ofType(run, type).values()].map((r) => [String(r.inputs.name), r]));
const labels = (r: RecordedResource): Record<string, string> =>
  Object.fromEntries(r.inputs.labels.map((l: { label: string; value: string }) => [l.label, l.value]));
const plainEnv = (run: ProgramRun, name: string): Record<string, string> => JSON.parse(labels(container(run, name))[Labels.env]);

/**
 * The Docker host and the whole secrets block: Spilt Tea's generated secrets are checked apart from
 * Mixillo's JWT_SECRET, which platform:docker does not name.
 */
const Areas: readonly Area[] = ["docker", "secrets"];

async function runEdited(stack: string, ...edits: [string, unknown][]): Promise<ProgramRun> {
  const config = withEdits(stackConfig(stack, Areas), ...edits);
  const run = await runStack(stack, config);
  expect(run.errors).toEqual([]);
  return run;
}

/** The unedited prod plan, planned once for the tests that read it and the edits that compare with it. */
let prodPlan: Promise<ProgramRun> | undefined;
const unedited = () => (prodPlan ??= runEdited("prod"));

/** The Docker containers and images whose inputs differ between two runs, by logical name. */
function changed(before: ProgramRun, after: ProgramRun): string[] {
  const names: string[] = [];
  for (const type of [T.container, T.image, T.volume, T.network, T.provider]) {
    const old = ofType(before, type);
    for (const [name, r] of ofType(after, type)) {
      if (JSON.stringify(r.inputs) !== JSON.stringify(old.get(name)?.inputs)) names.push(name);
    }
  }
  return names.sort();
}

describe("Spilt Tea's Docker host in prod, as runbook 004 runs it", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await unedited();
  });

  test("GIVEN the prod stack WHEN planned THEN an explicit provider dials the host over SSH, without prompts", () => {
    const providers = [...ofType(run, T.provider).values()];
    expect(providers).toHaveLength(1);
    expect(providers[0].inputs.host).toBe("ssh://deploy@spilttea-prod");
    // A provider's non-string inputs reach the engine JSON-encoded.
    const decoded = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);
    expect(decoded(providers[0].inputs.sshOpts)).toEqual(["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"]);
    expect(decoded(providers[0].inputs.registryAuth)).toEqual([{ address: "ghcr.io" }]);
    for (const r of run.resources.filter((x) => x.type.startsWith("docker:"))) expect(r.provider).toBe(providers[0].urn);
  });

  test("GIVEN the prod stack WHEN planned THEN the runbook's four containers and the backup exist, by their physical names", () => {
    expect([...byPhysicalName(run, T.container).keys()].sort()).toEqual([...AllContainers].sort());
    for (const name of AllContainers) expect(container(run, name).inputs.name).toBe(name);
  });

  test("GIVEN the prod stack WHEN planned THEN each container runs its pulled, pinned image (never built on the host)", () => {
    const expected: Record<string, string> = {
      "spilttea-postgres": "postgres:16.4-alpine",
      "spilttea-redis": "redis:7.4.1-alpine",
      "spilttea-backend": "ghcr.io/spilttea/spilttea-backend:v1.4.2",
      "spilttea-frontend": "ghcr.io/spilttea/spilttea-frontend:v1.4.2",
      // pg_dump of the server's own major version.
      "spilttea-backup": "postgres:16.4-alpine",
    };
    for (const [name, ref] of Object.entries(expected)) {
      expect(image(run, name).inputs).toEqual({ name: ref, keepLocally: true });
      expect(image(run, name).inputs.build).toBeUndefined();
      // The image id is known once pulled; the label keeps the reference readable in a diff.
      expect(container(run, name).inputs.image).toBe(Unknown);
      expect(container(run, name).propertyDependencies.image).toEqual([image(run, name).urn]);
      expect(labels(container(run, name))[Labels.image]).toBe(ref);
    }
  });

  test("GIVEN the prod stack WHEN planned THEN only the backend (3001) and the frontend (3000) publish a port", () => {
    expect(container(run, "spilttea-backend").inputs.ports).toEqual([{ internal: 3001, external: 3001, ip: "0.0.0.0", protocol: "tcp" }]);
    expect(container(run, "spilttea-frontend").inputs.ports).toEqual([{ internal: 3000, external: 3000, ip: "0.0.0.0", protocol: "tcp" }]);
    for (const name of ["spilttea-postgres", "spilttea-redis", "spilttea-backup"]) expect(container(run, name).inputs.ports).toEqual([]);
  });

  test("GIVEN the prod stack WHEN planned THEN healthchecks are pg_isready, redis-cli ping and the backend's /health", () => {
    const tests = (name: string) => container(run, name).inputs.healthcheck.tests;
    expect(tests("spilttea-postgres")).toEqual(["CMD", "pg_isready", "-q", "-h", "127.0.0.1", "-U", "spilttea", "-d", "spilttea"]);
    expect(tests("spilttea-redis")).toEqual(["CMD-SHELL", 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping | grep -q PONG']);
    expect(tests("spilttea-backend").join(" ")).toContain("http://127.0.0.1:3001/health");
    expect(tests("spilttea-frontend").join(" ")).toContain("http://127.0.0.1:3000/");
    expect(tests("spilttea-backup")).toEqual(["CMD-SHELL", "pgrep crond > /dev/null"]);
    for (const name of AllContainers) {
      const check = container(run, name).inputs.healthcheck;
      expect(check.interval).toMatch(/^[0-9]+s$/);
      // Durations as Go prints them, which is how the provider reads them back: 60s is 1m0s.
      if (check.startPeriod !== undefined) expect(check.startPeriod).toMatch(/^([0-9]+m)?[0-9]+s$/);
      expect(check.retries).toBeGreaterThan(0);
      // `pulumi up` waits until Docker reports the new container healthy.
      expect(container(run, name).inputs.wait).toBe(true);
    }
  });

  // kreuzwerker/terraform-provider-docker v4.5.0 resourceDockerContainerUpdate applies restart, memory and
  // cpu settings to the running container; a new healthcheck, init or tmpfs would reach only the state.
  test("GIVEN a container WHEN planned THEN a change of its healthcheck, init or tmpfs recreates it, so the change takes effect", () => {
    for (const name of AllContainers) expect(container(run, name).replaceOnChanges).toEqual(["healthcheck", "init", "tmpfs"]);
  });

  test("GIVEN the prod stack WHEN planned THEN the backend is created only after postgres and redis are healthy", () => {
    const backend = container(run, "spilttea-backend");
    expect(backend.dependencies).toEqual(expect.arrayContaining([container(run, "spilttea-postgres").urn, container(run, "spilttea-redis").urn]));
    expect(container(run, "spilttea-postgres").inputs.wait).toBe(true);
    expect(container(run, "spilttea-redis").inputs.wait).toBe(true);
    expect(container(run, "spilttea-backup").dependencies).toContain(container(run, "spilttea-postgres").urn);
  });

  test("GIVEN the prod stack WHEN planned THEN every container has memory and CPU limits, a restart policy and rotated logs", () => {
    const limits: Record<string, [number, string]> = {
      // cpus as the provider reads them back ("1.0", not "1": components/docker/readBack.ts).
      "spilttea-postgres": [1024, "1.0"],
      "spilttea-redis": [512, "0.5"],
      "spilttea-backend": [1024, "1.0"],
      "spilttea-frontend": [256, "0.5"],
      "spilttea-backup": [256, "0.25"],
    };
    for (const [name, [memory, cpus]] of Object.entries(limits)) {
      const inputs = container(run, name).inputs;
      expect([inputs.memory, inputs.memorySwap, inputs.cpus]).toEqual([memory, memory, cpus]);
      expect(inputs.restart).toBe("unless-stopped");
      expect(inputs.logDriver).toBe("json-file");
      expect(inputs.logOpts).toEqual({ "max-size": "10m", "max-file": "5" });
    }
  });

  test("GIVEN the prod stack WHEN planned THEN every container is on the private network, unprivileged, with no host network or socket", () => {
    const network = resource(run, T.network, "spilttea-network");
    expect(network.inputs).toMatchObject({ name: "spilttea", driver: "bridge" });
    for (const name of AllContainers) {
      const c = container(run, name);
      expect(c.inputs.networkMode).toBe("spilttea");
      expect(c.inputs.networksAdvanced).toEqual([{ name: "spilttea", aliases: [name] }]);
      expect(c.propertyDependencies.networksAdvanced).toEqual([network.urn]);
      expect(c.inputs.privileged).toBe(false);
      expect(c.inputs.securityOpts).toEqual(["no-new-privileges:true"]);
      expect(c.inputs.volumes).toBeUndefined();
      expect(c.inputs.pidMode).toBeUndefined();
      for (const mount of c.inputs.mounts) expect(mount.type).toBe("volume");
      // A fixed name and fixed ports: the old container goes before its replacement starts.
      expect(c.deleteBeforeReplace).toBe(true);
    }
  });

  test("GIVEN prod WHEN planned THEN the postgres, redis and backups volumes are protected and retained, and mounted where they belong", () => {
    const volumes = byPhysicalName(run, T.volume);
    expect([...volumes.keys()].sort()).toEqual(["spilttea-backups", "spilttea-postgres-data", "spilttea-redis-data"]);
    for (const volume of volumes.values()) {
      expect(volume.protect).toBe(true);
      expect(volume.retainOnDelete).toBe(true);
      expect(volume.inputs.driver).toBe("local");
    }
    expect(container(run, "spilttea-postgres").inputs.mounts).toEqual([
      { type: "volume", source: "spilttea-postgres-data", target: "/var/lib/postgresql/data" },
    ]);
    expect(container(run, "spilttea-redis").inputs.mounts).toEqual([{ type: "volume", source: "spilttea-redis-data", target: "/data" }]);
    expect(container(run, "spilttea-backup").inputs.mounts).toEqual([{ type: "volume", source: "spilttea-backups", target: "/backups" }]);
  });

  test("GIVEN the runbook's crontab WHEN planned THEN a backup container runs pg_dump | gzip at 02:00 and keeps 7 days", () => {
    const backup = container(run, "spilttea-backup");
    expect(plainEnv(run, "spilttea-backup")).toEqual({
      BACKUP_DIR: "/backups",
      BACKUP_RETENTION_DAYS: "7",
      BACKUP_SCHEDULE: "0 2 * * *",
      PGDATABASE: "spilttea",
      PGHOST: "spilttea-postgres",
      PGPORT: "5432",
      PGUSER: "spilttea",
      TZ: "UTC",
    });
    const run_ = backup.inputs.uploads.find((u: { file: string }) => u.file === "/usr/local/bin/platform-backup");
    expect(run_.executable).toBe(true);
    expect(run_.content).toContain('pg_dump --no-password "$PGDATABASE" | gzip -9');
    expect(run_.content).toContain('-mtime "+$BACKUP_RETENTION_DAYS" -delete');
    const cron = backup.inputs.uploads.find((u: { file: string }) => u.file === "/usr/local/bin/platform-backup-cron");
    expect(cron.content).toContain("exec crond -f");
    expect(backup.inputs.entrypoints).toEqual(["/usr/local/bin/platform-backup-cron"]);
  });

  test("GIVEN the runbook's .env WHEN planned THEN the backend has its port, CORS origin and S3/SMTP settings as plain env", () => {
    expect(plainEnv(run, "spilttea-backend")).toMatchObject({
      PORT: "3001",
      FRONTEND_URL: "https://spilttea.app",
      S3_BUCKET: "spilttea-uploads",
      SMTP_HOST: "smtp.gmail.com",
    });
    expect(plainEnv(run, "spilttea-frontend")).toEqual({ VITE_API_URL: "https://api.spilttea.app" });
    // No secret: the frontend's env list stays readable.
    expect(container(run, "spilttea-frontend").inputs.envs).toEqual(["VITE_API_URL=https://api.spilttea.app"]);
  });

  test("GIVEN the backend's secrets WHEN planned THEN its env is one Pulumi secret, named by id and rotation, never by value", () => {
    const backend = container(run, "spilttea-backend");
    expect(backend.inputs.envs).toBe(Secret);
    expect(labels(backend)[Labels.secretRevision].split(",")).toEqual([
      "AWS_ACCESS_KEY_ID=SPILTTEA_AWS_ACCESS_KEY_ID@latest",
      "AWS_SECRET_ACCESS_KEY=SPILTTEA_AWS_SECRET_ACCESS_KEY@latest",
      "DATABASE_URL=postgresUrl:spilttea-postgres(SPILTTEA_POSTGRES_PASSWORD@rotation:2025-11-22)",
      "JWT_REFRESH_SECRET=SPILTTEA_JWT_REFRESH_SECRET@rotation:2025-11-22",
      "JWT_SECRET=SPILTTEA_JWT_SECRET@rotation:2025-11-22",
      "REDIS_URL=redisUrl:spilttea-redis(SPILTTEA_REDIS_PASSWORD@rotation:2025-11-22)",
      "SMTP_PASSWORD=SPILTTEA_SMTP_PASSWORD@latest",
    ]);
    // The container waits for the secret versions it reads (generated) and the secrets (external).
    for (const dependency of [
      "secretVersion:SecretVersion::SPILTTEA_JWT_SECRET-version",
      "secretVersion:SecretVersion::SPILTTEA_POSTGRES_PASSWORD-version",
      "secret:Secret::SPILTTEA_SMTP_PASSWORD",
      "secret:Secret::SPILTTEA_AWS_SECRET_ACCESS_KEY",
    ]) {
      expect(backend.dependencies.some((urn) => urn.endsWith(dependency))).toBe(true);
    }
    for (const name of ["spilttea-postgres", "spilttea-redis", "spilttea-backup"]) expect(container(run, name).inputs.envs).toBe(Secret);
  });

  test("GIVEN the passwords WHEN planned THEN they are generated secrets of product spilttea, apart from Mixillo's JWT_SECRET", () => {
    for (const id of ["SPILTTEA_POSTGRES_PASSWORD", "SPILTTEA_REDIS_PASSWORD", "SPILTTEA_JWT_SECRET", "SPILTTEA_JWT_REFRESH_SECRET"]) {
      expect(resource(run, Types.randomPassword, `${id}-value`).inputs).toEqual({ length: 64, special: false, keepers: { rotation: "2025-11-22" } });
      expect(resource(run, Types.secret, id).inputs.labels.product).toBe("spilttea");
    }
    expect(resource(run, Types.secret, "JWT_SECRET").inputs.labels.product).toBe("mixillo");
  });

  test("GIVEN every Docker resource WHEN planned THEN no input but a container's env list holds a secret, and no password is in a command or label", () => {
    const dockerResources = run.resources.filter((r) => r.type.startsWith("docker:") || r.type === T.provider);
    for (const r of dockerResources) {
      const { envs, ...rest } = r.inputs;
      expect(containsSecret(rest)).toBe(false);
      if (envs !== undefined && r.inputs.name !== "spilttea-frontend") expect(envs).toBe(Secret);
    }
    const text = JSON.stringify(dockerResources.map((r) => r.inputs.labels));
    expect(text).not.toMatch(/PASSWORD=[^S,]/);
  });

  test("GIVEN postgres and redis WHEN planned THEN their passwords are applied by start scripts from the env, not the command line", () => {
    const postgres = container(run, "spilttea-postgres").inputs;
    expect(postgres.entrypoints).toEqual(["/usr/local/bin/platform-postgres-start"]);
    expect(postgres.init).toBe(true);
    expect(postgres.uploads[0].content).toContain("ALTER ROLE");
    expect(plainEnv(run, "spilttea-postgres")).toEqual({ POSTGRES_DB: "spilttea", POSTGRES_USER: "spilttea" });
    expect(postgres.stopTimeout).toBe(60);
    const redis = container(run, "spilttea-redis").inputs;
    expect(redis.entrypoints).toEqual(["/usr/local/bin/platform-redis-start"]);
    expect(redis.command).toBeUndefined();
    expect(redis.tmpfs).toEqual({ "/run/redis": "rw,noexec,nosuid,size=64k,mode=0755" });
    expect(plainEnv(run, "spilttea-redis")).toEqual({ REDIS_MAXMEMORY: "384mb" });
  });

  test("GIVEN the labels policy WHEN planned THEN containers, volumes and the network carry product, environment and owner", () => {
    for (const type of [T.container, T.volume, T.network]) {
      for (const r of ofType(run, type).values()) expect(labels(r)).toMatchObject({ product: "spilttea", environment: "prod", owner: "platform-team" });
    }
  });
});

describe("Spilt Tea in staging", () => {
  test("GIVEN staging WHEN planned THEN its own host, and volumes that are not protected", async () => {
    const run = await runEdited("staging");
    expect([...ofType(run, T.provider).values()][0].inputs.host).toBe("ssh://deploy@spilttea-staging");
    for (const volume of ofType(run, T.volume).values()) expect([volume.protect, volume.retainOnDelete]).toEqual([false, false]);
    expect(plainEnv(run, "spilttea-backup").BACKUP_RETENTION_DAYS).toBe("3");
  });
});

describe("Spilt Tea: the runbook's operations are stack edits", () => {
  let before: ProgramRun;
  beforeAll(async () => {
    before = await unedited();
  });
  const C = `${Docker}.containers`;

  test("GIVEN the backend rolled back to v1.4.1 (Quick Rollback) WHEN planned THEN only the backend's image and container change", async () => {
    const after = await runEdited("prod", [`${C}.spilttea-backend.image`, "ghcr.io/spilttea/spilttea-backend:v1.4.1"]);
    expect(changed(before, after)).toEqual(["spilttea-container-spilttea-backend", "spilttea-image-spilttea-backend"]);
    expect(image(after, "spilttea-backend").inputs.name).toBe("ghcr.io/spilttea/spilttea-backend:v1.4.1");
    expect(labels(container(after, "spilttea-backend"))[Labels.image]).toBe("ghcr.io/spilttea/spilttea-backend:v1.4.1");
  });

  test("GIVEN the frontend rolled back to v1.4.1 WHEN planned THEN only the frontend's image and container change", async () => {
    const after = await runEdited("prod", [`${C}.spilttea-frontend.image`, "ghcr.io/spilttea/spilttea-frontend:v1.4.1"]);
    expect(changed(before, after)).toEqual(["spilttea-container-spilttea-frontend", "spilttea-image-spilttea-frontend"]);
    expect(image(after, "spilttea-frontend").inputs.name).toBe("ghcr.io/spilttea/spilttea-frontend:v1.4.1");
  });

  test("GIVEN FRONTEND_URL changed (CORS misconfiguration) WHEN planned THEN only the backend changes, readably", async () => {
    const after = await runEdited("prod", [`${C}.spilttea-backend.env.FRONTEND_URL`, "https://www.spilttea.app"]);
    expect(changed(before, after)).toEqual(["spilttea-container-spilttea-backend"]);
    expect(plainEnv(after, "spilttea-backend").FRONTEND_URL).toBe("https://www.spilttea.app");
    expect(container(after, "spilttea-backend").inputs.envs).toBe(Secret);
  });

  test("GIVEN JWT_SECRET rotated (Security Incident: rotate JWT secret) WHEN planned THEN a new value, and only the backend is recreated", async () => {
    const after = await runEdited("prod", ["platform:secrets.SPILTTEA_JWT_SECRET.generate.rotation", "2025-12-01"]);
    expect(resource(after, Types.randomPassword, "SPILTTEA_JWT_SECRET-value").inputs.keepers).toEqual({ rotation: "2025-12-01" });
    expect(changed(before, after)).toEqual(["spilttea-container-spilttea-backend"]);
    expect(labels(container(after, "spilttea-backend"))[Labels.secretRevision]).toContain("JWT_SECRET=SPILTTEA_JWT_SECRET@rotation:2025-12-01");
    // Mixillo's JWT_SECRET is another secret and does not move.
    expect(resource(after, Types.randomPassword, "JWT_SECRET-value").inputs.keepers).toEqual({ rotation: "2025-11-07" });
  });

  test("GIVEN backup retention changed to 14 days WHEN planned THEN only the backup container changes", async () => {
    const after = await runEdited("prod", [`${Docker}.backup.retentionDays`, 14]);
    expect(changed(before, after)).toEqual(["spilttea-container-spilttea-backup"]);
    expect(plainEnv(after, "spilttea-backup").BACKUP_RETENTION_DAYS).toBe("14");
  });

  test("GIVEN a restart token on the backend (docker-compose restart backend) WHEN planned THEN only the backend is recreated", async () => {
    const after = await runEdited("prod", [`${C}.spilttea-backend.restartToken`, "2025-11-22T03-10"]);
    expect(changed(before, after)).toEqual(["spilttea-container-spilttea-backend"]);
    expect(labels(container(after, "spilttea-backend"))[Labels.restartToken]).toBe("2025-11-22T03-10");
    expect(container(after, "spilttea-backend").deleteBeforeReplace).toBe(true);
  });

  test("GIVEN the postgres password rotated WHEN planned THEN postgres, the backend and the backup get it, redis and the frontend do not", async () => {
    const after = await runEdited("prod", ["platform:secrets.SPILTTEA_POSTGRES_PASSWORD.generate.rotation", "2025-12-01"]);
    expect(changed(before, after)).toEqual([
      "spilttea-container-spilttea-backend",
      "spilttea-container-spilttea-backup",
      "spilttea-container-spilttea-postgres",
    ]);
    // The volume is untouched: the start script applies the new password to the existing database.
    expect(byPhysicalName(after, T.volume).get("spilttea-postgres-data")?.inputs).toEqual(
      byPhysicalName(before, T.volume).get("spilttea-postgres-data")?.inputs,
    );
  });
});

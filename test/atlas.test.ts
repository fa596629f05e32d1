import { BackupSchedule } from "../components/atlas/backupSchedule";
import { AtlasCluster, AtlasClusterArgs } from "../components/atlas/cluster";
import { connectionString } from "../components/atlas/databaseUser";
import { ProjectAccess, ProjectAccessArgs } from "../components/atlas/projectAccess";
import { SecretRevisionAnnotation } from "../components/kubernetes/app";
import { ProgramRun, runProgram } from "../tools/plan/record";
import { containsSecret, Secret } from "../tools/plan/values";
import { Area, Config, ofType, resource, runStack, specErrors, stackConfig, StackFile, Types, withEdits } from "./harness";

const Atlas = {
  cluster: "mongodbatlas:index/advancedCluster:AdvancedCluster",
  schedule: "mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule",
  snapshot: "mongodbatlas:index/cloudBackupSnapshot:CloudBackupSnapshot",
  access: "mongodbatlas:index/projectIpAccessList:ProjectIpAccessList",
  window: "mongodbatlas:index/maintenanceWindow:MaintenanceWindow",
  user: "mongodbatlas:index/databaseUser:DatabaseUser",
} as const;
const A = "platform:atlas";

// Focused stacks (test/harness.ts): Atlas alone, unless a test asserts what a reader of the connection
// strings does with them. Each user writes into a secret that Cloud Run (MONGODB_URI), Vercel
// (FIXZIT_MONGODB_URI) or Kubernetes (REZ_MONGODB_URI) reads.
const AtlasOnly: Area[] = ["atlas"];
const WithReaders: Area[] = ["atlas", "cloudRun", "vercel", "kubernetes"];

/** The prod fixture focused on `areas`, with `pulumi config set --path` edits applied. */
function edited(areas: readonly Area[], ...edits: [string, unknown][]): Config {
  return withEdits(stackConfig("prod", areas), ...edits);
}

// The unedited prod plan most tests read (they only read it).
let prod: ProgramRun;
beforeAll(async () => {
  prod = await runStack("prod", stackConfig("prod", AtlasOnly));
});

const regionConfig = (cluster: { inputs: Record<string, any> }) => cluster.inputs.replicationSpecs[0].regionConfigs[0];

describe("MongoDB Atlas clusters", () => {
  test("GIVEN prod WHEN planned THEN mixillo, fixzit and rez are M30 replica sets auto-scaling to M50, with PITR and termination protection", () => {
    expect(prod.errors).toEqual([]);
    const clusters = ofType(prod, Atlas.cluster);
    expect([...clusters.keys()].sort()).toEqual(["fixzit", "mixillo", "rez"]);
    for (const [name, cluster] of clusters) {
      expect(cluster.protect).toBe(true);
      expect(cluster.inputs).toMatchObject({
        name,
        clusterType: "REPLICASET",
        backupEnabled: true,
        pitEnabled: true,
        terminationProtectionEnabled: true,
        useEffectiveFields: true,
        advancedConfiguration: { defaultWriteConcern: "majority", javascriptEnabled: false, minimumEnabledTlsProtocol: "TLS1_2" },
        tags: { product: name, environment: "prod", owner: "platform-team" },
      });
      expect(regionConfig(cluster)).toEqual({
        providerName: "GCP",
        regionName: name === "rez" ? "ASIA_SOUTH_1" : "WESTERN_EUROPE",
        priority: 7,
        electableSpecs: { instanceSize: "M30", nodeCount: 3 },
        autoScaling: { computeEnabled: true, computeMinInstanceSize: "M30", computeMaxInstanceSize: "M50", computeScaleDownEnabled: true, diskGbEnabled: true },
      });
    }
  });

  test("GIVEN staging WHEN planned THEN clusters are M10, unprotected, without PITR, fixzit auto-scaling M10-M30", async () => {
    const run = await runStack("staging", stackConfig("staging", AtlasOnly));
    expect(run.errors).toEqual([]);
    for (const cluster of ofType(run, Atlas.cluster).values()) {
      expect(cluster.protect).toBe(false);
      expect(cluster.inputs).toMatchObject({ pitEnabled: false, terminationProtectionEnabled: false, backupEnabled: true });
      expect(regionConfig(cluster).electableSpecs.instanceSize).toBe("M10");
    }
    expect(regionConfig(resource(run, Atlas.cluster, "fixzit")).autoScaling).toMatchObject({
      computeEnabled: true,
      computeMinInstanceSize: "M10",
      computeMaxInstanceSize: "M30",
    });
    expect(regionConfig(resource(run, Atlas.cluster, "mixillo")).autoScaling).toEqual({ computeEnabled: false, diskGbEnabled: true });
  });

  test("GIVEN prod WHEN planned THEN each cluster's backup schedule keeps 6-hourly 7 d, daily 7 d, weekly 4 w, monthly 12 m, restore window 7 d", () => {
    const schedules = ofType(prod, Atlas.schedule);
    expect([...schedules.keys()].sort()).toEqual(["fixzit-backup", "mixillo-backup", "rez-backup"]);
    const schedule = resource(prod, Atlas.schedule, "mixillo-backup");
    expect(schedule.protect && schedule.retainOnDelete).toBe(true);
    expect(schedule.inputs).toMatchObject({
      clusterName: "mixillo",
      referenceHourOfDay: 2,
      referenceMinuteOfHour: 0,
      restoreWindowDays: 7,
      updateSnapshots: true,
      policyItemHourly: { frequencyInterval: 6, retentionUnit: "days", retentionValue: 7 },
      policyItemDaily: { frequencyInterval: 1, retentionUnit: "days", retentionValue: 7 },
      policyItemWeeklies: [{ frequencyInterval: 7, retentionUnit: "weeks", retentionValue: 4 }],
      policyItemMonthlies: [{ frequencyInterval: 1, retentionUnit: "months", retentionValue: 12 }],
    });
    // The schedule waits for its cluster: it reads the cluster's name output.
    expect(schedule.propertyDependencies.clusterName).toEqual([resource(prod, Atlas.cluster, "mixillo").urn]);
    expect(ofType(prod, Atlas.snapshot).size).toBe(0);
  });

  test("GIVEN prod WHEN planned THEN access entries carry their comments, no entry is 0.0.0.0/0, and each project has a maintenance window", () => {
    const entries = [...ofType(prod, Atlas.access).values()].map((e) => e.inputs);
    expect(entries).toContainEqual({
      projectId: "5f0000000000000000000001",
      cidrBlock: "203.0.113.10/32",
      comment: "Cloud NAT egress of mixillo-backend (Cloud Run, europe-west1)",
    });
    expect(entries).toHaveLength(4);
    for (const entry of entries) expect(entry.cidrBlock).not.toBe("0.0.0.0/0");
    expect(resource(prod, Atlas.window, "mixillo-atlas-maintenance").inputs).toEqual({
      projectId: "5f0000000000000000000001",
      dayOfWeek: 1,
      hourOfDay: 3,
      autoDeferOnceEnabled: false,
    });
    expect(resource(prod, Atlas.window, "rez-atlas-maintenance").inputs).toMatchObject({ dayOfWeek: 3, hourOfDay: 2 });
  });
});

describe("Atlas database users and their connection strings", () => {
  test("GIVEN prod WHEN planned THEN each service's user has readWrite on its own database, scoped to its cluster, its password a secret", () => {
    const users = ofType(prod, Atlas.user);
    expect([...users.keys()].sort()).toEqual(["fixzit-fixzit-2026-11-25", "mixillo-mixillo-backend-2026-11-25", "rez-merchant-backend-2026-11-25"]);
    const user = resource(prod, Atlas.user, "mixillo-mixillo-backend-2026-11-25");
    expect(user.inputs).toMatchObject({
      projectId: "5f0000000000000000000001",
      authDatabaseName: "admin",
      username: "mixillo-backend-2026-11-25",
      password: Secret,
      roles: [{ roleName: "readWrite", databaseName: "mixillo" }],
      scopes: [{ name: "mixillo", type: "CLUSTER" }],
    });
    expect(resource(prod, Atlas.user, "rez-merchant-backend-2026-11-25").inputs.roles).toEqual([{ roleName: "readWrite", databaseName: "rez" }]);
    expect(resource(prod, Types.randomPassword, "mixillo-mixillo-backend-2026-11-25-password").inputs).toEqual({
      length: 40,
      special: false,
      keepers: { rotation: "2026-11-25" },
    });
  });

  test("GIVEN the cluster's address and a password WHEN assembled THEN the connection string names the user, its database and majority writes", () => {
    expect(connectionString("mongodb+srv://mixillo.ab1cd.mongodb.net", "mixillo-backend", "p4ss", "mixillo")).toBe(
      "mongodb+srv://mixillo-backend:p4ss@mixillo.ab1cd.mongodb.net/mixillo?retryWrites=true&w=majority",
    );
  });

  test("GIVEN a generated password and a cluster address WHEN prod is planned THEN neither the password nor the connection string is printed anywhere", async () => {
    const password = "atlas-password-that-must-never-be-printed";
    // With every area the connection strings reach (monitoring and docker read none of them).
    const run = await runStack("prod", stackConfig("prod", WithReaders), {
      mockOutputs: (type) =>
        type === Types.randomPassword
          ? { result: password }
          : type === Atlas.cluster
            ? { connectionStrings: { standardSrv: "mongodb+srv://mixillo.ab1cd.mongodb.net" } }
            : undefined,
    });
    expect(run.errors).toEqual([]);
    expect(JSON.stringify(run.resources)).not.toContain(password);
    expect(containsSecret(resource(run, Atlas.user, "fixzit-fixzit-2026-11-25").inputs)).toBe(true);
  });

  test("GIVEN prod WHEN planned THEN MONGODB_URI, FIXZIT_MONGODB_URI and REZ_MONGODB_URI get a version from their Atlas user, read by Cloud Run, Vercel and db-secrets", async () => {
    const run = await runStack("prod", stackConfig("prod", WithReaders));
    for (const [secretId, user] of [
      ["MONGODB_URI", "mixillo-mixillo-backend-2026-11-25"],
      ["FIXZIT_MONGODB_URI", "fixzit-fixzit-2026-11-25"],
      ["REZ_MONGODB_URI", "rez-merchant-backend-2026-11-25"],
    ]) {
      const version = resource(run, Types.secretVersion, `${secretId}-version`);
      expect(version.inputs.secretData).toBe(Secret);
      expect(version.dependencies).toContain(resource(run, Atlas.user, user).urn);
      expect(resource(run, Types.secret, secretId).inputs.annotations).toMatchObject({ "platform.ops.source": "atlas", "platform.ops.rotation": "2026-11-25" });
    }
    // Cloud Run records the version the platform wrote, so a password rotation rolls a new revision
    // (and reads it at latest, so a revision pinned by a rollback still starts after `rotate --finish`).
    const service = resource(run, Types.cloudRunService, "mixillo-backend");
    const uri = service.inputs.template.containers[0].envs.find((e: { name: string }) => e.name === "MONGODB_URI");
    expect(uri.valueSource.secretKeyRef.version).toBe("latest");
    expect(service.propertyDependencies.template).toContain(resource(run, Types.secretVersion, "MONGODB_URI-version").urn);
    // Fixzit's Vercel env var reads the version Atlas wrote.
    expect(resource(run, "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", "fixzit-env-MONGODB_URI").dependencies).toContain(
      resource(run, Types.secretVersion, "FIXZIT_MONGODB_URI-version").urn,
    );
    // REZ's db-secrets waits for the version the platform wrote.
    expect(resource(run, "kubernetes:core/v1:Secret", "merchant-backend-db-secrets").dependencies).toContain(
      resource(run, Types.secretVersion, "REZ_MONGODB_URI-version").urn,
    );
  });
});

describe("Atlas operations as stack edits", () => {
  test("GIVEN mixillo resized from M30 to M50 (autoScaling.pausedForResize) WHEN planned THEN only its tier and its auto-scaling change", async () => {
    const run = await runStack(
      "prod",
      edited(AtlasOnly, [`${A}.clusters.mixillo.instanceSize`, "M50"], [`${A}.clusters.mixillo.autoScaling.pausedForResize`, true]),
    );
    expect(run.errors).toEqual([]);
    expect(regionConfig(resource(run, Atlas.cluster, "mixillo")).electableSpecs.instanceSize).toBe("M50");
    expect(regionConfig(resource(run, Atlas.cluster, "fixzit")).electableSpecs.instanceSize).toBe("M30");
    expect(regionConfig(resource(run, Atlas.cluster, "fixzit")).autoScaling.computeEnabled).toBe(true);
  });

  test("GIVEN fixzit's auto-scaling range set to M40-M60 without scale-down WHEN planned THEN the cluster carries the new range", async () => {
    const run = await runStack(
      "prod",
      edited(
        AtlasOnly,
        [`${A}.clusters.fixzit.instanceSize`, "M40"],
        [`${A}.clusters.fixzit.autoScaling.compute`, { min: "M40", max: "M60", scaleDown: false }],
      ),
    );
    expect(regionConfig(resource(run, Atlas.cluster, "fixzit")).autoScaling).toMatchObject({
      computeMinInstanceSize: "M40",
      computeMaxInstanceSize: "M60",
      computeScaleDownEnabled: false,
    });
  });

  test("GIVEN daily retention raised to 30 days (and weekly to 5 weeks, never shorter) WHEN planned THEN the schedule keeps daily snapshots 30 days", async () => {
    const run = await runStack(
      "prod",
      edited(AtlasOnly, [`${A}.clusters.rez.backup.daily.retentionDays`, 30], [`${A}.clusters.rez.backup.weekly.retentionWeeks`, 5]),
    );
    expect(run.errors).toEqual([]);
    expect(resource(run, Atlas.schedule, "rez-backup").inputs.policyItemDaily).toEqual({ frequencyInterval: 1, retentionUnit: "days", retentionValue: 30 });
  });

  test("GIVEN a pre-maintenance snapshot entry WHEN planned THEN one on-demand snapshot is taken, kept 7 days, retained when the entry goes", async () => {
    const run = await runStack(
      "prod",
      edited(AtlasOnly, [`${A}.clusters.mixillo.backup.snapshots.pre-maintenance-2026-12-01`, { description: "Before the index migration" }]),
    );
    const snapshot = resource(run, Atlas.snapshot, "mixillo-pre-maintenance-2026-12-01");
    expect(snapshot.inputs).toEqual({
      projectId: "5f0000000000000000000001",
      clusterName: "mixillo",
      description: "Before the index migration",
      retentionInDays: 7,
    });
    expect(snapshot.retainOnDelete).toBe(true);
  });

  test("GIVEN a new rotation key for merchant-backend WHEN planned THEN db-secrets' revision changes, so the pods roll onto the new password", async () => {
    const podRevision = (run: ProgramRun) =>
      resource(run, "kubernetes:apps/v1:Deployment", "merchant-backend").inputs.spec.template.metadata.annotations[SecretRevisionAnnotation];
    // db-secrets (Kubernetes) reads REZ_MONGODB_URI, which merchant-backend's Atlas user writes.
    const areas: Area[] = ["atlas", "kubernetes"];
    const before = await runStack("prod", stackConfig("prod", areas));
    const after = await runStack("prod", edited(areas, [`${A}.clusters.rez.users.merchant-backend.rotation`, "2026-12-24"]));
    expect(podRevision(after)).toMatch(/^[0-9a-f]{16}$/);
    expect(podRevision(after)).not.toBe(podRevision(before));
  });

  test("GIVEN mixillo-backend rotated to a new key, the previous one kept WHEN planned THEN a new user and password exist beside the old ones, MONGODB_URI is written from the new user, other users are untouched", async () => {
    const users = `${A}.clusters.mixillo.users.mixillo-backend`;
    const run = await runStack("prod", edited(AtlasOnly, [`${users}.rotation`, "2026-12-24"], [`${users}.previousRotation`, "2026-11-25"]));
    expect(run.errors).toEqual([]);
    const [current, previous] = [
      resource(run, Atlas.user, "mixillo-mixillo-backend-2026-12-24"),
      resource(run, Atlas.user, "mixillo-mixillo-backend-2026-11-25"),
    ];
    expect(current.inputs).toMatchObject({
      username: "mixillo-backend-2026-12-24",
      password: Secret,
      roles: [{ roleName: "readWrite", databaseName: "mixillo" }],
      scopes: [{ name: "mixillo", type: "CLUSTER" }],
    });
    expect(previous.inputs.username).toBe("mixillo-backend-2026-11-25");
    expect(current.propertyDependencies.password).toEqual([resource(run, Types.randomPassword, "mixillo-mixillo-backend-2026-12-24-password").urn]);
    expect(previous.propertyDependencies.password).toEqual([resource(run, Types.randomPassword, "mixillo-mixillo-backend-2026-11-25-password").urn]);
    const version = resource(run, Types.secretVersion, "MONGODB_URI-version");
    expect(version.dependencies).toContain(current.urn);
    expect(version.dependencies).not.toContain(previous.urn);
    expect(resource(run, Types.secret, "MONGODB_URI").inputs.annotations["platform.ops.rotation"]).toBe("2026-12-24");
    expect([...ofType(run, Atlas.user).keys()].filter((n) => n.startsWith("fixzit-"))).toEqual(["fixzit-fixzit-2026-11-25"]);
  });

  test("GIVEN the rotation finished (previousRotation removed) WHEN planned against the rotating state THEN only the old user and its password are deleted", async () => {
    const users = `${A}.clusters.mixillo.users.mixillo-backend`;
    // Atlas and MONGODB_URI's only reader (Cloud Run): all that the rotation could add or delete.
    const areas: Area[] = ["atlas", "cloudRun"];
    const rotating = await runStack("prod", edited(areas, [`${users}.rotation`, "2026-12-24"], [`${users}.previousRotation`, "2026-11-25"]));
    const finished = await runStack("prod", edited(areas, [`${users}.rotation`, "2026-12-24"]));
    const urns = (run: ProgramRun) => new Set(run.resources.map((r) => r.urn));
    const gone = [...urns(rotating)].filter((urn) => !urns(finished).has(urn));
    expect(gone.map((urn) => urn.split("::").pop()).sort()).toEqual(["mixillo-mixillo-backend-2026-11-25", "mixillo-mixillo-backend-2026-11-25-password"]);
    expect([...urns(finished)].filter((urn) => !urns(rotating).has(urn))).toEqual([]);
  });

  test("GIVEN an access entry added WHEN planned THEN a new entry with its comment is created", async () => {
    const access = { ...stackConfig("prod", AtlasOnly)[A].projects.rez.access, "198.51.100.7/32": "Office VPN for the on-call DBA" };
    const run = await runStack("prod", edited(AtlasOnly, [`${A}.projects.rez.access`, access]));
    expect(resource(run, Atlas.access, "rez-atlas-198.51.100.7_32").inputs).toEqual({
      projectId: "5f0000000000000000000003",
      cidrBlock: "198.51.100.7/32",
      comment: "Office VPN for the on-call DBA",
    });
  });
});

// Issue #16, checked against the provider: @pulumi/mongodbatlas 4.16.0 (advancedCluster.d.ts,
// maintenanceWindow.d.ts) and the Terraform provider it bridges, mongodb/terraform-provider-mongodbatlas
// v2.16.0 (docs/resources/advanced_cluster.md, docs/resources/maintenance_window.md,
// internal/service/maintenancewindow/resource_maintenance_window.go).
describe("Atlas as the provider applies it (issue #16)", () => {
  /** Constructs one component under mocks; the error messages and what it registered. */
  async function construct(make: () => void) {
    const run = await runProgram(make, { project: "platform", stack: "test", config: {} });
    return { errors: run.errors.map((e) => e.message), types: run.resources.map((r) => r.type) };
  }
  const clusterArgs = (edit: Partial<AtlasClusterArgs>): AtlasClusterArgs => ({
    projectId: "5f0000000000000000000002",
    clusterName: "fixzit",
    providerName: "GCP",
    regionName: "WESTERN_EUROPE",
    instanceSize: "M30",
    mongoDbMajorVersion: "7.0",
    computeAutoScaling: { min: "M30", max: "M50", scaleDown: true },
    backup: {
      pointInTimeRestore: true,
      restoreWindowDays: 7,
      referenceHourOfDay: 2,
      hourly: { everyHours: 6, retentionDays: 7 },
      daily: { retentionDays: 7 },
      weekly: { retentionWeeks: 4 },
      monthly: { retentionMonths: 12 },
      snapshots: {},
    },
    tags: { product: "fixzit" },
    ...edit,
  });

  test('GIVEN fixzit auto-scaling M30-M50 resized to M50 WHEN planned THEN compute and disk auto-scaling are both off for that update, so Atlas applies instanceSize (advanced_cluster.md v2.16.0 / @pulumi/mongodbatlas 4.16.0 "Manually Updating Specs with useEffectiveFields": Atlas echoes instanceSize back and keeps the auto-scaled tier otherwise)', async () => {
    const run = await runStack(
      "prod",
      edited(AtlasOnly, [`${A}.clusters.fixzit.instanceSize`, "M50"], [`${A}.clusters.fixzit.autoScaling.pausedForResize`, true]),
    );
    expect(run.errors).toEqual([]);
    const cluster = resource(run, Atlas.cluster, "fixzit");
    expect(cluster.inputs.useEffectiveFields).toBe(true);
    expect(regionConfig(cluster).electableSpecs).toEqual({ instanceSize: "M50", nodeCount: 3 });
    // No bound is sent while paused: the provider keeps the range Atlas has (plan_modifier.go), as in the docs' step 1.
    expect(regionConfig(cluster).autoScaling).toEqual({ computeEnabled: false, diskGbEnabled: false });
  });

  test("GIVEN a fixed-tier staging cluster with disk auto-scaling resized to M20 WHEN planned THEN disk auto-scaling is off for that update (advanced_cluster.md v2.16.0: with compute or disk auto-scaling on, all of instance_size, disk_size_gb and disk_iops are ignored)", async () => {
    const run = await runStack(
      "staging",
      withEdits(stackConfig("staging", AtlasOnly), [`${A}.clusters.mixillo.instanceSize`, "M20"], [`${A}.clusters.mixillo.autoScaling.pausedForResize`, true]),
    );
    expect(run.errors).toEqual([]);
    expect(regionConfig(resource(run, Atlas.cluster, "mixillo"))).toMatchObject({
      electableSpecs: { instanceSize: "M20" },
      autoScaling: { computeEnabled: false, diskGbEnabled: false },
    });
  });

  test('GIVEN an AtlasCluster whose instanceSize M60 is outside its compute range M30-M50 WHEN constructed THEN it throws naming the component, the field and the value, before any child exists (advanced_cluster.md v2.16.0 "Adjusting the Auto-Scaling Range": Atlas validates the range against the tier it runs)', async () => {
    const { errors, types } = await construct(() => new AtlasCluster("fixzit", clusterArgs({ instanceSize: "M60" })));
    expect(errors).toEqual([
      'AtlasCluster fixzit: instanceSize must be a tier inside computeAutoScaling M30-M50 (Atlas refuses a range that leaves out the tier it runs), got "M60"',
    ]);
    expect(types).not.toContain(Atlas.cluster);
  });

  test("GIVEN a resize pause with neither compute nor disk auto-scaling WHEN parsed THEN the stack spec rejects it at its key; the component, which it would not change, makes the cluster it makes without it", async () => {
    expect(specErrors(withEdits(stackConfig("prod"), [`${A}.clusters.mixillo.autoScaling`, { disk: false, pausedForResize: true }]))).toContain(
      `${StackFile.prod}: ${A}.clusters.mixillo.autoScaling.pausedForResize: expected it only while compute or disk auto-scaling is on (it turns them off for a resize), found it with neither: remove it, Atlas applies instanceSize as it is`,
    );
    const fixed = { computeAutoScaling: undefined, diskAutoScaling: false };
    const autoScaling = async (edit: Partial<AtlasClusterArgs>) => {
      const run = await runProgram(() => new AtlasCluster("fixzit", clusterArgs(edit)), { project: "platform", stack: "test", config: {} });
      expect(run.errors).toEqual([]);
      return regionConfig(run.resources.find((r) => r.type === Atlas.cluster)!).autoScaling;
    };
    expect(await autoScaling({ ...fixed, pauseAutoScalingForResize: true })).toEqual(await autoScaling(fixed));
  });

  test.each<[string, Partial<AtlasClusterArgs>, string]>([
    ["a size that is no Atlas tier", { instanceSize: "M35x" }, 'AtlasCluster fixzit: instanceSize must be an Atlas tier such as M30, got "M35x"'],
    [
      "a compute range whose ceiling is no tier",
      { computeAutoScaling: { min: "M30", max: "large", scaleDown: true } },
      'AtlasCluster fixzit: computeAutoScaling.max must be an Atlas tier such as M50, got "large"',
    ],
    [
      "a compute range whose floor is no tier",
      { computeAutoScaling: { min: "small", max: "M50", scaleDown: true } },
      'AtlasCluster fixzit: computeAutoScaling.min must be an Atlas tier such as M30, got "small"',
    ],
    [
      "a compute range upside down",
      { computeAutoScaling: { min: "M50", max: "M30", scaleDown: true } },
      'AtlasCluster fixzit: computeAutoScaling.min must be a tier at most computeAutoScaling.max (M30), got "M50"',
    ],
    [
      "a point-in-time window longer than the hourly snapshots",
      { backup: { ...clusterArgs({}).backup, restoreWindowDays: 10 } },
      "AtlasCluster fixzit: backup.restoreWindowDays must be at most the hourly snapshots' retention (backup.hourly.retentionDays: 7), got 10",
    ],
  ])(
    "GIVEN an AtlasCluster with %s WHEN constructed THEN it throws naming the component, the field and the value, before any child exists",
    async (_what, edit, expected) => {
      const { errors, types } = await construct(() => new AtlasCluster("fixzit", clusterArgs(edit)));
      expect(errors).toEqual([expected]);
      expect(types.filter((t) => t.startsWith("mongodbatlas:"))).toEqual([]);
    },
  );

  test("GIVEN a BackupSchedule of its own whose point-in-time window is longer than the hourly snapshots WHEN constructed THEN it throws naming itself and its policy field, before any schedule exists", async () => {
    const policy = { ...clusterArgs({}).backup, restoreWindowDays: 10 };
    const { errors, types } = await construct(() => new BackupSchedule("fixzit", { projectId: "5f0000000000000000000002", clusterName: "fixzit", policy }));
    expect(errors).toEqual([
      "BackupSchedule fixzit: policy.restoreWindowDays must be at most the hourly snapshots' retention (policy.hourly.retentionDays: 7), got 10",
    ]);
    expect(types.filter((t) => t.startsWith("mongodbatlas:"))).toEqual([]);
  });

  // "toString" is a key of every object: a lookup that is not an own-key check would take it for a day.
  test.each(["FUNDAY", "toString"])(
    "GIVEN a maintenance day %s that is no weekday WHEN ProjectAccess is constructed THEN it throws naming the component, the field and the day, before any child exists",
    async (dayOfWeek) => {
      const args: ProjectAccessArgs = { projectId: "5f0000000000000000000003", access: {}, maintenanceWindow: { dayOfWeek, hourOfDay: 2 } };
      const { errors, types } = await construct(() => new ProjectAccess("rez-atlas", args));
      expect(errors).toEqual([`ProjectAccess rez-atlas: maintenanceWindow.dayOfWeek must be a day of the week, MONDAY to SUNDAY, got "${dayOfWeek}"`]);
      expect(types).not.toContain(Atlas.window);
    },
  );

  test("GIVEN prod WHEN planned THEN every maintenance window sets autoDeferOnceEnabled false and not the autoDefer toggle (resource_maintenance_window.go v2.16.0: auto_defer only calls ToggleMaintenanceAutoDefer and is never read back; auto_defer_once_enabled is read and sent; @pulumi/mongodbatlas 4.16.0)", () => {
    const windows = [...ofType(prod, Atlas.window).values()];
    expect(windows.map((w) => w.name).sort()).toEqual(["fixzit-atlas-maintenance", "mixillo-atlas-maintenance", "rez-atlas-maintenance"]);
    for (const window of windows) {
      expect(window.inputs.autoDeferOnceEnabled).toBe(false);
      expect(window.inputs).not.toHaveProperty("autoDefer");
    }
  });

  test("GIVEN a maintenance hour of 24 WHEN ProjectAccess is constructed THEN it throws naming the component, the field, the value and that the hour is in the project's time zone (maintenance_window.md v2.16.0: hour_of_day 0-23, \"Uses the project's configured timezone\")", async () => {
    const args: ProjectAccessArgs = { projectId: "5f0000000000000000000003", access: {}, maintenanceWindow: { dayOfWeek: "TUESDAY", hourOfDay: 24 } };
    const { errors, types } = await construct(() => new ProjectAccess("rez-atlas", args));
    expect(errors).toEqual(["ProjectAccess rez-atlas: maintenanceWindow.hourOfDay must be a whole hour from 0 to 23 (in the project's time zone), got 24"]);
    expect(types).not.toContain(Atlas.window);
  });
});

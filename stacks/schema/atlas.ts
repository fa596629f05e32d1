import { Type } from "@sinclair/typebox";
import { DnsLabel, Integer, NamedMap, OneOf, Strict } from "./common";

/**
 * MongoDB Atlas (issue 5): the projects the products' clusters live in, each cluster's size and
 * auto-scaling range, its backup policy and on-demand snapshots, the project's IP access list and
 * maintenance window, and one least-privilege database user per service whose connection string the
 * platform writes into a declared Secret Manager secret. Cross-key rules (auto-scaling floor ≤ size ≤
 * ceiling, a resize pause only with auto-scaling to pause, restore window ≤ hourly retention, no
 * 0.0.0.0/0 in prod, secrets declared) are in stacks/validate/rules/atlas.ts.
 */

/** Atlas's general-purpose dedicated tiers, smallest first (runbook 002: M10 dev, M30 prod, M50 high). */
export const InstanceSizes = ["M10", "M20", "M30", "M40", "M50", "M60", "M80", "M140", "M200", "M300", "M400", "M700"] as const;
export type InstanceSize = (typeof InstanceSizes)[number];
export const InstanceSize = OneOf(InstanceSizes);

export const Weekdays = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;

/** An Atlas project (group) id: 24 hexadecimal digits, as in cloud.mongodb.com/v2/<id>. */
const ProjectId = Type.String({ pattern: "^[a-f0-9]{24}$", expected: "an Atlas project id of 24 hexadecimal digits (cloud.mongodb.com/v2/<id>)" });

/** An IPv4 or IPv6 address range; a bare address is written as /32 (or /128). */
export const Cidr = "^([0-9]{1,3}(\\.[0-9]{1,3}){3}/([0-9]|[12][0-9]|3[0-2])|[0-9a-fA-F:]+:[0-9a-fA-F:]*/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))$";
const CidrExpected = "an address range in CIDR form, such as 203.0.113.10/32";

export const AtlasProject = Strict({
  id: ProjectId,
  /**
   * Project-wide: Atlas patches every cluster of the project in this window. The day and hour are in
   * the project's time zone, not necessarily UTC: "Uses the project's configured timezone", which only Atlas's
   * Project Settings change (terraform-provider-mongodbatlas docs/resources/maintenance_window.md,
   * `hour_of_day` and `time_zone_id`, v2.16.0; @pulumi/mongodbatlas 4.16.0 maintenanceWindow.d.ts).
   * Runbook 003's 2-5 AM UTC is hourOfDay 2 only in a project whose time zone is UTC.
   */
  maintenanceWindow: Strict(
    {
      dayOfWeek: { ...OneOf(Weekdays), default: "SUNDAY" },
      hourOfDay: Integer(0, 23, {
        default: 3,
        expected: "an hour of the day from 0 to 23, in the Atlas project's time zone (set in Atlas's Project Settings, not by this stack)",
      }),
    },
    { default: {} },
  ),
  /** IP access list: CIDR → why it needs access (the comment Atlas shows in Network Access). */
  access: NamedMap(
    Cidr,
    CidrExpected,
    Type.String({ minLength: 1, maxLength: 80, expected: "a comment saying who connects from there (1 to 80 characters)" }),
    { default: {} },
  ),
});

/**
 * Compute auto-scaling between a floor and a ceiling tier; disk auto-scaling is on by default.
 *
 * The cluster uses `useEffectiveFields`, and while compute or disk auto-scaling is on Atlas ignores a
 * changed `instanceSize` (it echoes it back and keeps running the auto-scaled tier); it applies it only
 * in an update with both off, and it checks a new range against the tier it runs, so a floor raised
 * above it (or a ceiling lowered below it) fails the update (terraform-provider-mongodbatlas
 * docs/resources/advanced_cluster.md, "Manually Updating Specs with use_effective_fields" and
 * "Adjusting the Auto-Scaling Range with use_effective_fields", v2.16.0; the same text in
 * @pulumi/mongodbatlas 4.16.0 advancedCluster.d.ts). A resize is therefore two `pulumi up`s:
 * `pausedForResize: true` with the new `instanceSize` (`ops db-scale <c> --size M50`), then without it
 * (`ops db-scale <c> --finish`), which turns auto-scaling back on from the new tier.
 */
export const AutoScaling = Strict(
  {
    compute: Type.Optional(
      Strict({
        min: InstanceSize,
        max: InstanceSize,
        scaleDown: Type.Boolean({ default: true, expected: "true or false" }),
      }),
    ),
    disk: Type.Boolean({ default: true, expected: "true or false" }),
    /**
     * Step 1 of a resize: compute and disk auto-scaling are off for this `pulumi up`, so Atlas moves the
     * cluster to `instanceSize`; remove it (step 2) once that is applied. The range stays as Atlas has it
     * until then.
     */
    pausedForResize: Type.Optional(Type.Boolean({ expected: "true while a resize to instanceSize is applied, or no key" })),
  },
  { default: {} },
);

const Days = (max: number, d: number) => Integer(1, max, { default: d, expected: `a number of days from 1 to ${max}` });

/** The Atlas cluster module's defaults: every 6 h kept 7 days, daily 7 days, weekly 4 weeks, monthly 12 months. */
export const BackupPolicy = Strict(
  {
    /** Continuous cloud backup: restore to any second within `restoreWindowDays`. */
    pointInTimeRestore: Type.Boolean({ default: true, expected: "true or false" }),
    restoreWindowDays: Days(35, 7),
    /**
     * UTC hour of the daily snapshot ("UTC Hour of day", @pulumi/mongodbatlas 4.16.0
     * cloudBackupSchedule.d.ts): in the quiet hours, before the maintenance window when the project's
     * time zone is UTC (the window's hour is in the project's time zone).
     */
    referenceHourOfDay: Integer(0, 23, { default: 2, expected: "an hour of the day in UTC, 0 to 23" }),
    hourly: Strict(
      {
        everyHours: Type.Integer({ enum: [1, 2, 4, 6, 8, 12], default: 6, expected: "one of 1, 2, 4, 6, 8 or 12 hours" }),
        retentionDays: Days(35, 7),
      },
      { default: {} },
    ),
    daily: Strict({ retentionDays: Days(365, 7) }, { default: {} }),
    weekly: Strict({ retentionWeeks: Integer(1, 52, { default: 4, expected: "a number of weeks from 1 to 52" }) }, { default: {} }),
    monthly: Strict({ retentionMonths: Integer(1, 36, { default: 12, expected: "a number of months from 1 to 36" }) }, { default: {} }),
    /**
     * On-demand snapshots, keyed by a name such as pre-maintenance-2025-12-01 (runbook 000's
     * "Pre-deployment backup"). Adding one takes it at the next `pulumi up`; it expires by itself.
     */
    snapshots: NamedMap(
      "^[a-z0-9][a-z0-9-]{0,62}$",
      "a snapshot name of lower-case letters, digits and '-', such as pre-maintenance-2025-12-01",
      Strict({
        description: Type.String({ minLength: 1, maxLength: 200, expected: "why the snapshot is taken (1 to 200 characters)" }),
        retentionDays: Days(365, 7),
      }),
      { default: {} },
    ),
  },
  { default: {} },
);

/** A rotation key that is also part of an Atlas user name (no ':'). */
const UserRotationKey = Type.String({
  pattern: "^[A-Za-z0-9._-]{1,63}$",
  expected: "a rotation key such as a date (2025-11-07): letters, digits, '.', '_' and '-' (it becomes part of the user name)",
});

/** One service's database user: readWrite on its own database, scoped to this cluster only. */
export const DatabaseUser = Strict({
  database: Type.String({ pattern: "^[A-Za-z0-9_-]{1,63}$", expected: "a database name of letters, digits, '_' and '-'" }),
  /** The declared Secret Manager secret (without `generate`) that receives the connection string. */
  connectionStringSecret: Type.String({ pattern: "^[A-Za-z0-9_-]{1,255}$", expected: "a secret id declared under platform:secrets" }),
  /**
   * The key of the credential in use: a new key creates a new Atlas user `<service>-<key>` with a new
   * password, and the connection string secret gets a version with it (runbook 000 "Rotate MongoDB
   * Password": create a new user, update the URI).
   */
  rotation: UserRotationKey,
  /**
   * The key before the last rotation: its user stays, so instances that still hold the old connection
   * string keep connecting while the new one rolls out. Remove it to delete that user (the runbook's
   * last step, "Delete old user in Atlas").
   */
  previousRotation: Type.Optional(UserRotationKey),
});

export const AtlasCluster = Strict({
  /** Key of platform:atlas.projects; also the product whose on-call the cluster's alerts page. */
  project: DnsLabel,
  provider: { ...OneOf(["GCP", "AWS", "AZURE"] as const), default: "GCP" },
  /** Atlas's region name for the provider, such as WESTERN_EUROPE (GCP europe-west1). */
  region: Type.String({ pattern: "^[A-Z][A-Z0-9_]+$", expected: "an Atlas region name in upper case, such as WESTERN_EUROPE" }),
  /**
   * The tier Atlas runs when nothing auto-scales, and the tier a resize moves to (see AutoScaling):
   * with auto-scaling on, it is the tier of the last resize, and Atlas picks the tier it runs within
   * the range.
   */
  instanceSize: InstanceSize,
  nodeCount: Type.Integer({ enum: [3, 5, 7], default: 3, expected: "3, 5 or 7 electable nodes" }),
  mongoDbMajorVersion: Type.String({ pattern: "^[0-9]+\\.[0-9]$", default: "7.0", expected: "a MongoDB major version such as 7.0" }),
  autoScaling: AutoScaling,
  backup: BackupPolicy,
  users: NamedMap("^[a-z][a-z0-9-]{0,62}$", "a user name of lower-case letters, digits and '-' (the service it belongs to)", DatabaseUser, { default: {} }),
});

export const AtlasSettings = Strict({
  projects: NamedMap("^[a-z][a-z0-9-]{0,62}$", "a product name such as mixillo", AtlasProject),
  clusters: NamedMap("^[a-z][a-z0-9-]{0,62}$", "an Atlas cluster name of lower-case letters, digits and '-'", AtlasCluster),
});

export const AtlasKeys = {
  "platform:atlas": Type.Optional(AtlasSettings),
};

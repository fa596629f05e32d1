import { parseStackSpec } from "../stacks/spec";
import { editedConfig, specErrors, stackConfig, StackFile } from "./harness";

const A = "platform:atlas";
const M = `${A}.clusters.mixillo`;

describe("Atlas keys: bad input is rejected with file, key path, expectation and finding", () => {
  test.each<[string, [string, unknown][], string]>([
    [
      "a restore window longer than the hourly retention",
      [[`${M}.backup.restoreWindowDays`, 10]],
      `${M}.backup.restoreWindowDays: expected at most the hourly snapshots' retention (hourly.retentionDays: 7), found 10`,
    ],
    // @pulumi/mongodbatlas 4.16.0 types/input.d.ts, CloudBackupSchedulePolicyItem*.retentionValue: a
    // less frequent policy item keeps its snapshots at least as long as a more frequent one.
    [
      "daily snapshots kept shorter than the hourly ones",
      [[`${M}.backup.daily.retentionDays`, 3]],
      `${M}.backup.daily.retentionDays: expected at least the hourly snapshots' retention (hourly.retentionDays: 7 days), found 3 days`,
    ],
    [
      "weekly snapshots kept shorter than the daily ones",
      [[`${M}.backup.daily.retentionDays`, 30]],
      `${M}.backup.weekly.retentionWeeks: expected at least the daily snapshots' retention (daily.retentionDays: 30 days), found 4 weeks`,
    ],
    [
      "monthly snapshots kept shorter than the weekly ones",
      [
        [`${M}.backup.weekly.retentionWeeks`, 8],
        [`${M}.backup.monthly.retentionMonths`, 1],
      ],
      `${M}.backup.monthly.retentionMonths: expected at least the weekly snapshots' retention (weekly.retentionWeeks: 8 weeks), found 1 months`,
    ],
    [
      "an auto-scaling floor above the ceiling",
      [[`${M}.autoScaling.compute.min`, "M60"]],
      `${M}.autoScaling.compute.min: expected a floor at or below the ceiling (max: M50), found M60`,
    ],
    // advanced_cluster.md v2.16.0 / @pulumi/mongodbatlas 4.16.0 advancedCluster.d.ts, "Adjusting the
    // Auto-Scaling Range with useEffectiveFields": Atlas validates a range against the tier it runs.
    [
      "a size outside the auto-scaling range (Atlas refuses a range without the tier it runs: advanced_cluster.md v2.16.0)",
      [[`${M}.instanceSize`, "M60"]],
      `${M}.instanceSize: expected a size within the auto-scaling range M30-M50, found M60 (Atlas refuses a range that leaves out the tier it runs; move the floor or the ceiling too)`,
    ],
    [
      "a resize to a tier outside the range that auto-scaling resumes with (advanced_cluster.md v2.16.0, step 2 of Adjusting the Auto-Scaling Range)",
      [
        [`${M}.instanceSize`, "M60"],
        [`${M}.autoScaling.pausedForResize`, true],
      ],
      `${M}.instanceSize: expected a size within the auto-scaling range M30-M50, found M60`,
    ],
    [
      "a resize pause with neither compute nor disk auto-scaling to pause",
      [[`${M}.autoScaling`, { disk: false, pausedForResize: true }]],
      `${M}.autoScaling.pausedForResize: expected it only while compute or disk auto-scaling is on (it turns them off for a resize), found it with neither: remove it, Atlas applies instanceSize as it is`,
    ],
    [
      "a resize pause that is not a boolean",
      [[`${M}.autoScaling.pausedForResize`, "yes"]],
      `${M}.autoScaling.pausedForResize: expected true while a resize to instanceSize is applied, or no key, found "yes"`,
    ],
    // maintenance_window.md v2.16.0 / @pulumi/mongodbatlas 4.16.0 maintenanceWindow.d.ts: hour_of_day is
    // 0-23 and "Uses the project's configured timezone" (time_zone_id, set only in Project Settings).
    [
      "a maintenance hour of 24 (0-23, in the project's time zone, not UTC: maintenance_window.md v2.16.0)",
      [[`${A}.projects.rez.maintenanceWindow.hourOfDay`, 24]],
      `${A}.projects.rez.maintenanceWindow.hourOfDay: expected an hour of the day from 0 to 23, in the Atlas project's time zone (set in Atlas's Project Settings, not by this stack), found 24`,
    ],
    [
      "an unknown instance size",
      [[`${M}.instanceSize`, "M35"]],
      `${M}.instanceSize: expected one of M10, M20, M30, M40, M50, M60, M80, M140, M200, M300, M400, M700, found "M35"`,
    ],
    [
      "0.0.0.0/0 in prod",
      [[`${A}.projects.mixillo.access`, { "0.0.0.0/0": "runbook 001: ensure 0.0.0.0/0 is allowed" }]],
      `${A}.projects.mixillo.access["0.0.0.0/0"]: expected the addresses that need access (such as Cloud Run's static egress address, /32), found 0.0.0.0/0, which opens the prod database to the whole internet`,
    ],
    [
      "an access entry that is no CIDR",
      [[`${A}.projects.rez.access`, { "10.0.0.1": "VPN" }]],
      `${A}.projects.rez.access["10.0.0.1"]: invalid name; expected an address range in CIDR form, such as 203.0.113.10/32`,
    ],
    ["an unknown key", [[`${M}.instanceSise`, "M30"]], `${M}.instanceSise: unknown key; did you mean "instanceSize"?`],
    [
      "a previous rotation key equal to the current one",
      [[`${M}.users.mixillo-backend.previousRotation`, "2026-11-25"]],
      `${M}.users.mixillo-backend.previousRotation: expected the key before the last rotation, not the current one ("2026-11-25"); remove it once nothing uses the old user`,
    ],
    [
      "a rotation key that cannot be part of a user name",
      [[`${M}.users.mixillo-backend.rotation`, "2026-11-25T03:10"]],
      `${M}.users.mixillo-backend.rotation: expected a rotation key such as a date (2025-11-07): letters, digits, '.', '_' and '-' (it becomes part of the user name), found "2026-11-25T03:10"`,
    ],
    [
      "a cluster in an undeclared project",
      [[`${M}.project`, "mixilo"]],
      `${M}.project: expected a project declared under platform:atlas.projects, found "mixilo"; did you mean "mixillo"?`,
    ],
    [
      "a connection string written into an undeclared secret",
      [[`${M}.users.mixillo-backend.connectionStringSecret`, "MONGO_URI"]],
      `${M}.users.mixillo-backend.connectionStringSecret: expected a secret declared under platform:secrets, found "MONGO_URI"`,
    ],
    [
      "a connection string written into a generated secret",
      [[`${M}.users.mixillo-backend.connectionStringSecret`, "JWT_SECRET"]],
      `${M}.users.mixillo-backend.connectionStringSecret: expected a secret without \`generate\` (the platform writes the connection string into it), found "JWT_SECRET", which is generated`,
    ],
    [
      "two users writing one secret",
      [[`${A}.clusters.fixzit.users.fixzit.connectionStringSecret`, "MONGODB_URI"]],
      `expected a secret no other database user writes, found "MONGODB_URI" (already written by`,
    ],
    [
      "point-in-time restore off in prod",
      [[`${M}.backup.pointInTimeRestore`, false]],
      `${M}.backup.pointInTimeRestore: expected true in prod (restore to the second before an incident, runbook 002), found false`,
    ],
    [
      "a project id that is not 24 hex digits",
      [[`${A}.projects.fixzit.id`, "fixzit-prod"]],
      `${A}.projects.fixzit.id: expected an Atlas project id of 24 hexadecimal digits`,
    ],
  ])("GIVEN %s WHEN parsed THEN it is rejected", (_what, edits, message) => {
    const errors = specErrors(editedConfig("prod", ...edits));
    expect(errors).toContain(StackFile.prod);
    expect(errors).toContain(message);
  });

  test("GIVEN staging WHEN point-in-time restore is off THEN it is accepted (prod only requires it)", () => {
    expect(() => parseStackSpec(stackConfig("staging"), { stack: "staging", file: StackFile.staging })).not.toThrow();
  });

  test("GIVEN the defaults WHEN parsed THEN the backup policy is the Atlas module's: 6-hourly 7 d, daily 7 d, weekly 4 w, monthly 12 m", () => {
    const spec = parseStackSpec(stackConfig("prod"), { stack: "prod", file: StackFile.prod });
    expect(spec.atlas!.clusters.mixillo.backup).toEqual({
      pointInTimeRestore: true,
      restoreWindowDays: 7,
      referenceHourOfDay: 2,
      hourly: { everyHours: 6, retentionDays: 7 },
      daily: { retentionDays: 7 },
      weekly: { retentionWeeks: 4 },
      monthly: { retentionMonths: 12 },
      snapshots: {},
    });
  });
});

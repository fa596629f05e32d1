import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

export interface MaintenanceWindowArgs {
  /** MONDAY … SUNDAY. */
  dayOfWeek: string;
  /**
   * The hour (0-23) the window starts, in the project's time zone, not UTC: Atlas "uses the project's
   * configured timezone", which only Atlas's Project Settings change; the provider reads it back as
   * `timeZoneId` and cannot set it (terraform-provider-mongodbatlas docs/resources/maintenance_window.md,
   * `hour_of_day`, `time_zone_id`, v2.16.0; @pulumi/mongodbatlas 4.16.0 maintenanceWindow.d.ts).
   */
  hourOfDay: number;
}

export interface ProjectAccessArgs {
  projectId: pulumi.Input<string>;
  /** CIDR → who connects from there (shown in Atlas's Network Access page). */
  access: Record<string, string>;
  /** Atlas patches the project's clusters in this window (in the project's time zone). */
  maintenanceWindow: MaintenanceWindowArgs;
}

/** Atlas's day numbers: 1 is Sunday. */
const AtlasDay: Record<string, number> = { SUNDAY: 1, MONDAY: 2, TUESDAY: 3, WEDNESDAY: 4, THURSDAY: 5, FRIDAY: 6, SATURDAY: 7 };

/** The project-wide settings of an Atlas project: its IP access list and its maintenance window. */
export class ProjectAccess extends pulumi.ComponentResource {
  /** The time zone the window's hour is in (Atlas's `timeZoneId`, e.g. "UTC" or "Europe/Berlin"). */
  readonly maintenanceTimeZone: pulumi.Output<string>;

  constructor(name: string, args: ProjectAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:atlas:ProjectAccess", name, {}, opts);
    const { dayOfWeek, hourOfDay } = args.maintenanceWindow;
    const day = Object.hasOwn(AtlasDay, dayOfWeek) ? AtlasDay[dayOfWeek] : undefined;
    const fail = argumentCheck("ProjectAccess", name);
    // Guard: Atlas's maintenance window is a weekday and a whole hour from 0 to 23.
    if (day === undefined) fail("maintenanceWindow.dayOfWeek", dayOfWeek, "a day of the week, MONDAY to SUNDAY");
    if (!Number.isInteger(hourOfDay) || hourOfDay < 0 || hourOfDay > 23) {
      fail("maintenanceWindow.hourOfDay", hourOfDay, "a whole hour from 0 to 23 (in the project's time zone)");
    }
    for (const [cidr, comment] of Object.entries(args.access).sort(([x], [y]) => x.localeCompare(y))) {
      new mongodbatlas.ProjectIpAccessList(`${name}-${cidr.replace(/[/:]/g, "_")}`, { projectId: args.projectId, cidrBlock: cidr, comment }, { parent: this });
    }
    const window = new mongodbatlas.MaintenanceWindow(
      `${name}-maintenance`,
      {
        projectId: args.projectId,
        dayOfWeek: day,
        hourOfDay,
        // Auto-deferral off: a deferred window would patch outside the hours the team agreed on. Set
        // with `autoDeferOnceEnabled`, the idempotent field, not `autoDefer`: that one is a toggle the
        // provider only acts on when it changes or is true at create (ToggleMaintenanceAutoDefer) and
        // never reads back, so `autoDefer: false` does nothing and hides drift; `auto_defer_once_enabled`
        // is read from Atlas and sent whenever it differs (terraform-provider-mongodbatlas
        // internal/service/maintenancewindow/resource_maintenance_window.go, resourceCreate/Read/Update,
        // v2.16.0; @pulumi/mongodbatlas 4.16.0 maintenanceWindow.d.ts: "prefer autoDeferOnceEnabled").
        // A create sends no `false` (the provider's GetOk skips it): on a project that had
        // auto-deferral on, the next `pulumi up` shows and applies true → false.
        autoDeferOnceEnabled: false,
      },
      { parent: this },
    );
    this.maintenanceTimeZone = window.timeZoneId;
    this.registerOutputs({ maintenanceTimeZone: this.maintenanceTimeZone });
  }
}

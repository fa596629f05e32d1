import * as mongodbatlas from "@pulumi/mongodbatlas";
import * as pulumi from "@pulumi/pulumi";

export interface ProjectAccessArgs {
  projectId: pulumi.Input<string>;
  /** CIDR → who connects from there (shown in Atlas's Network Access page). */
  access: Record<string, string>;
  /** Atlas patches the project's clusters in this window (UTC). */
  maintenanceWindow: { dayOfWeek: string; hourOfDay: number };
}

/** Atlas's day numbers: 1 is Sunday. */
const AtlasDay: Record<string, number> = { SUNDAY: 1, MONDAY: 2, TUESDAY: 3, WEDNESDAY: 4, THURSDAY: 5, FRIDAY: 6, SATURDAY: 7 };

/** The project-wide settings of an Atlas project: its IP access list and its maintenance window. */
export class ProjectAccess extends pulumi.ComponentResource {
  constructor(name: string, args: ProjectAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:atlas:ProjectAccess", name, {}, opts);
    for (const [cidr, comment] of Object.entries(args.access).sort(([x], [y]) => x.localeCompare(y))) {
      new mongodbatlas.ProjectIpAccessList(`${name}-${cidr.replace(/[/:]/g, "_")}`, { projectId: args.projectId, cidrBlock: cidr, comment }, { parent: this });
    }
    const day = AtlasDay[args.maintenanceWindow.dayOfWeek];
    if (day === undefined) throw new Error(`ProjectAccess ${name}: unknown day ${args.maintenanceWindow.dayOfWeek}`);
    new mongodbatlas.MaintenanceWindow(
      `${name}-maintenance`,
      // autoDefer off: a deferred window would patch outside the hours the team agreed on.
      { projectId: args.projectId, dayOfWeek: day, hourOfDay: args.maintenanceWindow.hourOfDay, autoDefer: false },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

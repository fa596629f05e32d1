import { StackSpec } from "../../schema";
import { InstanceSizes } from "../../schema/atlas";
import { suggestion } from "../closest";
import { entriesOf, Rule, RuleContext } from "./context";

export type AtlasSpec = NonNullable<StackSpec["atlas"]>;
export type AtlasClusterSpec = AtlasSpec["clusters"][string];
export type AtlasProjectSpec = AtlasSpec["projects"][string];

const Atlas = "platform:atlas";
type Path = (string | number)[];

/** Position of a tier in Atlas's order: M10 < M20 < … < M700. */
export const tierRank = (size: string): number => InstanceSizes.indexOf(size as (typeof InstanceSizes)[number]);

export const atlasRules: Rule = (ctx) => {
  const settings = ctx.config[Atlas];
  if (!settings || typeof settings !== "object") return;
  const prod = ctx.config["platform:environment"] === "prod";
  for (const [name, project] of entriesOf(settings.projects)) {
    if (ctx.isSound([Atlas, "projects", name])) checkAccess(ctx, name, project, prod);
  }
  const uriOwners = new Map<string, string>();
  for (const [name, cluster] of entriesOf(settings.clusters)) {
    if (!ctx.isSound([Atlas, "clusters", name])) continue;
    const at = (...key: Path): Path => [Atlas, "clusters", name, ...key];
    checkProject(ctx, settings, cluster, at);
    checkAutoScaling(ctx, cluster, at);
    checkBackup(ctx, cluster, at, prod);
    checkUsers(ctx, cluster, at, uriOwners, `${name}`);
  }
};

/**
 * Runbook 001 says "Ensure 0.0.0.0/0 is allowed": that opens the database to the internet. In prod
 * the list must name the addresses that connect (docs/atlas.md explains the egress address).
 */
function checkAccess(ctx: RuleContext, name: string, project: AtlasProjectSpec, prod: boolean) {
  for (const cidr of Object.keys(project.access)) {
    const prefix = Number(cidr.split("/")[1]);
    if (prod && prefix === 0) {
      ctx.report(
        [Atlas, "projects", name, "access", cidr],
        `expected the addresses that need access (such as Cloud Run's static egress address, /32), found ${cidr}, which opens the prod database to the whole internet`,
      );
    } else if (
      !cidr.includes(":") &&
      cidr
        .split("/")[0]
        .split(".")
        .some((octet) => Number(octet) > 255)
    ) {
      ctx.report([Atlas, "projects", name, "access", cidr], `expected an IPv4 range with octets from 0 to 255, found ${cidr}`);
    }
  }
}

function checkProject(ctx: RuleContext, settings: AtlasSpec, cluster: AtlasClusterSpec, at: (...key: Path) => Path) {
  const projects = Object.keys(settings.projects ?? {});
  if (!projects.includes(cluster.project)) {
    ctx.report(at("project"), `expected a project declared under platform:atlas.projects, found "${cluster.project}"${suggestion(cluster.project, projects)}`);
  }
}

/**
 * The floor, the ceiling and the size must be in order. Atlas checks an auto-scaling range against the
 * tier the cluster runs and fails the update when the range leaves it out; after a resize that tier is
 * `instanceSize`, so turning auto-scaling back on (`pausedForResize` removed) needs a range that holds
 * it (terraform-provider-mongodbatlas docs/resources/advanced_cluster.md, "Adjusting the Auto-Scaling
 * Range with use_effective_fields", v2.16.0; @pulumi/mongodbatlas 4.16.0 advancedCluster.d.ts).
 */
function checkAutoScaling(ctx: RuleContext, cluster: AtlasClusterSpec, at: (...key: Path) => Path) {
  const { compute, disk, pausedForResize } = cluster.autoScaling;
  if (pausedForResize && !compute && !disk) {
    ctx.report(
      at("autoScaling", "pausedForResize"),
      "expected it only while compute or disk auto-scaling is on (it turns them off for a resize), found it with neither: remove it, Atlas applies instanceSize as it is",
    );
  }
  if (!compute) return;
  if (tierRank(compute.min) > tierRank(compute.max)) {
    ctx.report(at("autoScaling", "compute", "min"), `expected a floor at or below the ceiling (max: ${compute.max}), found ${compute.min}`);
  } else if (tierRank(cluster.instanceSize) < tierRank(compute.min) || tierRank(cluster.instanceSize) > tierRank(compute.max)) {
    ctx.report(
      at("instanceSize"),
      `expected a size within the auto-scaling range ${compute.min}-${compute.max}, found ${cluster.instanceSize} (Atlas refuses a range that leaves out the tier it runs; move the floor or the ceiling too)`,
    );
  }
}

/** Atlas refuses a point-in-time window longer than the hourly snapshots it restores from. */
function checkBackup(ctx: RuleContext, cluster: AtlasClusterSpec, at: (...key: Path) => Path, prod: boolean) {
  const { backup } = cluster;
  if (backup.pointInTimeRestore && backup.restoreWindowDays > backup.hourly.retentionDays) {
    ctx.report(
      at("backup", "restoreWindowDays"),
      `expected at most the hourly snapshots' retention (hourly.retentionDays: ${backup.hourly.retentionDays}), found ${backup.restoreWindowDays}`,
    );
  }
  checkRetentionOrder(ctx, backup, at);
  if (prod && !backup.pointInTimeRestore) {
    ctx.report(at("backup", "pointInTimeRestore"), "expected true in prod (restore to the second before an incident, runbook 002), found false");
  }
}

/**
 * Atlas rejects a schedule whose less frequent policy item keeps snapshots for less time than a more
 * frequent one: hourly ≤ daily ≤ weekly ≤ monthly (@pulumi/mongodbatlas 4.16.0 types/input.d.ts,
 * CloudBackupSchedulePolicyItem{Daily,Weekly,Monthly}.retentionValue: "for less frequent policy items,
 * Atlas requires ... a retention period greater than or equal to ... more frequent policy items").
 * Compared in days, a week 7 and a month 31 (Atlas's own floor for a monthly item: "31 days or 5
 * weeks or 1 month").
 */
function checkRetentionOrder(ctx: RuleContext, backup: AtlasClusterSpec["backup"], at: (...key: Path) => Path) {
  const items = [
    { key: ["hourly", "retentionDays"], days: backup.hourly.retentionDays, shown: `${backup.hourly.retentionDays} days` },
    { key: ["daily", "retentionDays"], days: backup.daily.retentionDays, shown: `${backup.daily.retentionDays} days` },
    { key: ["weekly", "retentionWeeks"], days: backup.weekly.retentionWeeks * 7, shown: `${backup.weekly.retentionWeeks} weeks` },
    { key: ["monthly", "retentionMonths"], days: backup.monthly.retentionMonths * 31, shown: `${backup.monthly.retentionMonths} months` },
  ];
  for (let i = 1; i < items.length; i++) {
    const [before, item] = [items[i - 1], items[i]];
    if (item.days < before.days) {
      ctx.report(
        at("backup", ...item.key),
        `expected at least the ${before.key[0]} snapshots' retention (${before.key.join(".")}: ${before.shown}), found ${item.shown}`,
      );
    }
  }
}

/** Each user's connection string lands in a declared, not generated, secret that nobody else writes. */
function checkUsers(ctx: RuleContext, cluster: AtlasClusterSpec, at: (...key: Path) => Path, owners: Map<string, string>, clusterName: string) {
  const secrets = ctx.config["platform:secrets"] ?? {};
  const declared = Object.keys(secrets);
  for (const [user, spec] of Object.entries(cluster.users)) {
    const path = at("users", user, "connectionStringSecret");
    const secretId = spec.connectionStringSecret;
    const secret = secrets[secretId];
    if (!secret) {
      ctx.report(path, `expected a secret declared under platform:secrets, found "${secretId}"${suggestion(secretId, declared)}`);
    } else if (secret?.generate) {
      ctx.report(path, `expected a secret without \`generate\` (the platform writes the connection string into it), found "${secretId}", which is generated`);
    } else if (owners.has(secretId)) {
      ctx.report(path, `expected a secret no other database user writes, found "${secretId}" (already written by ${owners.get(secretId)})`);
    }
    if (!owners.has(secretId)) owners.set(secretId, `${clusterName}.users.${user}`);
    if (spec.previousRotation === spec.rotation) {
      ctx.report(
        at("users", user, "previousRotation"),
        `expected the key before the last rotation, not the current one ("${spec.rotation}"); remove it once nothing uses the old user`,
      );
    }
  }
}

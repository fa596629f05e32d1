import { AdvancedCluster, CloudBackupSchedule, DatabaseUser, ProjectIpAccessList } from "@pulumi/mongodbatlas";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { ofType, resourceRule, RuleInfo, settings, stackRule } from "../lib/policy";
import { asArray, cidrPrefix, peek, Unknown } from "../lib/values";

const ipInfo: RuleInfo = {
  name: "atlas-ip-access-restricted",
  description: "Atlas IP access lists never open 0.0.0.0/0, nor any range wider than the allowed prefix.",
  severity: "critical",
  remediation:
    "List the egress addresses of the services that connect (Cloud Run's static egress IP, the cluster's NAT), or use private endpoints; add a reviewed range to `allowedCidrs` of this policy only if it must be wider.",
  config: {
    minPrefixLength: { type: "integer", minimum: 0, maximum: 32, default: 24, description: "Widest IPv4 range allowed, as a prefix length." },
    minPrefixLengthV6: { type: "integer", minimum: 0, maximum: 128, default: 64, description: "Widest IPv6 range allowed, as a prefix length." },
    allowedCidrs: { type: "array", items: { type: "string" }, default: [], description: "Wider ranges allowed after review (never 0.0.0.0/0)." },
  },
};

export const atlasIpAccessRestricted = resourceRule(
  ipInfo,
  validateResourceOfType(ProjectIpAccessList, (entry, args, report) => {
    const { minPrefixLength, minPrefixLengthV6, allowedCidrs } = settings<{ minPrefixLength: number; minPrefixLengthV6: number; allowedCidrs: string[] }>(
      ipInfo,
      args,
    );
    const cidr = entry.cidrBlock ?? entry.ipAddress;
    if (!cidr) return; // an AWS security group entry: no address range
    const parsed = cidrPrefix(cidr);
    if (!parsed) return report(`IP access list entry "${cidr}" is not a valid address or CIDR.`);
    if (parsed.prefix === 0) return report(`IP access list entry ${cidr} opens the project to the whole internet.`);
    const min = parsed.v6 ? minPrefixLengthV6 : minPrefixLength;
    if (parsed.prefix < min && !allowedCidrs.includes(cidr)) report(`IP access list entry ${cidr} is wider than /${min}.`);
  }),
);

const backupInfo: RuleInfo = {
  name: "atlas-cluster-backups",
  description: "Atlas clusters have cloud backups and continuous (point-in-time) restore enabled.",
  severity: "critical",
  remediation: "Set `backupEnabled: true` and `pitEnabled: true` for the cluster in Pulumi.<stack>.yaml.",
};

export const atlasClusterBackups = resourceRule(
  backupInfo,
  validateResourceOfType(AdvancedCluster, (c, args, report) => {
    const name = c.name ?? args.name;
    if (c.backupEnabled !== true) report(`Atlas cluster "${name}" has cloud backups off.`);
    if (c.pitEnabled !== true) report(`Atlas cluster "${name}" has point-in-time restore off.`);
  }),
);

const terminationInfo: RuleInfo = {
  name: "atlas-termination-protection",
  description: "Atlas clusters have termination protection, so no update or destroy can delete them.",
  severity: "critical",
  remediation: "Set `terminationProtectionEnabled: true` for the cluster (the component's default); turn it off only in the reviewed change that deletes it.",
};

export const atlasTerminationProtection = resourceRule(
  terminationInfo,
  validateResourceOfType(AdvancedCluster, (c, args, report) => {
    if (c.terminationProtectionEnabled !== true) report(`Atlas cluster "${c.name ?? args.name}" has no termination protection.`);
  }),
);

const tlsInfo: RuleInfo = {
  name: "atlas-min-tls",
  description:
    'Atlas clusters accept TLS 1.2 or newer only: advancedConfiguration.minimumEnabledTlsProtocol is TLS1_2 or TLS1_3, set explicitly (the secure default of MongoDB\'s own Terraform cluster module, terraform-mongodbatlas-modules/terraform-mongodbatlas-cluster; CIS MongoDB Benchmark 4.1 "legacy TLS protocols are disabled").',
  severity: "high",
  remediation:
    "Keep the Cluster component's `minimumEnabledTlsProtocol: TLS1_2` (or TLS1_3 once every client supports it); never lower it to TLS1_0 or TLS1_1.",
};

const ModernTls = ["TLS1_2", "TLS1_3"];

export const atlasMinTls = resourceRule(
  tlsInfo,
  validateResourceOfType(AdvancedCluster, (c, args, report) => {
    const protocol = c.advancedConfiguration?.minimumEnabledTlsProtocol;
    // Unset leaves it to whatever Atlas defaults to at creation: not a reviewed value.
    if (!protocol) report(`Atlas cluster "${c.name ?? args.name}" sets no minimum TLS version.`);
    else if (!ModernTls.includes(protocol)) report(`Atlas cluster "${c.name ?? args.name}" accepts ${protocol}; the minimum is TLS1_2.`);
  }),
);

const UnitDays: Record<string, number> = { days: 1, weeks: 7, months: 30, years: 365 };

const scheduleInfo: RuleInfo = {
  name: "atlas-backup-schedule-retention",
  description: "Every Atlas cluster has a backup schedule whose daily snapshots are kept at least the minimum number of days.",
  severity: "high",
  remediation: "Declare the cluster's backup schedule with `policyItemDaily: {frequencyInterval: 1, retentionUnit: days, retentionValue: 7}` or longer.",
  config: { minDailyRetentionDays: { type: "integer", minimum: 1, default: 7, description: "Fewest days a daily snapshot is kept." } },
};

/** A schedule belongs to a cluster when its clusterName comes from the cluster or equals its name. */
function scheduleOf(cluster: PolicyResource, schedules: PolicyResource[]): PolicyResource | undefined {
  const name = peek(() => cluster.props.name ?? cluster.name);
  return schedules.find(
    (s) => (s.propertyDependencies.clusterName ?? []).some((d) => d.urn === cluster.urn) || (name !== Unknown && peek(() => s.props.clusterName) === name),
  );
}

export const atlasBackupScheduleRetention: StackValidationPolicy = stackRule(scheduleInfo, (args, report) => {
  const { minDailyRetentionDays } = settings<{ minDailyRetentionDays: number }>(scheduleInfo, args);
  const schedules = ofType(args.resources, CloudBackupSchedule);
  for (const cluster of ofType(args.resources, AdvancedCluster)) {
    const schedule = scheduleOf(cluster, schedules);
    if (!schedule) {
      report(`Atlas cluster "${cluster.name}" has no CloudBackupSchedule.`, cluster.urn);
      continue;
    }
    const daily = schedule.props.policyItemDaily;
    const days = daily ? daily.retentionValue * (UnitDays[daily.retentionUnit] ?? 0) : 0;
    if (days < minDailyRetentionDays)
      report(`Atlas cluster "${cluster.name}" keeps daily snapshots ${days} day(s); the minimum is ${minDailyRetentionDays}.`, schedule.urn);
  }
});

const AdminRoles = [
  "atlasAdmin",
  "readWriteAnyDatabase",
  "readAnyDatabase",
  "dbAdminAnyDatabase",
  "userAdminAnyDatabase",
  "clusterManager",
  "clusterMonitor",
  "backup",
  "restore",
  "dbAdmin",
  "userAdmin",
  "dbOwner",
  "root",
];

const userRolesInfo: RuleInfo = {
  name: "atlas-db-user-least-privilege",
  description: "Application database users have no admin or any-database roles and no roles on the admin database.",
  severity: "critical",
  remediation:
    "Give the app user `readWrite` on its own database only; use a separate, reviewed operator user (listed in `adminUsers` of this policy) for admin work.",
  config: {
    forbiddenRoles: { type: "array", items: { type: "string" }, default: AdminRoles, description: "Roles an application user may not have." },
    adminUsers: { type: "array", items: { type: "string" }, default: [], description: "Usernames exempt after review (operators, not apps)." },
  },
};

export const atlasDbUserLeastPrivilege = resourceRule(
  userRolesInfo,
  validateResourceOfType(DatabaseUser, (u, args, report) => {
    const { forbiddenRoles, adminUsers } = settings<{ forbiddenRoles: string[]; adminUsers: string[] }>(userRolesInfo, args);
    if (adminUsers.includes(u.username)) return;
    for (const role of asArray(u.roles)) {
      if (forbiddenRoles.includes(role.roleName)) report(`Database user "${u.username}" has the admin role ${role.roleName}.`);
      else if (role.databaseName === "admin") report(`Database user "${u.username}" has ${role.roleName} on the admin database.`);
    }
  }),
);

const userScopeInfo: RuleInfo = {
  name: "atlas-db-user-scoped",
  description: "Every database user is scoped to the clusters it uses, not every cluster of the project.",
  severity: "high",
  remediation: "Set `scopes: [{name: <cluster>, type: CLUSTER}]` on the user (the component scopes it to its own cluster).",
};

export const atlasDbUserScoped = resourceRule(
  userScopeInfo,
  validateResourceOfType(DatabaseUser, (u, _args, report) => {
    const scopes = asArray(u.scopes);
    if (!scopes.length) report(`Database user "${u.username}" has no scopes, so it can log in to every cluster of the project.`);
    for (const s of scopes.filter((s) => s.type !== "CLUSTER")) report(`Database user "${u.username}" has a ${s.type} scope; only CLUSTER scopes are allowed.`);
  }),
);

export const atlasPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  atlasIpAccessRestricted,
  atlasClusterBackups,
  atlasTerminationProtection,
  atlasMinTls,
  atlasBackupScheduleRetention,
  atlasDbUserLeastPrivilege,
  atlasDbUserScoped,
];

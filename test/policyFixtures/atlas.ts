import {
  atlasBackupScheduleRetention,
  atlasClusterBackups,
  atlasDbUserLeastPrivilege,
  atlasDbUserScoped,
  atlasIpAccessRestricted,
  atlasMinTls,
  atlasTerminationProtection,
} from "../../policies/rules/atlas";
import { props, resource, RuleSuite, unknown } from "../policyHarness";

export const cluster = () =>
  resource("mongodbatlas:index/advancedCluster:AdvancedCluster", "mixillo", {
    projectId: "atlas-project",
    name: "mixillo",
    clusterType: "REPLICASET",
    backupEnabled: true,
    pitEnabled: true,
    terminationProtectionEnabled: true,
    advancedConfiguration: { minimumEnabledTlsProtocol: "TLS1_2", javascriptEnabled: false },
    tags: { product: "mixillo", environment: "prod", owner: "platform-team" },
    replicationSpecs: [
      { regionConfigs: [{ providerName: "GCP", regionName: "WESTERN_EUROPE", priority: 7, electableSpecs: { instanceSize: "M30", nodeCount: 3 } }] },
    ],
  });
const schedule = () =>
  resource("mongodbatlas:index/cloudBackupSchedule:CloudBackupSchedule", "mixillo-backups", {
    projectId: "atlas-project",
    clusterName: "mixillo",
    policyItemDaily: { frequencyInterval: 1, retentionUnit: "days", retentionValue: 7 },
  });
const user = () =>
  resource("mongodbatlas:index/databaseUser:DatabaseUser", "mixillo-app", {
    projectId: "atlas-project",
    username: "mixillo-app",
    authDatabaseName: "admin",
    roles: [{ roleName: "readWrite", databaseName: "mixillo" }],
    scopes: [{ name: "mixillo", type: "CLUSTER" }],
  });
const ipEntry = (cidrBlock: string) =>
  resource("mongodbatlas:index/projectIpAccessList:ProjectIpAccessList", "cloud-run-egress", { projectId: "atlas-project", cidrBlock });

export const atlasSuites: RuleSuite[] = [
  {
    policy: atlasIpAccessRestricted,
    good: () => [ipEntry("34.77.10.0/28")],
    violations: [
      ["0.0.0.0/0", (rs) => void (props(rs).cidrBlock = "0.0.0.0/0"), /0.0.0.0\/0 opens the project to the whole internet/],
      ["a /8", (rs) => void (props(rs).cidrBlock = "10.0.0.0/8"), /10.0.0.0\/8 is wider than \/24/],
      ["::/0", (rs) => void (props(rs).cidrBlock = "::/0"), /::\/0 opens the project/],
      ["a malformed range", (rs) => void (props(rs).cidrBlock = "10.0.0.0/40"), /is not a valid address or CIDR/],
    ],
    passes: [
      ["a single address", (rs) => void (delete props(rs).cidrBlock, (props(rs).ipAddress = "34.77.10.4"))],
      ["a reviewed wider range", (rs) => void (props(rs).cidrBlock = "10.20.0.0/16"), { allowedCidrs: ["10.20.0.0/16"] }],
    ],
  },
  {
    policy: atlasClusterBackups,
    good: () => [cluster()],
    violations: [
      ["backups off", (rs) => void (props(rs).backupEnabled = false), /"mixillo" has cloud backups off/],
      ["point-in-time restore off", (rs) => void delete props(rs).pitEnabled, /point-in-time restore off/],
    ],
  },
  {
    policy: atlasTerminationProtection,
    good: () => [cluster()],
    violations: [["termination protection off", (rs) => void (props(rs).terminationProtectionEnabled = false), /"mixillo" has no termination protection/]],
  },
  {
    policy: atlasMinTls,
    good: () => [cluster()],
    violations: [
      [
        "TLS 1.0 allowed",
        (rs) => void (props(rs).advancedConfiguration.minimumEnabledTlsProtocol = "TLS1_0"),
        /"mixillo" accepts TLS1_0; the minimum is TLS1_2/,
      ],
      ["TLS 1.1 allowed", (rs) => void (props(rs).advancedConfiguration.minimumEnabledTlsProtocol = "TLS1_1"), /accepts TLS1_1/],
      ["no minimum set (left to Atlas)", (rs) => void delete props(rs).advancedConfiguration, /"mixillo" sets no minimum TLS version/],
    ],
    passes: [["TLS 1.3 only", (rs) => void (props(rs).advancedConfiguration.minimumEnabledTlsProtocol = "TLS1_3")]],
  },
  {
    policy: atlasBackupScheduleRetention,
    good: () => [cluster(), schedule()],
    violations: [
      ["no backup schedule", (rs) => void rs.splice(1, 1), /"mixillo" has no CloudBackupSchedule/],
      ["5 days of daily snapshots", (rs) => void (props(rs, 1).policyItemDaily.retentionValue = 5), /keeps daily snapshots 5 day\(s\); the minimum is 7/],
      ["no daily policy item", (rs) => void delete props(rs, 1).policyItemDaily, /keeps daily snapshots 0 day\(s\)/],
      ["a schedule for another cluster", (rs) => void (props(rs, 1).clusterName = "fixzit"), /has no CloudBackupSchedule/],
    ],
    passes: [
      ["one week, in weeks", (rs) => void (props(rs, 1).policyItemDaily = { frequencyInterval: 1, retentionUnit: "weeks", retentionValue: 1 })],
      [
        "a clusterName that is the cluster's output",
        (rs) => void ((props(rs, 1).clusterName = unknown()), (rs[1].propertyDependencies = { clusterName: [rs[0].urn] })),
      ],
    ],
  },
  {
    policy: atlasDbUserLeastPrivilege,
    good: () => [user()],
    violations: [
      ["atlasAdmin", (rs) => void (props(rs).roles = [{ roleName: "atlasAdmin", databaseName: "admin" }]), /"mixillo-app" has the admin role atlasAdmin/],
      [
        "readWriteAnyDatabase",
        (rs) => void props(rs).roles.push({ roleName: "readWriteAnyDatabase", databaseName: "admin" }),
        /admin role readWriteAnyDatabase/,
      ],
      ["readWrite on the admin database", (rs) => void (props(rs).roles[0].databaseName = "admin"), /has readWrite on the admin database/],
    ],
    passes: [
      ["a reviewed operator user", (rs) => void (props(rs).roles = [{ roleName: "atlasAdmin", databaseName: "admin" }]), { adminUsers: ["mixillo-app"] }],
    ],
  },
  {
    policy: atlasDbUserScoped,
    good: () => [user()],
    violations: [
      ["no scopes", (rs) => void delete props(rs).scopes, /"mixillo-app" has no scopes/],
      ["a data lake scope", (rs) => void (props(rs).scopes[0].type = "DATA_LAKE"), /has a DATA_LAKE scope/],
    ],
  },
];

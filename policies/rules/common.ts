import { ResourceValidationPolicy } from "@pulumi/policy";
import { resourceRule, RuleInfo, settings } from "../lib/policy";
import { asArray, asMap, peek, Unknown } from "../lib/values";

/** Resources that hold data or identity: losing one loses data, not just a deployment. */
const StatefulTypes = [
  "gcp:secretmanager/secret:Secret",
  "mongodbatlas:index/advancedCluster:AdvancedCluster",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "docker:index/volume:Volume",
];

const protectInfo: RuleInfo = {
  name: "stateful-protected",
  description: "Stateful resources (secrets, databases, volumes) are protected, so Pulumi refuses to delete or replace them.",
  severity: "critical",
  remediation:
    "Create the resource with `{ protect: true }` in prod (the components do this when environment is prod); unprotect only in the reviewed change that deletes it.",
  config: { statefulTypes: { type: "array", items: { type: "string" }, default: StatefulTypes, description: "Resource types that hold state." } },
};

export const statefulProtected = resourceRule(protectInfo, (args, report) => {
  const { statefulTypes } = settings<{ statefulTypes: string[] }>(protectInfo, args);
  if (!statefulTypes.includes(args.type)) return;
  if (!args.opts.protect) report(`${args.type} "${args.name}" is not protected.`);
});

/** Where each provider keeps labels, for the types that have them. */
const LabelReaders: Record<string, (props: any) => Record<string, string>> = {
  "gcp:cloudrunv2/service:Service": (p) => asMap(p.labels),
  "gcp:secretmanager/secret:Secret": (p) => asMap(p.labels),
  "gcp:monitoring/alertPolicy:AlertPolicy": (p) => asMap(p.userLabels),
  "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": (p) => asMap(p.userLabels),
  "gcp:monitoring/notificationChannel:NotificationChannel": (p) => asMap(p.userLabels),
  "mongodbatlas:index/advancedCluster:AdvancedCluster": (p) => asMap(p.tags),
  "docker:index/container:Container": (p) => Object.fromEntries(asArray<{ label: string; value: string }>(p.labels).map((l) => [l.label, l.value])),
  "docker:index/volume:Volume": (p) => Object.fromEntries(asArray<{ label: string; value: string }>(p.labels).map((l) => [l.label, l.value])),
  "docker:index/network:Network": (p) => Object.fromEntries(asArray<{ label: string; value: string }>(p.labels).map((l) => [l.label, l.value])),
};
const KubernetesLabelled = [
  "apps/v1:Deployment",
  "core/v1:Service",
  "autoscaling/v2:HorizontalPodAutoscaler",
  "policy/v1:PodDisruptionBudget",
  "core/v1:Secret",
  "core/v1:PersistentVolumeClaim",
  "core/v1:ConfigMap",
];
for (const kind of KubernetesLabelled) LabelReaders[`kubernetes:${kind}`] = (p) => asMap(p.metadata?.labels);

const labelsInfo: RuleInfo = {
  name: "required-labels",
  description: "Every resource whose provider supports labels carries the owner, product and environment labels.",
  severity: "low",
  remediation: "Build the resource's labels with the assembly's `labels(product)` (stacks/assemble/context.ts), which sets product, environment and owner.",
  config: {
    requiredLabels: {
      type: "array",
      items: { type: "string" },
      default: ["owner", "product", "environment"],
      description: "Label keys every labelled resource needs.",
    },
  },
};

export const requiredLabels = resourceRule(labelsInfo, (args, report) => {
  const read = LabelReaders[args.type];
  if (!read) return;
  const { requiredLabels: required } = settings<{ requiredLabels: string[] }>(labelsInfo, args);
  // The GCP provider's defaultLabels land on every labelled resource it creates.
  const defaults = args.type.startsWith("gcp:") ? peek(() => providerLabels(args.provider?.props.defaultLabels)) : {};
  const labels = { ...(defaults === Unknown ? {} : defaults), ...read(args.props) };
  const missing = required.filter((key) => !labels[key]);
  if (missing.length) report(`${args.type} "${args.name}" has no ${missing.join(", ")} label(s).`);
});

/** Provider inputs may carry a map as JSON text (the engine encodes provider config that way). */
function providerLabels(raw: unknown): Record<string, string> {
  if (typeof raw === "string") return raw ? asMap(JSON.parse(raw)) : {};
  return asMap(raw as Record<string, string>);
}

export const commonPolicies: ResourceValidationPolicy[] = [statefulProtected, requiredLabels];

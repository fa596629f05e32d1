import * as gcp from "../../../components/providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { RunbookRef } from "../../../components/monitoring/alert";
import { CloudRunService } from "../../../components/cloudRun/service";
import { ManagedSecret } from "../../../components/secrets/managedSecret";
import { MonitoringSpec, ServiceSpec } from "../../validate/rules/monitoring";
import { Assembly } from "../context";
import { ProductOncall } from "../oncall";
import { VercelProjectOutputs } from "../vercel";

export interface MonitoringDeps {
  oncall: Map<string, ProductOncall>;
  secrets: Map<string, ManagedSecret>;
  cloudRun: Map<string, CloudRunService>;
  vercelProjects: Map<string, VercelProjectOutputs>;
  /** Atlas project id per product, from the Atlas area; absent: no Atlas alerts. */
  atlasProjects: Map<string, pulumi.Input<string>>;
  /** The Atlas area's explicit provider. @default the default mongodbatlas provider */
  atlasProvider?: pulumi.ProviderResource;
}

/** Where one probe goes, and how its check, its alerts' conditions and summaries name it. */
export interface ProbeTarget {
  host: pulumi.Input<string>;
  path: string;
  /** @default 443 with SSL, 80 without */
  port?: number;
  /** @default true */
  useSsl?: boolean;
  /** The check's name in Cloud Monitoring, unless the probe gives one. */
  displayName: string;
  /** `{probe}` in a summary: the path, or the URL where the host is the point. */
  label: string;
  /** How a condition names the probe. */
  conditionLabel: string;
}

type Condition = gcp.types.input.monitoring.AlertPolicyCondition;

/**
 * One workload kind's part (stacks/assemble/monitoring/<kind>.ts): the project its metrics are in,
 * where its probes go and the Cloud Monitoring conditions of its own metrics.
 */
export interface WatchedWorkload {
  /** The GCP project that holds its metrics: its channels, checks and alerts are made there. */
  project: string;
  probe(key: string, probe: ServiceSpec["probes"][string]): ProbeTarget;
  /** The condition of one of the kind's metrics (the rules checked the kind has it). */
  condition(metric: string, threshold: number, durationSeconds: number): Condition;
  /** Request SLIs for SLOs, where the kind has request metrics. @default none */
  requestSlis?: { serviceId: string; requestCountFilter: string; latencyFilter: string };
}

/** What every alert of one service shares. */
export interface ServiceContext {
  a: Assembly;
  settings: MonitoringSpec;
  name: string;
  spec: ServiceSpec;
  workload: WatchedWorkload;
  /** The product's notification channels in the workload's project. */
  channels: pulumi.Input<string>[];
  /** The product's labels and `service`, which the policy pack's coverage rule matches. */
  labels: Record<string, string>;
  /** The time silences are compared with. */
  now: number;
}

/** A runbook reference of the stack file → what an alert's documentation names. */
export function runbookRef(ctx: ServiceContext, ref: { file?: string; section: string }): RunbookRef {
  const file = ref.file ?? ctx.spec.runbook;
  // Runbooks are numbered by their file's prefix (000_ef96a37cfe77e2a5.txt is runbook 000).
  const number = /^([0-9]+)_/.exec(file)?.[1] ?? file.replace(/\.[^.]*$/, "");
  return { number, file, procedure: ref.section, url: ctx.settings.runbookBaseUrl };
}

import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import { AtlasAlerts } from "../../components/monitoring/atlasAlerts";
import { NotificationChannels } from "../../components/monitoring/channels";
import { metricOf } from "../../components/monitoring/metrics";
import { ServiceSpec, workloadKind } from "../validate/rules/monitoring";
import { Assembly } from "./context";
import { cloudMonitoringAlert, probeChecks } from "./monitoring/alerts";
import { cloudRunWorkload } from "./monitoring/cloudRun";
import { MonitoringDeps, WatchedWorkload } from "./monitoring/context";
import { hostWorkload } from "./monitoring/host";
import { kubernetesWorkload } from "./monitoring/kubernetes";
import { sentryAlert, sentryProvider } from "./monitoring/sentry";
import { requestSlos } from "./monitoring/slo";
import { vercelWorkload } from "./monitoring/vercel";
import { readSecret } from "./secretReads";

export type { MonitoringDeps };

/** One assembly per workload kind: the project its metrics are in, its probes, its metrics' conditions. */
function watched(a: Assembly, deps: MonitoringDeps, name: string, service: ServiceSpec): WatchedWorkload {
  const w = service.workload;
  switch (workloadKind(service)) {
    case "cloudRun":
      return cloudRunWorkload(a, deps, name, w.cloudRun!);
    case "kubernetes":
      return kubernetesWorkload(a, w.kubernetes!);
    case "vercel":
      return vercelWorkload(a, deps, name, w.vercel!);
    case "host":
      return hostWorkload(a, name, w.host!);
  }
}

/**
 * `platform:monitoring` → per service: its product's notification channels (PagerDuty, optionally
 * Slack) in the GCP project that holds the workload's metrics, an uptime check per probe, an alert
 * policy or a Sentry metric alert per alert, request SLOs with burn-rate alerts; and Atlas alerts per
 * product whose Atlas project the Atlas area gives.
 */
export function assembleMonitoring(a: Assembly, deps: MonitoringDeps): void {
  const settings = a.spec.monitoring;
  if (!settings) return;
  const now = Date.now();
  const slackToken = settings.slack ? readSecret(a, deps.secrets, settings.slack.tokenSecret).value : undefined;

  // One set of channels per product and project, shared by the product's services there.
  const channelSets = new Map<string, pulumi.Output<string>[]>();
  const channelsFor = (product: string, project: string) => {
    const key = `${product}-${project}-channels`;
    if (!channelSets.has(key)) {
      const channels = new NotificationChannels(
        key,
        {
          project,
          displayName: `${product} on-call`,
          pagerDutyKey: deps.oncall.get(product)!.integrationKey, // the spec checked the service exists
          slack: settings.slack && slackToken ? { channel: settings.slack.channel, token: slackToken } : undefined,
          labels: a.labels(product),
        },
        { provider: a.gcp },
      );
      channelSets.set(key, channels.channelNames);
    }
    return channelSets.get(key)!;
  };
  let sentryFor: sentry.Provider | undefined;

  for (const [name, spec] of Object.entries(settings.services)) {
    const workload = watched(a, deps, name, spec);
    const ctx = {
      a,
      settings,
      name,
      spec,
      workload,
      channels: channelsFor(spec.product, workload.project),
      labels: { ...a.labels(spec.product), service: name },
      now,
    };
    const checks = probeChecks(ctx);
    for (const [key, alert] of Object.entries(spec.alerts)) {
      if (metricOf(alert.metric).source === "sentry") sentryAlert(ctx, key, alert, (sentryFor ??= sentryProvider()));
      else cloudMonitoringAlert(ctx, key, alert, checks);
    }
    requestSlos(ctx);
  }

  for (const [product, thresholds] of Object.entries(settings.atlas)) {
    const projectId = deps.atlasProjects.get(product);
    if (projectId === undefined) continue; // a stack without that Atlas project (a focused test stack)
    new AtlasAlerts(
      `${product}-atlas-alerts`,
      { projectId, pagerDutyKey: deps.oncall.get(product)!.integrationKey, ...thresholds },
      { provider: deps.atlasProvider },
    );
  }
}

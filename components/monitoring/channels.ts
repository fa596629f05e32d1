import * as gcp from "../providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

export interface NotificationChannelsArgs {
  project: string;
  /** Shown in Cloud Monitoring: "mixillo on-call". */
  displayName: string;
  /** The PagerDuty Events API integration key; kept a secret whatever the caller passes. */
  pagerDutyKey: pulumi.Input<string>;
  /** Slack as well (runbooks: "post in #incidents"). @default none */
  slack?: { channel: string; token: pulumi.Input<string> };
  labels: Record<string, string>;
}

/** One project's channels for one product: PagerDuty always, Slack when asked. */
export class NotificationChannels extends pulumi.ComponentResource {
  /** Channel names (projects/.../notificationChannels/...), as alert policies reference them. */
  readonly channelNames: pulumi.Output<string>[];

  constructor(name: string, args: NotificationChannelsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:monitoring:NotificationChannels", name, {}, opts);
    // Guard: a channel of no project is created nowhere, and the alerts that use it notify no one.
    if (!args.project) argumentCheck("NotificationChannels", name)("project", args.project, "a GCP project id");
    const pagerDuty = new gcp.monitoring.NotificationChannel(
      `${name}-pagerduty`,
      {
        project: args.project,
        type: "pagerduty",
        displayName: `${args.displayName} (PagerDuty)`,
        sensitiveLabels: { serviceKey: pulumi.secret(args.pagerDutyKey) },
        userLabels: args.labels,
      },
      { parent: this },
    );
    this.channelNames = [pagerDuty.name];
    if (args.slack) {
      const slack = new gcp.monitoring.NotificationChannel(
        `${name}-slack`,
        {
          project: args.project,
          type: "slack",
          displayName: `${args.displayName} (Slack ${args.slack.channel})`,
          labels: { channel_name: args.slack.channel },
          sensitiveLabels: { authToken: pulumi.secret(args.slack.token) },
          userLabels: args.labels,
        },
        { parent: this },
      );
      this.channelNames.push(slack.name);
    }
    this.registerOutputs({ channelNames: this.channelNames });
  }
}

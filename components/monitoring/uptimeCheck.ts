import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface UptimeCheckArgs {
  project: string;
  displayName: string;
  host: pulumi.Input<string>;
  path: string;
  /** @default 443 with SSL, 80 without */
  port?: number;
  /** @default true */
  useSsl?: boolean;
  /** A regular expression the body must match (a health endpoint's "connected"). @default none: any 2xx passes */
  contentRegex?: string;
  /** How often each checker region probes. @default "60s", so "fails twice in 3 minutes" can be seen */
  period?: string;
  /** @default "10s" */
  timeout?: string;
  labels: Record<string, string>;
}

/** An HTTP uptime check of one public health endpoint. */
export class UptimeCheck extends pulumi.ComponentResource {
  /** The id GCP gives the check; alert filters select its metrics by it. */
  readonly checkId: pulumi.Output<string>;

  constructor(name: string, args: UptimeCheckArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:monitoring:UptimeCheck", name, {}, opts);
    if (!args.path.startsWith("/")) throw new Error(`UptimeCheck ${name}: path must be an absolute path such as /health, got ${JSON.stringify(args.path)}`);
    if (args.contentRegex !== undefined && args.contentRegex.length > 1024) throw new Error(`UptimeCheck ${name}: contentRegex must be at most 1024 characters, got ${args.contentRegex.length}`);
    const useSsl = args.useSsl ?? true;
    const check = new gcp.monitoring.UptimeCheckConfig(
      name,
      {
        project: args.project,
        displayName: args.displayName,
        period: args.period ?? "60s",
        timeout: args.timeout ?? "10s",
        monitoredResource: { type: "uptime_url", labels: { project_id: args.project, host: args.host } },
        httpCheck: { path: args.path, port: args.port ?? (useSsl ? 443 : 80), useSsl, validateSsl: useSsl, requestMethod: "GET" },
        contentMatchers: args.contentRegex ? [{ content: args.contentRegex, matcher: "MATCHES_REGEX" }] : undefined,
        userLabels: args.labels,
      },
      { parent: this },
    );
    this.checkId = check.uptimeCheckId;
    this.registerOutputs({ checkId: this.checkId });
  }
}

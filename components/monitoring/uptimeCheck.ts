import * as gcp from "../providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

/**
 * The uptime-check regions that hold one checker each (cloud.google.com/monitoring/uptime-checks:
 * "Each of the USA_* regions has one checker ... EUROPE, SOUTH_AMERICA, and ASIA_PACIFIC each have
 * one checker"). `USA` (all three USA_*) is left out on purpose: with one checker per region, a count
 * of failing regions is a count of failing checkers, which is what an alert can count.
 */
export const CheckerRegions = ["USA_OREGON", "USA_IOWA", "USA_VIRGINIA", "EUROPE", "SOUTH_AMERICA", "ASIA_PACIFIC"] as const;
export type CheckerRegion = (typeof CheckerRegions)[number];
/** "enough regions to include a minimum of 3 locations must be provided" (UptimeCheckConfig.selectedRegions). */
export const MinCheckerRegions = 3;

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
  /** How often each checker region probes. @default "60s": a region's latest result is at most a minute old */
  period?: string;
  /** @default "10s" */
  timeout?: string;
  /** Where the probes come from; at least 3. @default all six regions (GCP's default when unset) */
  selectedRegions?: CheckerRegion[];
  labels: Record<string, string>;
}

/** An HTTP uptime check of one public health endpoint. */
export class UptimeCheck extends pulumi.ComponentResource {
  /** The id GCP gives the check; alert filters select its metrics by it. */
  readonly checkId: pulumi.Output<string>;
  /** How many checker regions probe the host: what an alert counts failing regions out of. */
  readonly checkerRegions: number;

  constructor(name: string, args: UptimeCheckArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:monitoring:UptimeCheck", name, {}, opts);
    const fail = argumentCheck("UptimeCheck", name);
    // Guard: a path from the host's root, a content regex GCP takes (1024 characters) and the 3 distinct regions it needs.
    if (!args.path.startsWith("/")) fail("path", args.path, "an absolute path such as /health");
    // The length, not the 1025+ characters of the regex itself.
    if (args.contentRegex !== undefined && args.contentRegex.length > 1024) fail("contentRegex.length", args.contentRegex.length, "at most 1024 characters");
    const regions = args.selectedRegions;
    if (regions !== undefined) {
      const unknown = regions.filter((r) => !(CheckerRegions as readonly string[]).includes(r));
      if (unknown.length || new Set(regions).size !== regions.length || regions.length < MinCheckerRegions) {
        fail("selectedRegions", regions, `at least ${MinCheckerRegions} distinct regions of ${CheckerRegions.join(", ")}`);
      }
    }
    this.checkerRegions = regions?.length ?? CheckerRegions.length;
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
        selectedRegions: regions,
        contentMatchers: args.contentRegex ? [{ content: args.contentRegex, matcher: "MATCHES_REGEX" }] : undefined,
        userLabels: args.labels,
      },
      { parent: this },
    );
    this.checkId = check.uptimeCheckId;
    this.registerOutputs({ checkId: this.checkId, checkerRegions: this.checkerRegions });
  }
}

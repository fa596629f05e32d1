import * as gcp from "../providers/gcp";
import * as pulumi from "@pulumi/pulumi";
import { argumentCheck } from "../argumentCheck";

export interface RequestSlosArgs {
  project: string;
  /** The Cloud Monitoring service id, e.g. the Cloud Run service's name. */
  serviceId: string;
  displayName: string;
  /** Monitoring filter of the requests (a request_count metric with a response_code_class label). */
  requestCountFilter: string;
  /** Monitoring filter of the request latency distribution, in ms. */
  latencyFilter: string;
  /** Fraction of requests that must not be 5xx. */
  availabilityGoal: number;
  /** Fraction of requests that must answer within latencyThresholdMs. */
  latencyGoal: number;
  latencyThresholdMs: number;
  /** @default 28 */
  rollingDays?: number;
  labels: Record<string, string>;
}

/**
 * Request-based availability and latency SLOs on a custom Cloud Monitoring service. The SLO names are
 * built from known ids, so burn-rate alerts read them in a preview.
 */
export class RequestSlos extends pulumi.ComponentResource {
  /** Full SLO names; an alert on them should depend on this component, so it is created after them. */
  readonly availabilitySlo: string;
  readonly latencySlo: string;

  constructor(name: string, args: RequestSlosArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:monitoring:RequestSlos", name, {}, opts);
    const fail = argumentCheck("RequestSlos", name);
    // Guard: GCP takes a goal strictly between 0 and 1; 1 leaves no error budget to burn.
    for (const [field, goal] of [
      ["availabilityGoal", args.availabilityGoal],
      ["latencyGoal", args.latencyGoal],
    ] as const) {
      if (!(goal > 0 && goal < 1)) fail(field, goal, "a fraction between 0 and 1");
    }
    const rollingPeriodDays = args.rollingDays ?? 28;
    const service = new gcp.monitoring.CustomService(
      name,
      { project: args.project, serviceId: args.serviceId, displayName: args.displayName, userLabels: args.labels },
      { parent: this },
    );
    const sloName = (sloId: string) => `projects/${args.project}/services/${args.serviceId}/serviceLevelObjectives/${sloId}`;

    new gcp.monitoring.Slo(
      `${name}-availability`,
      {
        project: args.project,
        service: service.serviceId,
        sloId: "availability",
        displayName: `${args.displayName}: ${args.availabilityGoal * 100} % of requests not 5xx over ${rollingPeriodDays} days`,
        goal: args.availabilityGoal,
        rollingPeriodDays,
        requestBasedSli: {
          goodTotalRatio: {
            badServiceFilter: `${args.requestCountFilter} AND metric.labels.response_code_class = "5xx"`,
            totalServiceFilter: args.requestCountFilter,
          },
        },
        userLabels: args.labels,
      },
      { parent: this },
    );
    new gcp.monitoring.Slo(
      `${name}-latency`,
      {
        project: args.project,
        service: service.serviceId,
        sloId: "latency",
        displayName: `${args.displayName}: ${args.latencyGoal * 100} % of requests within ${args.latencyThresholdMs} ms over ${rollingPeriodDays} days`,
        goal: args.latencyGoal,
        rollingPeriodDays,
        requestBasedSli: { distributionCut: { distributionFilter: args.latencyFilter, range: { max: args.latencyThresholdMs } } },
        userLabels: args.labels,
      },
      { parent: this },
    );
    this.availabilitySlo = sloName("availability");
    this.latencySlo = sloName("latency");
    this.registerOutputs({ availabilitySlo: this.availabilitySlo, latencySlo: this.latencySlo });
  }
}

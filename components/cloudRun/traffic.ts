import * as gcp from "../providers/gcp";

/** Where a Cloud Run service sends its requests. */
export type TrafficPolicy =
  | { kind: "latest" }
  | { kind: "pinned"; revision: string }
  | { kind: "split"; targets: { revision?: string; latest?: boolean; percent: number; tag?: string }[] };

const Latest = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST";
const Revision = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION";

export function trafficTargets(policy: TrafficPolicy): gcp.types.input.cloudrunv2.ServiceTraffic[] {
  switch (policy.kind) {
    case "latest":
      return [{ type: Latest, percent: 100 }];
    case "pinned":
      return [{ type: Revision, revision: policy.revision, percent: 100 }];
    case "split":
      return policy.targets.map((t) => ({
        type: t.revision ? Revision : Latest,
        ...(t.revision ? { revision: t.revision } : {}),
        percent: t.percent,
        ...(t.tag ? { tag: t.tag } : {}),
      }));
  }
}

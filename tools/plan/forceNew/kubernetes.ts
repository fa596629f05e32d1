import { ForceNewTable } from "./types";

/**
 * pulumi-kubernetes is not bridged: its provider decides replacement itself, from `forceNewProperties`
 * in provider/pkg/provider/diff.go (jsonpath entries: a change at, inside or around one replaces). The
 * pin is v4.34.2; the newest stored source is master of 2026-07-01 (after tag v4.32.0), and diff.go is
 * the same at both (last changed 2026-02-18, a lint fix; its lists since #3164, 2024-08-21).
 */

/** Every Kubernetes object is replaced when its name or namespace changes (metadataForceNewProperties). */
export const KubernetesIdentity = ["metadata.name", "metadata.namespace"];

export const Kubernetes: ForceNewTable = new Map([
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (core/v1 has no Namespace entry: identity only)
  ["kubernetes:core/v1:Namespace", []],
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (IsSecret, with enableSecretMutable off, as the providers here leave it)
  ["kubernetes:core/v1:Secret", ["type", "stringData", "data"]],
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (core "Service")
  ["kubernetes:core/v1:Service", ["spec.clusterIP"]],
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (core "PersistentVolumeClaim": a resize is an update)
  ["kubernetes:core/v1:PersistentVolumeClaim", ["spec.accessModes", "spec.selector", "spec.storageClassName", "spec.volumeName"]],
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (apps/v1 "Deployment": the selector and its match fields)
  ["kubernetes:apps/v1:Deployment", ["spec.selector"]],
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (no autoscaling group: identity only)
  ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler", []],
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (its ".spec" is for policy/v1beta1 only: identity only)
  ["kubernetes:policy/v1:PodDisruptionBudget", []],
  // pulumi/pulumi-kubernetes v4.32.0..master provider/pkg/provider/diff.go (no networking.k8s.io group: identity only)
  ["kubernetes:networking.k8s.io/v1:NetworkPolicy", []],
]);

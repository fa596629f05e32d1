/**
 * The parts of `@pulumi/kubernetes` the program uses, each from its own API group (see gcp.ts for
 * why). Import this as `k8s`.
 */
export * as apps from "@pulumi/kubernetes/apps";
export * as autoscaling from "@pulumi/kubernetes/autoscaling";
export * as core from "@pulumi/kubernetes/core";
export * as networking from "@pulumi/kubernetes/networking";
export * as policy from "@pulumi/kubernetes/policy";
export * as types from "@pulumi/kubernetes/types";
export { Provider } from "@pulumi/kubernetes/provider";

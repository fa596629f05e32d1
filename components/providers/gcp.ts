/**
 * The parts of `@pulumi/gcp` the program uses, each from its own module: `import * as gcp from
 * "@pulumi/gcp"` loads all of the provider's ~150 modules when the program starts (in `pulumi up`
 * too) and makes tsc read its 860k lines of declarations, of which the program needs these. Import
 * this as `gcp`; add a module here when a component needs another.
 */
export * as cloudrunv2 from "@pulumi/gcp/cloudrunv2";
export * as container from "@pulumi/gcp/container";
export * as monitoring from "@pulumi/gcp/monitoring";
export * as secretmanager from "@pulumi/gcp/secretmanager";
export * as serviceaccount from "@pulumi/gcp/serviceaccount";
export * as types from "@pulumi/gcp/types";
export { Provider } from "@pulumi/gcp/provider";

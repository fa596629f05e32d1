import { PolicyPack } from "@pulumi/policy";
import { packName, policies } from "./pack";

// The CLI's entry point: constructing a PolicyPack starts the analyzer's gRPC server.
new PolicyPack(packName, { policies });

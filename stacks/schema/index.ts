import { Static, Type } from "@sinclair/typebox";
import { AtlasKeys } from "./atlas";
import { CiKeys } from "./ci";
import { CloudRunKeys } from "./cloudRun";
import { DockerKeys } from "./docker";
import { KubernetesKeys } from "./kubernetes";
import { MonitoringKeys } from "./monitoring";
import { OncallKeys } from "./oncall";
import { PlanKeys } from "./plan";
import { SecretsKeys } from "./secrets";
import { StackKeys } from "./stack";
import { VercelKeys } from "./vercel";

/**
 * The `config:` section of a Pulumi.<stack>.yaml file. Every area of the estate contributes its keys
 * here; nothing outside this schema is accepted, so a typo is an error and never a silent default.
 */
export const StackConfigSchema = Type.Object(
  {
    ...StackKeys,
    ...SecretsKeys,
    ...CloudRunKeys,
    ...VercelKeys,
    ...KubernetesKeys,
    ...OncallKeys,
    ...MonitoringKeys,
    ...DockerKeys,
    ...AtlasKeys,
    ...PlanKeys,
    ...CiKeys,
  },
  { additionalProperties: false },
);

export type StackConfig = Static<typeof StackConfigSchema>;

/** `platform:cloudRun` → `cloudRun`: the spec drops the project namespace. */
type Unprefixed<C> = { [K in keyof C as K extends `platform:${infer Key}` ? Key : never]: C[K] };

/** The validated, defaulted spec of one stack: what the assembly turns into resources. */
export type StackSpec = Unprefixed<StackConfig> & {
  /** Stack name, as in `pulumi stack select <stack>`. */
  stack: string;
  /** The stack file the spec came from, for messages. */
  file: string;
};

export type CloudRunServiceSpec = StackSpec["cloudRun"][string];
export type SecretSpec = StackSpec["secrets"][string];
export const ConfigNamespace = "platform";

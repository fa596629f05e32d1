import { podContainers, workloadPod } from "./kubernetesPods";
import { SecretMarker } from "./secretValues";
import { asArray, peek, Unknown } from "./values";

/** An environment variable whose value is written out in the resource, not read from a secret store. */
export interface PlainVariable {
  /** `Cloud Run service "mixillo-backend"`, `Deployment production/merchant-backend container "api"`. */
  where: string;
  name: string;
  /** undefined when a preview cannot know it (another resource's output). */
  value: string | undefined;
}

const known = (read: () => unknown): string | undefined => {
  const v = peek(read);
  return v === Unknown || typeof v !== "string" ? undefined : v;
};

type Vercel = { key: string; value?: string; sensitive?: boolean };
const vercelPlain = (where: string, vars: Vercel[], sdkSecret = false): PlainVariable[] =>
  vars
    .filter((v) => v.sensitive !== true)
    .map((v) => {
      const value = known(() => v.value);
      // These SDK classes mark every value secret themselves, so "[secret]" says nothing about it here
      // (the CLI's policy run sees the plaintext and judges it).
      return { where, name: v.key, value: sdkSecret && value === SecretMarker ? undefined : value };
    });

/** Readers per resource type: what each provider keeps as plain environment. */
const Readers: Record<string, (props: any, name: string) => PlainVariable[]> = {
  "gcp:cloudrunv2/service:Service": (s, name) =>
    asArray<any>(s.template?.containers).flatMap((c) =>
      asArray<any>(c.envs)
        .filter((e) => !e.valueSource)
        .map((e) => ({ where: `Cloud Run service "${s.name ?? name}"`, name: e.name, value: known(() => e.value) })),
    ),
  "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable": (v) => vercelPlain("Vercel project", [v], true),
  "vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables": (v) => vercelPlain("Vercel project", asArray(v.variables)),
  "vercel:index/sharedEnvironmentVariable:SharedEnvironmentVariable": (v) => vercelPlain("Vercel shared", [v], true),
  "vercel:index/project:Project": (p, name) => vercelPlain(`Vercel project "${p.name ?? name}"`, asArray(p.environments)),
};

/** The plain environment variables of a resource: Cloud Run, Vercel, or any Kubernetes pod. */
export function plainVariables(type: string, props: any, name: string): PlainVariable[] {
  const reader = Readers[type];
  if (reader) return reader(props, name);
  const pod = workloadPod(type, props, name);
  if (!pod) return [];
  return podContainers(pod.spec).flatMap((c) =>
    asArray<any>(c.env)
      .filter((e) => e.valueFrom === undefined)
      .map((e) => ({ where: `${pod.workload} container "${c.name}"`, name: e.name, value: known(() => e.value) })),
  );
}

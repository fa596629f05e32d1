import { secretLooking, SecretNamePattern } from "../../../policies/lib/values";
import { composeName, gcpRegion, namespaceOf, stringOption } from "../config";
import { OpsError } from "../errors";
import { Family, Procedure, ProcedureContext, RunbookRef } from "../procedure";
import { Edit } from "../yamlEdit";

/**
 * A workload's size and plain environment: runbook 003's OOM remedy (`kubectl set resources`) and
 * pool settings, 000's `--memory`/`--cpu`, 001's `--update-env-vars`, 004's `backend/.env` edits.
 */

/** `--cpu 2` where the stack file holds a number (Cloud Run, Docker); the spec decides the range. */
function cpuCount(ctx: ProcedureContext, name: string): number | undefined {
  const raw = stringOption(ctx, name);
  if (raw === undefined) return undefined;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(raw)) throw new OpsError(`--${name}: expected a CPU count such as 0.5, 1 or 2, found ${JSON.stringify(raw)}`, "resources");
  return Number(raw);
}

function resourcesEdits(ctx: ProcedureContext): { edits: Edit[]; replaces: RunbookRef[] } {
  const memory = stringOption(ctx, "memory");
  const { kind, id, path } = ctx.target;
  if (kind === "kubernetes") {
    const [cpu, memoryRequest, cpuRequest] = [stringOption(ctx, "cpu"), stringOption(ctx, "memory-request"), stringOption(ctx, "cpu-request")];
    const set: [string[], string | undefined][] = [
      [["limits", "memory"], memory],
      [["limits", "cpu"], cpu],
      [["requests", "memory"], memoryRequest],
      [["requests", "cpu"], cpuRequest],
    ];
    const given = set.filter((entry): entry is [string[], string] => entry[1] !== undefined);
    if (!given.length) throw new OpsError("give --memory, --cpu (limits), --memory-request or --cpu-request", "resources");
    const flag = (kindOf: string) =>
      given
        .filter(([p]) => p[0] === kindOf)
        .map(([p, v]) => `${p[1]}=${v}`)
        .join(",");
    const flags = [flag("limits") && `--limits=${flag("limits")}`, flag("requests") && `--requests=${flag("requests")}`].filter(Boolean).join(" ");
    return {
      edits: given.map(([p, value]) => ({ path: [...path, "resources", ...p], value })),
      replaces: [
        {
          runbook: "003",
          section: "Issue: Out of Memory › Resolution (Temporary: Increase memory limit)",
          command: `kubectl set resources deployment ${id} ${flags} -n ${namespaceOf(ctx)}`,
        },
      ],
    };
  }
  if (stringOption(ctx, "memory-request") !== undefined || stringOption(ctx, "cpu-request") !== undefined) {
    throw new OpsError(
      `--memory-request and --cpu-request are Kubernetes requests; a ${kind === "cloud-run" ? "Cloud Run service" : "Docker container"} has one memory and one CPU setting`,
      "resources",
    );
  }
  const cpu = cpuCount(ctx, "cpu");
  if (memory === undefined && cpu === undefined) throw new OpsError("give --memory, --cpu or both", "resources");
  const cpuKey = kind === "cloud-run" ? "cpu" : "cpus";
  const edits: Edit[] = [];
  if (memory !== undefined) edits.push({ path: [...path, "memory"], value: memory });
  if (cpu !== undefined) edits.push({ path: [...path, cpuKey], value: cpu });
  if (kind === "docker") return { edits, replaces: [] };
  const flags = [memory !== undefined ? `--memory=${memory}` : "", cpu !== undefined ? `--cpu=${cpu}` : ""].filter(Boolean).join(" ");
  return {
    edits,
    replaces: [
      {
        runbook: "000",
        section: "Standard Deployment (`--memory 2Gi --cpu 2`)",
        command: `gcloud run services update ${id} --region=${gcpRegion(ctx)} ${flags}`,
      },
    ],
  };
}

const resources: Procedure = {
  name: "resources",
  kinds: ["cloud-run", "kubernetes", "docker"],
  synopsis: "resources <service|app|container> [--memory <size>] [--cpu <n>]",
  summary: "memory and CPU (Kubernetes: resources.limits, and requests with --*-request)",
  options: {
    memory: { takesValue: true, help: "memory (Kubernetes: the limit), e.g. 2Gi" },
    cpu: { takesValue: true, help: "CPUs (Kubernetes: the limit, e.g. 1500m)" },
    "memory-request": { takesValue: true, help: "Kubernetes only: the memory request the scheduler reserves" },
    "cpu-request": { takesValue: true, help: "Kubernetes only: the CPU request (the HPA's utilization is a share of it)" },
  },
  examples: [
    "resources merchant-backend --memory 2Gi --stack prod   # OOMKilled",
    "resources mixillo-backend --memory 4Gi --cpu 4 --stack prod",
    "resources backend --memory 2Gi --stack prod   # spilttea-backend",
  ],
  notes: ["Cloud Run takes only some memory and CPU pairs (more than 4Gi needs 2 CPUs; 4 CPUs need 2Gi): the spec names the range when it refuses."],
  change(ctx) {
    return resourcesEdits(ctx);
  },
};

/** `NAME=value` words of `env set`; names are the spec's to check. */
function assignments(words: string[]): [string, string][] {
  if (!words.length) throw new OpsError("give NAME=value (one or more)", "env");
  return words.map((word) => {
    const at = word.indexOf("=");
    if (at <= 0) throw new OpsError(`expected NAME=value, found ${JSON.stringify(word)}`, "env");
    return [word.slice(0, at), word.slice(at + 1)];
  });
}

function envRef(ctx: ProcedureContext, set: [string, string][] | undefined, unset: string[]): RunbookRef {
  const { kind, id } = ctx.target;
  const pairs = set ? set.map(([name, value]) => `${name}=${value}`).join(",") : "";
  if (kind === "cloud-run") {
    const flag = set ? `--update-env-vars=${pairs}` : `--remove-env-vars=${unset.join(",")}`;
    return {
      runbook: "001",
      section: "MongoDB Connection Lost, step 4 (`--update-env-vars`)",
      command: `gcloud run services update ${id} --region=${gcpRegion(ctx)} ${flag}`,
    };
  }
  if (kind === "kubernetes") {
    const args = set ? set.map(([name, value]) => `${name}=${value}`).join(" ") : unset.map((name) => `${name}-`).join(" ");
    return {
      runbook: "003",
      section: "Issue: Database Connection Exhaustion › Resolution (pool settings in .env)",
      command: `kubectl set env deployment/${id} ${args} -n ${namespaceOf(ctx)}`,
    };
  }
  const change = set ? set.map(([name, value]) => `${name}=${value}`).join(", ") : `remove ${unset.join(", ")}`;
  return {
    runbook: "004",
    section: 'Frontend Shows "Network Error" (FRONTEND_URL), Rate Limit Exceeded (backend/.env)',
    command: `edit backend/.env (${change}) && docker-compose up -d ${composeName(ctx)}`,
  };
}

const env: Procedure = {
  name: "env",
  kinds: ["cloud-run", "kubernetes", "docker"],
  synopsis: "env <service|app|container> set NAME=value ... | unset NAME ...",
  summary: "plain environment variables (env); secrets go through platform:secrets, never here",
  options: {},
  words: { usage: "set NAME=value ... | unset NAME ...", max: Infinity },
  examples: [
    "env merchant-backend set MONGODB_MAX_POOL_SIZE=80 --stack prod",
    "env backend set FRONTEND_URL=https://www.spilttea.app --stack prod",
    "env mixillo-backend unset DATABASE_MODE --stack prod",
  ],
  notes: [
    "A name or value that looks like a credential is refused before anything is printed: declare it under platform:secrets and read it through secretEnv.",
    "Vercel variables have targets per variable: edit platform:vercel.projects.<project>.env (flags and maintenance have their own commands).",
  ],
  change(ctx) {
    const [verb, ...rest] = ctx.words;
    const base = [...ctx.target.path, "env"];
    if (verb === "set") {
      const set = assignments(rest);
      for (const [name, value] of set) {
        const why = secretLooking(name, value, SecretNamePattern);
        if (why)
          throw new OpsError(
            `${name} is not set: ${why}, and a stack file holds no secret. Declare it under platform:secrets and read it through secretEnv (docs/secrets.md).`,
          );
      }
      return { edits: set.map(([name, value]) => ({ path: [...base, name], value })), replaces: [envRef(ctx, set, [])] };
    }
    if (verb === "unset") {
      if (!rest.length) throw new OpsError("give the names to remove", "env");
      return {
        edits: rest.map((name) => ({ path: [...base, name], remove: true as const })),
        replaces: [envRef(ctx, undefined, rest)],
        alreadySo: `${rest.join(", ")} ${rest.length > 1 ? "are" : "is"} not set on ${ctx.target.id}`,
      };
    }
    throw new OpsError(verb === undefined ? "set or unset?" : `expected set or unset, found ${JSON.stringify(verb)}`, "env");
  },
};

export const workloadSettings: Family = { name: "settings", procedures: [resources, env] };

import { at, gcpRegion, intOption, namespaceOf, onOff } from "../config";
import { OpsError } from "../errors";
import { Family, Procedure, ProcedureContext } from "../procedure";
import { Edit } from "../yamlEdit";

/** Runbooks 000/001 (Cloud Run instances) and 003 (the HPA range, fixed replicas, the HPA itself). */

const hpaOn = (ctx: ProcedureContext) => at(ctx.config, [...ctx.target.path, "autoscaling", "enabled"]) !== false;

const scaleCloudRun: Procedure = {
  name: "scale",
  kinds: ["cloud-run"],
  synopsis: "scale <service> [--min N] [--max N]",
  summary: "Cloud Run instance range (minInstances, maxInstances)",
  options: {
    min: { takesValue: true, help: "minimum instances (kept warm)" },
    max: { takesValue: true, help: "maximum instances" },
  },
  examples: ["scale mixillo-backend --min 5 --max 20 --stack prod", "scale mixillo-backend --min 0 --max 10 --stack prod   # back down after the incident"],
  change(ctx) {
    const [min, max] = [intOption(ctx, "min"), intOption(ctx, "max")];
    if (min === undefined && max === undefined) throw new OpsError("give --min, --max or both", "scale");
    const edits: Edit[] = [];
    if (min !== undefined) edits.push({ path: [...ctx.target.path, "minInstances"], value: min });
    if (max !== undefined) edits.push({ path: [...ctx.target.path, "maxInstances"], value: max });
    const flags = [min !== undefined ? `--min-instances=${min}` : "", max !== undefined ? `--max-instances=${max}` : ""].filter(Boolean).join(" ");
    return {
      edits,
      replaces: [
        {
          runbook: "001",
          section: "Common Fixes › Scale Service (and P1 › Slow Response Times, step 3)",
          command: `gcloud run services update ${ctx.target.id} --region=${gcpRegion(ctx)} ${flags}`,
        },
        {
          runbook: "000",
          section: "Issue: High Response Time, step 3",
          command: `gcloud run services update ${ctx.target.id} --region=${gcpRegion(ctx)} ${flags}`,
        },
      ],
    };
  },
};

const scaleKubernetes: Procedure = {
  name: "scale",
  kinds: ["kubernetes"],
  synopsis: "scale <app> [--min N] [--max N] | --replicas N",
  summary: "Kubernetes HPA range (autoscaling.minReplicas/maxReplicas), or the fixed replicas while autoscaling is off",
  options: {
    min: { takesValue: true, help: "the HPA's minimum pods (the runbook's `--replicas` under an HPA)" },
    max: { takesValue: true, help: "the HPA's maximum pods" },
    replicas: { takesValue: true, help: "fixed pod count; only while autoscaling is off (see `autoscaling`)" },
  },
  examples: ["scale merchant-backend --min 5 --stack prod", "scale merchant-backend --replicas 5 --stack prod   # after `autoscaling merchant-backend off`"],
  notes: ["Under the HPA a fixed count would be overridden at its next sync: raise --min instead."],
  change(ctx) {
    const [min, max, replicas] = [intOption(ctx, "min"), intOption(ctx, "max"), intOption(ctx, "replicas")];
    const app = ctx.target.id;
    const cmd = (n: number | string) => `kubectl scale deployment ${app} --replicas=${n} -n ${namespaceOf(ctx)}`;
    if (replicas !== undefined) {
      if (min !== undefined || max !== undefined) throw new OpsError("--replicas (autoscaling off) or --min/--max (the HPA range), not both", "scale");
      if (hpaOn(ctx)) {
        throw new OpsError(
          `${app} is autoscaled by ${app}-hpa, which would override a fixed count: raise its floor with \`scale ${app} --min ${replicas}\`, or turn it off first with \`autoscaling ${app} off --replicas ${replicas}\``,
          "scale",
        );
      }
      return {
        edits: [{ path: [...ctx.target.path, "replicas"], value: replicas, after: "autoscaling" }],
        replaces: [{ runbook: "003", section: "3. Scale Application › Manual scaling", command: cmd(replicas) }],
      };
    }
    if (min === undefined && max === undefined) throw new OpsError("give --min, --max (the HPA range) or --replicas", "scale");
    const edits: Edit[] = [];
    if (min !== undefined) edits.push({ path: [...ctx.target.path, "autoscaling", "minReplicas"], value: min });
    if (max !== undefined) edits.push({ path: [...ctx.target.path, "autoscaling", "maxReplicas"], value: max });
    return {
      edits,
      replaces: [{ runbook: "003", section: "3. Scale Application › Manual scaling (under the HPA: its range)", command: cmd(min ?? max!) }],
    };
  },
};

/**
 * The HPA back on: the pods running now (`replicas`) become its floor (and its ceiling if they exceed
 * it), so the HPA starts from today's count instead of scaling down to an old floor, until a person
 * lowers it (`scale <app> --min N`).
 */
function autoscalingOn(ctx: ProcedureContext, ns: string) {
  const app = ctx.target.id;
  const path = ctx.target.path;
  const running = at(ctx.config, [...path, "replicas"]);
  const [floor, ceiling] = [at(ctx.config, [...path, "autoscaling", "minReplicas"]), at(ctx.config, [...path, "autoscaling", "maxReplicas"])];
  const edits: Edit[] = [];
  if (!hpaOn(ctx)) edits.push({ path: [...path, "autoscaling", "enabled"], value: true });
  const notes: string[] = [];
  if (typeof running === "number" && typeof floor === "number" && running > floor) {
    edits.push({ path: [...path, "autoscaling", "minReplicas"], value: running });
    if (typeof ceiling === "number" && running > ceiling) edits.push({ path: [...path, "autoscaling", "maxReplicas"], value: running });
    notes.push(
      `the HPA's floor is ${running}, the pods running now (it was ${floor}), so it does not scale ${app} down at once; once it has taken over, lower it with \`npm run ops -- scale ${app} --min ${floor} --stack ${ctx.stack}\``,
    );
  }
  edits.push({ path: [...path, "replicas"], remove: true });
  notes.push(
    `the Deployment stops declaring replicas: Kubernetes may run 1 pod until the HPA's first sync (about 15 s, kubernetes/website#29739), so apply it off-peak`,
  );
  return {
    edits,
    notes,
    replaces: [{ runbook: "003", section: "3. Scale Application › Re-enable auto-scaling", command: `kubectl apply -f k8s/hpa.yaml -n ${ns}` }],
  };
}

const autoscaling: Procedure = {
  name: "autoscaling",
  kinds: ["kubernetes"],
  synopsis: "autoscaling <app> on|off [--replicas N]",
  summary: "turn the HPA off (fixed replicas) or back on (autoscaling.enabled, replicas)",
  options: { replicas: { takesValue: true, help: "pods while the HPA is off (default: its current minReplicas)" } },
  words: { usage: "on|off", max: 1 },
  examples: ["autoscaling merchant-backend off --replicas 5 --stack prod", "autoscaling merchant-backend on --stack prod"],
  notes: [
    "Back on, the HPA's floor is raised to the replicas running now (so it does not scale the app down at once); lower it with `scale <app> --min N` once the HPA has taken over.",
    "The Deployment drops `replicas`, and Kubernetes may run 1 pod until the HPA's first sync, about 15 s (docs/kubernetes.md, Notes for review): do it off-peak.",
  ],
  change(ctx) {
    const on = onOff(ctx.words[0], "autoscaling <app> on|off");
    const app = ctx.target.id;
    const ns = namespaceOf(ctx);
    if (on) {
      if (ctx.options.replicas !== undefined) throw new OpsError("--replicas applies to `off` only: with the HPA on, it decides the count", "autoscaling");
      return autoscalingOn(ctx, ns);
    }
    const floor = at(ctx.config, [...ctx.target.path, "autoscaling", "minReplicas"]);
    const replicas = intOption(ctx, "replicas") ?? (typeof floor === "number" ? floor : undefined);
    if (replicas === undefined) throw new OpsError("how many pods while the HPA is off? give --replicas N", "autoscaling");
    return {
      edits: [
        { path: [...ctx.target.path, "autoscaling", "enabled"], value: false },
        { path: [...ctx.target.path, "replicas"], value: replicas, after: "autoscaling" },
      ],
      replaces: [
        {
          runbook: "003",
          section: "3. Scale Application › Temporarily disable auto-scaling",
          command: `kubectl delete hpa ${app}-hpa -n ${ns} && kubectl scale deployment ${app} --replicas=${replicas} -n ${ns}`,
        },
      ],
    };
  },
};

export const scaling: Family = { name: "scaling", procedures: [scaleCloudRun, scaleKubernetes, autoscaling] };

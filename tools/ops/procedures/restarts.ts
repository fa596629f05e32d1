import { composeName, gcpRegion, minuteToken, namespaceOf, stringOption } from "../config";
import { Family, Procedure, ProcedureContext, RunbookRef } from "../procedure";

/**
 * Restarts are a new restart token: Cloud Run rolls a new revision, Kubernetes rolls the pods,
 * Docker recreates the container, Vercel builds production again. The token defaults to the current
 * minute, so the same command twice in a minute is one restart.
 */

function restartRef(ctx: ProcedureContext): RunbookRef {
  const { kind, id } = ctx.target;
  if (kind === "cloud-run") {
    return {
      runbook: "001",
      section: "Common Fixes › Restart Service (and 000 › MongoDB Connection Failed, step 5)",
      command: `gcloud run services update ${id} --region=${gcpRegion(ctx)} --update-env-vars=RESTART=$(date +%s)`,
    };
  }
  if (kind === "kubernetes") {
    return {
      runbook: "003",
      section: "4. Restart Application › Rolling restart (also Force restart all pods)",
      command: `kubectl rollout restart deployment/${id} -n ${namespaceOf(ctx)}`,
    };
  }
  if (kind === "vercel")
    return { runbook: "002", section: "Common Issues & Fixes › API 500 Errors (Restart function instances)", command: "vercel redeploy --force" };
  return {
    runbook: "004",
    section: "Common Issues and Fixes (Connection Pool Exhausted, S3 Upload Failures, ...)",
    command: `docker-compose restart ${composeName(ctx)}`,
  };
}

const restart: Procedure = {
  name: "restart",
  kinds: ["cloud-run", "kubernetes", "docker", "vercel"],
  synopsis: "restart <service|app|container|project>... [--token <value>]",
  summary: "a rolling restart (restartToken; Vercel: production.redeployToken)",
  options: { token: { takesValue: true, help: "the new token (default: the current minute, 2025-11-22T03-10)" } },
  manyTargets: true,
  examples: [
    "restart mixillo-backend --stack prod",
    "restart merchant-backend --stack prod",
    "restart mixillo-backend merchant-backend --stack prod   # both, in one edit",
    "restart backend --stack prod   # spilttea-backend",
    "restart fixzit --stack prod   # vercel redeploy --force",
  ],
  notes: ["Docker cannot restart in place through Pulumi: the container is recreated (its volumes stay)."],
  change(ctx) {
    const token = stringOption(ctx, "token") ?? minuteToken(ctx.now);
    const key = ctx.target.kind === "vercel" ? ["production", "redeployToken"] : ["restartToken"];
    return {
      edits: [{ path: [...ctx.target.path, ...key], value: token }],
      replaces: [restartRef(ctx)],
      alreadySo: `${key.join(".")} is already ${token}: restarted this minute; give --token <new value> to restart again`,
    };
  },
};

export const restarts: Family = { name: "restarts", procedures: [restart] };

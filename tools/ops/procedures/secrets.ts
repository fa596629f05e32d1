import { at, dayToken, stringOption } from "../config";
import { OpsError } from "../errors";
import { mapTargets } from "../kinds";
import { Family, Procedure, ProcedureContext, RunbookRef } from "../procedure";
import { DbUserKind } from "./atlas";

/** Secret Manager secrets the platform generates: a new rotation key is a new value and version. */

export const SecretKind = {
  name: "secret",
  noun: "secret",
  list: (config: Record<string, unknown>) => mapTargets("secret", ["platform:secrets"], config),
};

function rotateRef(ctx: ProcedureContext): RunbookRef {
  const id = ctx.target.id;
  const product = at(ctx.config, [...ctx.target.path, "product"]);
  if (product === "rez")
    return {
      runbook: "003",
      section: "5. Update Environment Variables (edit db-secrets, restart to pick them up)",
      command: "kubectl edit secret db-secrets -n production && kubectl rollout restart deployment/merchant-backend -n production",
    };
  if (product === "spilttea")
    return {
      runbook: "004",
      section: "Security Incident Response › Mitigation (Rotate JWT secret) / Exposed Secrets",
      command: `vim backend/.env (${id.replace(/^SPILTTEA_/, "")}=<new>) && docker-compose down && docker-compose up -d`,
    };
  return {
    runbook: "000",
    section: "Security Procedures › Rotating Secrets",
    command: `openssl rand -base64 64 | gcloud secrets versions add ${id} --data-file=- && gcloud run deploy mixillo-backend --source .`,
  };
}

/** The Atlas user (`cluster/user`) whose connection string the platform writes into a secret, if any. */
function atlasWriter(config: Record<string, unknown>, secretId: string): string | undefined {
  return DbUserKind.list(config).find((user) => at(config, [...user.path, "connectionStringSecret"]) === secretId)?.id;
}

const rotate: Procedure = {
  name: "rotate",
  kinds: ["secret"],
  synopsis: "rotate <SECRET>... [--key <rotation key>]",
  summary: "a generated secret's new value and version (platform:secrets.<id>.generate.rotation); its readers roll",
  options: { key: { takesValue: true, help: "the new rotation key (default: today, 2025-11-22)" } },
  manyTargets: true,
  examples: ["rotate JWT_SECRET JWT_REFRESH_SECRET --stack prod", "rotate REZ_JWT_SECRET --key 2025-11-22-incident --stack prod"],
  notes: [
    "Users signed in with the old JWT secret log in again.",
    "External secrets (no generate:) get versions from their owner: gcloud secrets versions add <id> ..., then `restart` the readers.",
  ],
  change(ctx) {
    const id = ctx.target.id;
    const writer = atlasWriter(ctx.config, id);
    if (writer)
      throw new OpsError(
        `${id} holds the connection string of the Atlas database user ${writer}: rotate its password instead (\`rotate ${writer}\`), which writes a new version of ${id}`,
      );
    if (at(ctx.config, [...ctx.target.path, "generate"]) === undefined) {
      throw new OpsError(
        `${id} is an external secret (no generate: in ${ctx.file}): its value comes from its owner. Add a version with \`printf %s "$VALUE" | gcloud secrets versions add ${id} --data-file=-\`, then restart its readers (\`restart <service>\`)`,
      );
    }
    const key = stringOption(ctx, "key") ?? dayToken(ctx.now);
    return {
      edits: [{ path: [...ctx.target.path, "generate", "rotation"], value: key }],
      replaces: [rotateRef(ctx)],
      alreadySo: `${id} was already rotated with key ${key}; give --key <another value> to rotate it again`,
    };
  },
};

export const secrets: Family = { name: "secrets", kinds: [SecretKind], procedures: [rotate] };

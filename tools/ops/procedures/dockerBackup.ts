import { at, intOption, stringOption } from "../config";
import { OpsError } from "../errors";
import { Family, Procedure, TargetKind } from "../procedure";
import { Edit } from "../yamlEdit";

/** Runbook 004's backup crontab: `pg_dump | gzip` on a schedule, dumps older than N days deleted. */

const Base = ["platform:docker", "backup"];

/** The Docker host's backup job, known by its container name (spilttea-backup) or by the product. */
export const DockerBackupKind: TargetKind = {
  name: "docker-backup",
  noun: "Docker backup job",
  list: (config) => {
    const name = at(config, [...Base, "name"]);
    if (typeof name !== "string") return [];
    const product = at(config, ["platform:docker", "product"]);
    return [{ kind: "docker-backup", id: name, aliases: typeof product === "string" ? [product] : [], path: Base }];
  },
};

const backup: Procedure = {
  name: "backup",
  kinds: ["docker-backup"],
  synopsis: 'backup <job> [--schedule "<cron>"] [--timezone <zone>] [--retention-days N]',
  summary: "when the nightly pg_dump runs and how many days of dumps are kept (platform:docker.backup.schedule, timezone, retentionDays)",
  options: {
    schedule: { takesValue: true, help: 'five-field cron expression, e.g. "0 3 * * *"' },
    timezone: { takesValue: true, help: "IANA time zone of the schedule (UTC, Europe/London)" },
    "retention-days": { takesValue: true, help: "dumps older than this many days are deleted after each run" },
  },
  examples: ["backup spilttea --retention-days 14 --stack prod", 'backup spilttea --schedule "30 1 * * *" --stack prod'],
  change(ctx) {
    const [schedule, timezone, days] = [stringOption(ctx, "schedule"), stringOption(ctx, "timezone"), intOption(ctx, "retention-days")];
    if (schedule === undefined && timezone === undefined && days === undefined) throw new OpsError("give --schedule, --timezone or --retention-days", "backup");
    const edits: Edit[] = [];
    if (schedule !== undefined) edits.push({ path: [...Base, "schedule"], value: schedule });
    if (timezone !== undefined) edits.push({ path: [...Base, "timezone"], value: timezone });
    if (days !== undefined) edits.push({ path: [...Base, "retentionDays"], value: days });
    const cron = schedule ?? String(at(ctx.config, [...Base, "schedule"]));
    const keep = days ?? Number(at(ctx.config, [...Base, "retentionDays"]));
    return {
      edits,
      replaces: [
        {
          runbook: "004",
          section: "Backup Procedures › Automated Backup (Recommended)",
          command: `crontab -e: ${cron} ... pg_dump ... | gzip > backups/backup_$(date +%Y%m%d).sql.gz; find backups -name "backup_*.sql.gz" -mtime +${keep} -delete`,
        },
      ],
    };
  },
};

export const dockerBackup: Family = { name: "docker-backup", kinds: [DockerBackupKind], procedures: [backup] };

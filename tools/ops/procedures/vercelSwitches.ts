import { keysAt, onOff, stringOption } from "../config";
import { OpsError } from "../errors";
import { Config, Family, Procedure, Target, TargetKind } from "../procedure";
import { Edit } from "../yamlEdit";

/** Runbook 002's switches of a Vercel project: maintenance mode and feature flags (env vars). */

const projects = (config: Config) => keysAt(config, ["platform:vercel", "projects"]);

/**
 * A flag is known by its env var name (FEATURE_NEW_DASHBOARD), by the name the app's admin API uses
 * (new_dashboard), and by `<project>/<FLAG>` when two projects have it.
 */
export const FlagKind: TargetKind = {
  name: "flag",
  noun: "feature flag",
  list: (config) => {
    const all = projects(config).flatMap((project) => keysAt(config, ["platform:vercel", "projects", project, "flags"]).map((flag) => ({ project, flag })));
    const shared = (flag: string) => all.filter((f) => f.flag === flag).length > 1;
    return all.map(({ project, flag }): Target => ({
      kind: "flag",
      id: shared(flag) ? `${project}/${flag}` : flag,
      aliases: [flag, `${project}/${flag}`, flag.replace(/^FEATURE_/, "").toLowerCase()],
      path: ["platform:vercel", "projects", project, "flags", flag],
    }));
  },
};

const maintenance: Procedure = {
  name: "maintenance",
  kinds: ["vercel"],
  synopsis: "maintenance <project> on|off [--message <text>]",
  summary: "maintenance mode (maintenance.enabled, maintenance.message); production is rebuilt",
  options: { message: { takesValue: true, help: "the banner (MAINTENANCE_MESSAGE); kept while on, removed with off" } },
  words: { usage: "on|off", max: 1 },
  examples: ['maintenance fixzit on --message "Scheduled maintenance until 10:00 AM GMT" --stack prod', "maintenance fixzit off --stack prod"],
  change(ctx) {
    const on = onOff(ctx.words[0], "maintenance <project> on|off");
    const base = [...ctx.target.path, "maintenance"];
    const message = stringOption(ctx, "message");
    if (!on) {
      if (message !== undefined) throw new OpsError("--message goes with `on`: off removes the message", "maintenance");
      const exists = keysAt(ctx.config, base).length > 0;
      const edits: Edit[] = exists
        ? [
            { path: [...base, "enabled"], value: false },
            { path: [...base, "message"], remove: true },
          ]
        : [];
      return {
        edits,
        replaces: [
          {
            runbook: "002",
            section: "Maintenance Windows › Maintenance Mode (Disable)",
            command: "vercel env rm MAINTENANCE_MODE && vercel env rm MAINTENANCE_MESSAGE && vercel redeploy",
          },
        ],
      };
    }
    const edits: Edit[] = [{ path: [...base, "enabled"], value: true }];
    if (message !== undefined) edits.push({ path: [...base, "message"], value: message });
    const command = `vercel env add MAINTENANCE_MODE true${message !== undefined ? ` && vercel env add MAINTENANCE_MESSAGE ${JSON.stringify(message)}` : ""} && vercel redeploy`;
    return { edits, replaces: [{ runbook: "002", section: "Maintenance Windows › Maintenance Mode (Enable; also Database Rollback, step 1)", command }] };
  },
};

const flag: Procedure = {
  name: "flag",
  kinds: ["flag"],
  synopsis: "flag <FLAG> on|off",
  summary: "a feature flag of a Vercel project (flags.<FLAG>: enabled|disabled); production is rebuilt",
  options: {},
  words: { usage: "on|off", max: 1 },
  examples: ["flag FEATURE_NEW_DASHBOARD off --stack prod", "flag new_dashboard on --stack prod"],
  notes: ["A new flag is a change of the app and its stack file, not an on-call switch: add it by hand."],
  change(ctx) {
    const on = onOff(ctx.words[0], "flag <FLAG> on|off");
    const value = on ? "enabled" : "disabled";
    const name = ctx.target.id;
    return {
      edits: [{ path: ctx.target.path, value }],
      replaces: [{ runbook: "002", section: "Rollback Procedures › Feature Flag Rollback", command: `vercel env add ${name} ${value}` }],
    };
  },
};

export const vercelSwitches: Family = { name: "vercel switches", kinds: [FlagKind], procedures: [maintenance, flag] };

import { at, dayToken, intOption, keysAt, stringOption } from "../config";
import { OpsError } from "../errors";
import { mapTargets } from "../kinds";
import { Config, Family, Procedure, Target, TargetKind } from "../procedure";
import { tierRank } from "../../../stacks/validate/rules/atlas";
import { Edit } from "../yamlEdit";

/** MongoDB Atlas (platform:atlas): tiers, snapshots, the access list and database passwords. */

const Atlas = "platform:atlas";

export const AtlasClusterKind: TargetKind = {
  name: "atlas-cluster",
  noun: "Atlas cluster",
  list: (config) => mapTargets("atlas-cluster", [Atlas, "clusters"], config),
};

export const AtlasProjectKind: TargetKind = {
  name: "atlas-project",
  noun: "Atlas project",
  list: (config) => mapTargets("atlas-project", [Atlas, "projects"], config),
};

/** `mixillo/mixillo-backend`, also known by the user's name alone when that is unique. */
export const DbUserKind: TargetKind = {
  name: "db-user",
  noun: "Atlas database user",
  list: (config: Config): Target[] =>
    keysAt(config, [Atlas, "clusters"]).flatMap((cluster) =>
      keysAt(config, [Atlas, "clusters", cluster, "users"]).map((user) => ({
        kind: "db-user",
        id: `${cluster}/${user}`,
        aliases: [user],
        path: [Atlas, "clusters", cluster, "users", user],
      })),
    ),
};

const Tier = /^M[0-9]+$/;
function tierOption(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !Tier.test(value.toUpperCase()))
    throw new OpsError(`--${flag}: expected an Atlas tier such as M30, found ${JSON.stringify(value)}`);
  return value?.toUpperCase();
}

/** The cluster's scaling keys as the stack file has them (disk auto-scaling on unless it says false, as in the spec). */
function scalingOf(config: Config, path: string[]) {
  const compute = at(config, [...path, "autoScaling", "compute"]) as { min?: string; max?: string } | undefined;
  return {
    size: String(at(config, [...path, "instanceSize"])),
    compute: compute && typeof compute === "object" ? { min: String(compute.min), max: String(compute.max) } : undefined,
    disk: at(config, [...path, "autoScaling", "disk"]) !== false,
    paused: at(config, [...path, "autoScaling", "pausedForResize"]) === true,
  };
}

/**
 * The cluster has `useEffectiveFields` (components/atlas/cluster.ts). While compute or disk auto-scaling
 * is on, Atlas ignores a new `instanceSize` ("echoes these values back in state while continuing to use
 * auto-scaled values"), and it checks a new range against the tier it runs, so raising the floor above
 * it or lowering the ceiling below it fails the update, even with `instanceSize` changed in the same
 * one (terraform-provider-mongodbatlas docs/resources/advanced_cluster.md, "Manually Updating Specs
 * with use_effective_fields" and "Adjusting the Auto-Scaling Range with use_effective_fields", v2.16.0;
 * the same text in @pulumi/mongodbatlas 4.16.0 advancedCluster.d.ts). So `--size` is the docs' two
 * steps: this edit sets the tier and pauses auto-scaling (`autoScaling.pausedForResize`) for its
 * `pulumi up`; `--finish`, after that, turns auto-scaling back on from the new tier.
 */
const dbScale: Procedure = {
  name: "db-scale",
  kinds: ["atlas-cluster"],
  synopsis: "db-scale <cluster> [--size M50] [--min M30 --max M60 | --fixed] | --finish",
  summary:
    "an Atlas cluster's tier and compute auto-scaling range. Atlas ignores a new tier while it auto-scales, so --size also pauses auto-scaling: " +
    "its `pulumi up` moves the cluster to that tier, and `--finish` (the next one) resumes auto-scaling from there; widening the range needs no resize " +
    "(platform:atlas.clusters.<c>.instanceSize, autoScaling.compute, autoScaling.pausedForResize)",
  options: {
    size: { takesValue: true, help: "the tier Atlas moves the cluster to now (M10 … M700), within the auto-scaling range; pauses auto-scaling until --finish" },
    min: { takesValue: true, help: "the auto-scaling floor (raising it needs --size: Atlas refuses a range without the tier it runs)" },
    max: { takesValue: true, help: "the auto-scaling ceiling (lowering it needs --size, as for --min)" },
    fixed: { takesValue: false, help: "turn compute auto-scaling off: Atlas keeps the tier it runs, or moves to --size" },
    finish: { takesValue: false, help: "after the resize's `pulumi up`: turn auto-scaling back on (removes autoScaling.pausedForResize)" },
  },
  examples: [
    "db-scale fixzit --size M50 --stack prod",
    "db-scale fixzit --finish --stack prod   # after the pulumi up of the --size",
    "db-scale fixzit --min M30 --max M60 --stack prod",
    "db-scale rez --min M40 --max M60 --size M40 --stack prod",
    "db-scale rez --size M30 --fixed --stack staging",
  ],
  notes: [
    "Atlas resizes a replica set one node at a time (a rolling change, no downtime); the spec refuses a size outside the range.",
    "With auto-scaling on, a resize is two `pulumi up`s: the first with auto-scaling paused (compute and disk) moves the tier, the second (--finish) resumes it; --finish before the first is applied would leave Atlas on its old tier.",
    "Disk auto-scaling can only pause while the cluster's oplogMinRetentionHours is 0 (the platform does not set it), or Atlas answers OPLOG_MIN_RETENTION_HOURS_NO_DISK_AUTO_SCALING.",
  ],
  change(ctx) {
    const size = tierOption(stringOption(ctx, "size"), "size");
    const min = tierOption(stringOption(ctx, "min"), "min");
    const max = tierOption(stringOption(ctx, "max"), "max");
    const fixed = ctx.options.fixed === true;
    const path = ctx.target.path;
    const id = ctx.target.id;
    const before = scalingOf(ctx.config, path);
    const replaces = (what: string, here: string) => [
      { runbook: "002", section: "Scaling Operations › Database Scaling", command: `MongoDB Atlas: Cluster ${id} > Configuration > ${what} (here: ${here})` },
    ];

    if (ctx.options.finish === true) {
      if (size || min || max || fixed)
        throw new OpsError("--finish turns auto-scaling back on after a resize: give it alone, then change the tier or the range", "db-scale");
      if (!before.paused)
        return {
          edits: [],
          replaces: replaces("Auto-scale on", "nothing to resume"),
          alreadySo: `${id} has no resize under way (no autoScaling.pausedForResize in ${ctx.file})`,
        };
      const resumes = [before.compute && `compute within ${before.compute.min}-${before.compute.max}`, before.disk && "disk"].filter(Boolean).join(" and ");
      return {
        edits: [{ path: [...path, "autoScaling", "pausedForResize"], remove: true }],
        replaces: replaces(
          "Auto-scale on",
          resumes
            ? `Atlas auto-scales ${id} again (${resumes}), from the tier the resize moved it to (${before.size})`
            : `${id} declares no auto-scaling to resume`,
        ),
      };
    }
    if (fixed && (min || max)) throw new OpsError("--fixed turns auto-scaling off: give --size, not --min/--max");
    if (!size && !min && !max && !fixed) throw new OpsError("what to change? give --size, --min/--max, --fixed or --finish");

    const after = {
      compute: fixed ? undefined : before.compute || min || max ? { min: min ?? before.compute?.min, max: max ?? before.compute?.max } : undefined,
      disk: before.disk,
    };
    const ordered = after.compute?.min !== undefined && after.compute.max !== undefined && tierRank(after.compute.min) <= tierRank(after.compute.max);
    // Where Atlas may be now: anywhere in the range, or exactly instanceSize once a paused resize is applied.
    const narrowed =
      !before.paused &&
      before.compute &&
      after.compute &&
      ordered &&
      (tierRank(after.compute.min!) > tierRank(before.compute.min) || tierRank(after.compute.max!) < tierRank(before.compute.max));
    if (narrowed && !size) {
      throw new OpsError(
        `the new range ${after.compute!.min}-${after.compute!.max} may leave out the tier Atlas runs ${id} on now (it auto-scales within ${before.compute!.min}-${before.compute!.max}), ` +
          `and Atlas then refuses the update; give the tier to run too, within the new range (e.g. \`db-scale ${id} --min ${after.compute!.min} --max ${after.compute!.max} --size ${after.compute!.min}\`): ` +
          `Atlas is moved to it with auto-scaling paused, and \`db-scale ${id} --finish\` applies the range`,
        "db-scale",
      );
    }
    // Atlas applies instanceSize only in an update that leaves compute and disk auto-scaling both off
    // (the docs' step 1 turns them off in the same update): otherwise it takes a pause.
    const resize = size !== undefined && (after.compute !== undefined || after.disk);

    const edits: Edit[] = [];
    if (size) edits.push({ path: [...path, "instanceSize"], value: size });
    if (min) edits.push({ path: [...path, "autoScaling", "compute", "min"], value: min });
    if (max) edits.push({ path: [...path, "autoScaling", "compute", "max"], value: max });
    if (fixed) edits.push({ path: [...path, "autoScaling", "compute"], remove: true });
    if (resize) edits.push({ path: [...path, "autoScaling", "pausedForResize"], value: true });

    const range = after.compute ? `${after.compute.min ?? "…"}-${after.compute.max ?? "…"}` : undefined;
    const what = [size && `Scale to ${size}`, (min || max) && `Auto-scale ${min ?? "…"}-${max ?? "…"}`, fixed && "Auto-scale off"].filter(Boolean).join("; ");
    const paused = [after.compute && "compute", after.disk && "disk"].filter(Boolean).join(" and ");
    const resumes = [range && `compute auto-scaling within ${range}`, after.disk && "disk auto-scaling"].filter(Boolean).join(" and ");
    const here = resize
      ? `this \`pulumi up\` pauses ${paused} auto-scaling so that Atlas moves ${id} to ${size}; after it, \`db-scale ${id} --finish\` resumes ${resumes} from ${size}`
      : size
        ? `Atlas moves ${id} to ${size}; nothing auto-scales it`
        : fixed
          ? `Atlas stops auto-scaling ${id}'s tier and keeps the one it runs now (instanceSize ${before.size} applies only with --size)`
          : `Atlas auto-scales ${id} within ${range}, from the tier it runs now`;
    return {
      edits,
      replaces: replaces(what, here),
      alreadySo: before.paused
        ? `${id} is already declared so, auto-scaling paused for the resize to ${before.size}; after its \`pulumi up\`, \`db-scale ${id} --finish\` resumes auto-scaling`
        : `${id} is already so in ${ctx.file}`,
    };
  },
};

const snapshot: Procedure = {
  name: "snapshot",
  kinds: ["atlas-cluster"],
  synopsis: "snapshot <cluster> [--name <name>] [--description <text>] [--retention-days N]",
  summary: "an on-demand snapshot before a maintenance, taken at the next `pulumi up` (platform:atlas.clusters.<c>.backup.snapshots.<name>)",
  options: {
    name: { takesValue: true, help: "the snapshot's name (default: pre-maintenance-<today>)" },
    description: { takesValue: true, help: "why it is taken (default: Pre-deployment backup, as in runbook 000)" },
    "retention-days": { takesValue: true, help: "days Atlas keeps it (default 7)" },
  },
  examples: [
    "snapshot mixillo --stack prod",
    "snapshot fixzit --name before-index-migration --description 'Before the index migration' --retention-days 14 --stack prod",
  ],
  notes: ["The snapshot expires by itself; its entry may be removed after the `pulumi up` that takes it (the snapshot is kept)."],
  change(ctx) {
    const name = stringOption(ctx, "name") ?? `pre-maintenance-${dayToken(ctx.now)}`;
    const days = intOption(ctx, "retention-days");
    const description = stringOption(ctx, "description") ?? "Pre-deployment backup";
    const path = [...ctx.target.path, "backup", "snapshots", name];
    const edits: Edit[] = [{ path: [...path, "description"], value: description }];
    if (days !== undefined) edits.push({ path: [...path, "retentionDays"], value: days });
    const project = at(ctx.config, [...ctx.target.path, "project"]);
    return {
      edits,
      replaces: [
        {
          runbook: "000",
          section: "Backup & Recovery › Manual Backup (Create On-Demand Backup)",
          command: `curl --digest --request POST "https://cloud.mongodb.com/api/atlas/v1.0/groups/<${String(project)} project id>/clusters/${ctx.target.id}/backup/snapshots" --data '{"description": "${description}", "retentionInDays": ${days ?? 7}}'`,
        },
      ],
      alreadySo: `the snapshot ${name} of ${ctx.target.id} is already declared; give --name <another name> for another one`,
    };
  },
};

/** `203.0.113.7` → `203.0.113.7/32`: Atlas's access list takes ranges. */
function cidrOf(word: string | undefined, usage: string): string {
  if (word === undefined) throw new OpsError(`which address? ${usage}`);
  if (word.includes("/")) return word;
  return word.includes(":") ? `${word}/128` : `${word}/32`;
}

const access: Procedure = {
  name: "access",
  kinds: ["atlas-project"],
  synopsis: "access <project> add <address|CIDR> --comment <who connects> | access <project> remove <address|CIDR> [--allow-empty]",
  summary: "an Atlas project's IP access list (platform:atlas.projects.<p>.access)",
  options: {
    comment: { takesValue: true, help: "who connects from there (shown in Atlas's Network Access page); required to add" },
    "allow-empty": { takesValue: false, help: "remove the last address too: nothing can connect to the project's clusters any more" },
  },
  words: { usage: "add|remove <address|CIDR>", max: 2 },
  examples: ["access rez add 198.51.100.7 --comment 'Office VPN for the on-call DBA' --stack prod", "access rez remove 198.51.100.7/32 --stack prod"],
  notes: [
    "Never 0.0.0.0/0 in prod (runbook 001's advice): the spec refuses it; name the egress addresses that connect.",
    "Removing the last address cuts every service off the project's databases: it needs --allow-empty, and leaves `access: {}`.",
  ],
  change(ctx) {
    const usage = "access <project> add <address|CIDR> --comment <text> | remove <address|CIDR>";
    const [verb, address] = ctx.words;
    const cidr = cidrOf(address, usage);
    const path = [...ctx.target.path, "access", cidr];
    const replaces = [
      {
        runbook: "001",
        section: "P0 › MongoDB Connection Lost (2. Verify IP whitelist)",
        command: `MongoDB Atlas > ${ctx.target.id} > Network Access > ${verb === "remove" ? "Delete" : "Add IP Address"} ${cidr}`,
      },
    ];
    if (verb === "add") {
      const comment = stringOption(ctx, "comment");
      if (!comment) throw new OpsError(`--comment: say who connects from ${cidr} (Atlas shows it in Network Access)`);
      return { edits: [{ path, value: comment }], replaces, alreadySo: `${cidr} is already on ${ctx.target.id}'s access list with that comment` };
    }
    if (verb === "remove") {
      const listed = keysAt(ctx.config, [...ctx.target.path, "access"]);
      if (at(ctx.config, path) === undefined) {
        return { edits: [], replaces, alreadySo: `${cidr} is not on ${ctx.target.id}'s access list${listed.length ? ` (it lists ${listed.join(", ")})` : ""}` };
      }
      if (listed.length > 1) return { edits: [{ path, remove: true }], replaces };
      if (ctx.options["allow-empty"] !== true) {
        throw new OpsError(
          `${cidr} is the last address on ${ctx.target.id}'s access list: without it nothing can connect to the project's clusters (${clustersOf(ctx.config, ctx.target.id).join(", ") || "none declared"}). ` +
            `Add the address that replaces it first (\`access ${ctx.target.id} add <address> --comment ...\`), or give --allow-empty if that is what you want`,
          "access",
        );
      }
      return {
        edits: [{ path, remove: true, keepEmptyMap: true }],
        replaces,
        notes: [`${ctx.target.id}'s access list is now empty (access: {}): nothing connects to its clusters until an address is added`],
      };
    }
    throw new OpsError(verb === undefined ? `add or remove? ${usage}` : `expected add or remove, found ${JSON.stringify(verb)}: ${usage}`);
  },
};

/** The clusters of an Atlas project, for the message that says who loses access. */
const clustersOf = (config: Config, project: string) =>
  keysAt(config, [Atlas, "clusters"]).filter((c) => at(config, [Atlas, "clusters", c, "project"]) === project);

const rotateUser: Procedure = {
  name: "rotate",
  kinds: ["db-user"],
  synopsis: "rotate <cluster>/<user> [--key <rotation key>] | --finish",
  summary:
    "a new Atlas user and password for a service; its connection string secret switches to it and its readers roll, the old user stays until --finish (platform:atlas.clusters.<c>.users.<u>.rotation, previousRotation)",
  options: {
    key: { takesValue: true, help: "the new rotation key, part of the new user's name (default: today)" },
    finish: { takesValue: false, help: "delete the previous user (previousRotation), once every reader uses the new connection string" },
  },
  examples: [
    "rotate mixillo/mixillo-backend --stack prod",
    "rotate mixillo/mixillo-backend --finish --stack prod   # after the new revision is serving",
    "rotate merchant-backend --kind db-user --key 2025-11-22-incident --stack prod",
  ],
  notes: [
    "Two steps, as the runbook's: the first `pulumi up` creates the new user and rolls the readers while the old user keeps working; the second deletes the old user.",
    "After a leak, apply the --finish as soon as the readers have rolled: until then the old password still logs in.",
  ],
  change(ctx) {
    const path = ctx.target.path;
    const [current, previous] = [at(ctx.config, [...path, "rotation"]), at(ctx.config, [...path, "previousRotation"])];
    if (ctx.options.finish === true) {
      if (ctx.options.key !== undefined) throw new OpsError("--finish deletes the previous user; --key starts a new rotation: one at a time", "rotate");
      if (previous === undefined) return { edits: [], replaces: [], alreadySo: `${ctx.target.id} has no previous user to delete` };
      return {
        edits: [{ path: [...path, "previousRotation"], remove: true }],
        replaces: [
          {
            runbook: "000",
            section: "Security Procedures › Rotate MongoDB Password, step 5",
            command: `delete the old user in Atlas (Security > Database Access): ${ctx.target.id.split("/")[1]}-${String(previous)}`,
          },
        ],
      };
    }
    const key = stringOption(ctx, "key") ?? dayToken(ctx.now);
    if (key === current)
      return { edits: [], replaces: [], alreadySo: `${ctx.target.id} was already rotated with key ${key}; give --key <another value> to rotate it again` };
    if (previous !== undefined) {
      const why = `the user of key ${String(previous)} is kept for the readers that have not rolled yet`;
      throw new OpsError(
        `${ctx.target.id} is still rotating: ${why}. Once they run with the new connection string, delete it with \`rotate ${ctx.target.id} --finish\`, then rotate again`,
      );
    }
    const secret = at(ctx.config, [...path, "connectionStringSecret"]);
    return {
      edits: [
        { path: [...path, "rotation"], value: key },
        { path: [...path, "previousRotation"], value: String(current), after: "rotation" },
      ],
      replaces: [
        {
          runbook: "000",
          section: "Security Procedures › Rotate MongoDB Password, steps 1-3",
          command: `create a new user in Atlas (Security > Database Access), gcloud run services update mixillo-backend --set-env-vars="MONGODB_URI=$NEW_URI" (here: ${String(secret)} gets the new user's connection string)`,
        },
      ],
    };
  },
};

export const atlas: Family = { name: "atlas", kinds: [AtlasClusterKind, AtlasProjectKind, DbUserKind], procedures: [dbScale, snapshot, access, rotateUser] };

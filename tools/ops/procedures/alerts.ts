import { TObject, TSchema } from "@sinclair/typebox";
import { FixzitMonitoring, MixilloMonitoring, RezMonitoring, SpiltTeaMonitoring } from "../../../stacks/schema/monitoring";
import { at, keysAt, stringOption } from "../config";
import { OpsError } from "../errors";
import { Config, Family, Procedure, ProcedureContext, RunbookRef, Target, TargetKind } from "../procedure";

/**
 * Alert policies under platform:monitoring: silence one for a maintenance window, raise a threshold
 * for a known event. Alerts exist by default (the runbooks' values), so they are listed from the
 * schema, for each product whose monitoring block the stack file has.
 */

interface ProductAlerts {
  schema: TObject;
  /** The service the alert policies are named after (`mixillo-backend-latency-p95`). */
  service: (block: Config) => string;
  runbook: string;
  section: string;
}

const str = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

const Products: Record<string, ProductAlerts> = {
  mixillo: { schema: MixilloMonitoring, service: (b) => str(b.cloudRunService, "mixillo-backend"), runbook: "000", section: "Monitoring & Alerting › Key Metrics to Monitor" },
  fixzit: { schema: FixzitMonitoring, service: (b) => str(b.vercelProject, "fixzit"), runbook: "002", section: "Monitoring & Alerts › Alert Thresholds (production)" },
  rez: { schema: RezMonitoring, service: (b) => str(b.kubernetesApp, "merchant-backend"), runbook: "003", section: "Monitoring & Alerts › Key Metrics to Monitor" },
  spilttea: { schema: SpiltTeaMonitoring, service: () => "spilttea-backend", runbook: "004", section: "Monitoring and Alerts › Key Metrics to Monitor" },
};

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const propertiesOf = (schema: TSchema | undefined): Record<string, TSchema> => ((schema as TObject | undefined)?.properties ?? {}) as Record<string, TSchema>;

/** The schema of the alert a target names (its keys say whether it has a threshold). */
function alertSchema(target: Target): TSchema | undefined {
  const [, product, group, key] = target.path;
  return propertiesOf(propertiesOf(Products[product]?.schema)[group])[key];
}

export const AlertKind: TargetKind = {
  name: "alert",
  noun: "alert",
  list: (config) =>
    keysAt(config, ["platform:monitoring"])
      .filter((product) => product in Products)
      .flatMap((product) => {
        const block = (at(config, ["platform:monitoring", product]) ?? {}) as Config;
        const service = Products[product].service(block);
        const base = ["platform:monitoring", product];
        const schema = propertiesOf(Products[product].schema);
        const alerts = Object.keys(propertiesOf(schema.alerts)).map((key): Target => ({
          kind: "alert",
          id: `${product}.${key}`,
          aliases: [key, `${service}-${kebab(key)}`],
          path: [...base, "alerts", key],
        }));
        // An SLO burn-rate setting governs two policies (availability and latency).
        const burns = Object.keys(propertiesOf(schema.slo))
          .filter((key) => key.endsWith("Burn"))
          .map((key): Target => ({
            kind: "alert",
            id: `${product}.${key}`,
            aliases: [key, ...["availability", "latency"].map((slo) => `${service}-slo-${slo}-${kebab(key)}`)],
            path: [...base, "slo", key],
          }));
        return [...alerts, ...burns];
      }),
};

function alertRef(ctx: ProcedureContext, command: string): RunbookRef {
  const product = Products[ctx.target.path[1]];
  return { runbook: product.runbook, section: product.section, command };
}

const policyName = (ctx: ProcedureContext) => ctx.target.aliases.find((a) => a.includes("-")) ?? ctx.target.id;

/** `--for 2h` from now, or `--until` as given (the spec checks its form). */
function silenceEnd(ctx: ProcedureContext): string {
  const until = stringOption(ctx, "until");
  const span = stringOption(ctx, "for");
  if (!until === !span) throw new OpsError("until when? give --until <ISO time with zone> or --for <duration such as 2h>", "silence");
  if (span !== undefined) {
    const m = /^([1-9][0-9]*)(m|h|d)$/.exec(span);
    if (!m) throw new OpsError(`--for: expected a duration such as 90m, 2h or 1d, found ${JSON.stringify(span)}`, "silence");
    const ms = Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "m" | "h" | "d"];
    return new Date(Math.ceil((ctx.now.getTime() + ms) / 60_000) * 60_000).toISOString().replace(/\.000Z$/, "Z");
  }
  const end = Date.parse(until!);
  if (!Number.isNaN(end) && end <= ctx.now.getTime()) throw new OpsError(`--until ${until} is in the past: a silence needs an end that is still ahead`, "silence");
  return until!;
}

const silence: Procedure = {
  name: "silence",
  kinds: ["alert"],
  synopsis: "silence <alert> --until <ISO time> | --for <duration> --reason <text>",
  summary: "disable one alert policy until a given time (alerts.<name>.silence: {until, reason})",
  options: {
    until: { takesValue: true, help: "the end, with its zone (2025-12-01T06:00:00Z); the alert comes back at the first `pulumi up` after it" },
    for: { takesValue: true, help: "instead of --until: a duration from now (90m, 2h, 1d)" },
    reason: { takesValue: true, help: "why (a ticket), shown in the policy's documentation" },
  },
  examples: ['silence mixillo.latencyP95 --until 2025-12-01T06:00:00Z --reason "Atlas M30 → M40 resize, OPS-142" --stack prod', 'silence merchant-backend-cpu-warning --for 2h --reason "load test" --stack prod'],
  change(ctx) {
    const reason = stringOption(ctx, "reason");
    if (!reason) throw new OpsError("why? give --reason <text> (a ticket or the maintenance window)", "silence");
    const until = silenceEnd(ctx);
    return {
      edits: [
        { path: [...ctx.target.path, "silence", "until"], value: until },
        { path: [...ctx.target.path, "silence", "reason"], value: reason },
      ],
      replaces: [alertRef(ctx, `gcloud alpha monitoring policies update <id of ${policyName(ctx)}> --no-enabled  (by hand, with no end)`)],
    };
  },
};

const unsilence: Procedure = {
  name: "unsilence",
  kinds: ["alert"],
  synopsis: "unsilence <alert>",
  summary: "enable a silenced alert again (removes alerts.<name>.silence)",
  options: {},
  examples: ["unsilence mixillo.latencyP95 --stack prod"],
  change(ctx) {
    return {
      edits: [{ path: [...ctx.target.path, "silence"], remove: true }],
      replaces: [alertRef(ctx, `gcloud alpha monitoring policies update <id of ${policyName(ctx)}> --enabled`)],
    };
  },
};

const threshold: Procedure = {
  name: "threshold",
  kinds: ["alert"],
  synopsis: "threshold <alert> <value> | --reset",
  summary: "raise or lower one alert's threshold (alerts.<name>.threshold); --reset goes back to the runbook's value",
  options: { reset: { takesValue: false, help: "remove the override: the runbook's value applies again" } },
  examples: ["threshold mixillo.requestRate 1500 --stack prod   # a known launch", "threshold mixillo.requestRate --reset --stack prod"],
  change(ctx) {
    const schema = propertiesOf(alertSchema(ctx.target));
    if (!("threshold" in schema)) {
      throw new OpsError(`${ctx.target.id} has no threshold (its keys: ${Object.keys(schema).join(", ")}); edit ${ctx.file} by hand, or \`silence\` it`);
    }
    const reset = ctx.options.reset === true;
    const word = ctx.words[0];
    if (reset === (word !== undefined)) throw new OpsError("give the new threshold, or --reset", "threshold");
    if (reset) return { edits: [{ path: [...ctx.target.path, "threshold"], remove: true }], replaces: [alertRef(ctx, `Cloud Monitoring console: edit ${policyName(ctx)}'s threshold back by hand`)] };
    const value = Number(word);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(word!) || !Number.isFinite(value)) throw new OpsError(`expected a number for the threshold, found ${JSON.stringify(word)}`, "threshold");
    return {
      edits: [{ path: [...ctx.target.path, "threshold"], value }],
      replaces: [alertRef(ctx, `Cloud Monitoring console: edit ${policyName(ctx)}'s threshold to ${value} by hand`)],
    };
  },
};

export const alerts: Family = { name: "alerts", kinds: [AlertKind], procedures: [silence, unsilence, threshold] };

import { hasThreshold, MetricId, MetricIds, metricOf } from "../../../components/monitoring/metrics";
import { at, keysAt, stringOption } from "../config";
import { OpsError } from "../errors";
import { Config, Family, Procedure, ProcedureContext, RunbookRef, Target, TargetKind } from "../procedure";

/**
 * Alerts under platform:monitoring.services: silence one for a maintenance window, raise a threshold
 * for a known event. An alert is `<service>.<alert>` (`mixillo-backend.latency-p95`); its policy's
 * name (`mixillo-backend-latency-p95`) and the ids of before issue 21 (`mixillo.latencyP95`, the
 * product and the key in camelCase) resolve to it too, for now.
 */

const Services = ["platform:monitoring", "services"];
const BurnKeys = ["fastBurn", "slowBurn"] as const;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const camel = (key: string) => key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The aliases of before issue 21: `<product>.<camelKey>` and the bare camelCase key. */
const oldIds = (product: string | undefined, key: string) => [...(product ? [`${product}.${key}`] : []), key];

export const AlertKind: TargetKind = {
  name: "alert",
  noun: "alert",
  list: (config) =>
    keysAt(config, Services).flatMap((service) => {
      const base = [...Services, service];
      const product = str(at(config, [...base, "product"]));
      const alerts = keysAt(config, [...base, "alerts"]).map((key): Target => ({
        kind: "alert",
        id: `${service}.${key}`,
        aliases: [...new Set([`${service}-${key}`, key, ...oldIds(product, camel(key))])],
        path: [...base, "alerts", key],
      }));
      // An SLO burn-rate setting governs two policies (availability and latency).
      const burns =
        at(config, [...base, "slo"]) === undefined
          ? []
          : BurnKeys.map((key): Target => ({
              kind: "alert",
              id: `${service}.slo.${key}`,
              aliases: [...oldIds(product, key), ...["availability", "latency"].map((slo) => `${service}-slo-${slo}-${kebab(key)}`)],
              path: [...base, "slo", key],
            }));
      return [...alerts, ...burns];
    }),
};

const serviceOf = (ctx: ProcedureContext) => ctx.target.path.slice(0, 3);
const isBurn = (ctx: ProcedureContext) => ctx.target.path[3] === "slo";

/** The alert's metric, as the stack file names it (a burn rate has none). */
function metricAt(config: Config, target: Target): MetricId | undefined {
  const metric = at(config, [...target.path, "metric"]);
  return MetricIds.find((id) => id === metric);
}

/** The runbook procedure the alert sends on-call to, from the stack file. */
function alertRef(ctx: ProcedureContext, command: string): RunbookRef {
  const runbookAt = isBurn(ctx) ? [...serviceOf(ctx), "slo", "runbook"] : [...ctx.target.path, "runbook"];
  const file = str(at(ctx.config, [...runbookAt, "file"])) ?? str(at(ctx.config, [...serviceOf(ctx), "runbook"])) ?? "";
  const section = str(at(ctx.config, [...runbookAt, "section"])) ?? "";
  return { runbook: /^([0-9]+)_/.exec(file)?.[1] ?? file, section, command };
}

const policyName = (ctx: ProcedureContext) => ctx.target.aliases.find((a) => a.startsWith(`${ctx.target.path[2]}-`)) ?? ctx.target.id;

/** Where the alert is edited by hand: the Cloud Monitoring policy, or the Sentry alert rule. */
function byHand(ctx: ProcedureContext, what: string): string {
  const metric = metricAt(ctx.config, ctx.target);
  return metric && metricOf(metric).source === "sentry"
    ? `Sentry › Alerts: edit ${policyName(ctx)}'s ${what} by hand`
    : `Cloud Monitoring console: edit ${policyName(ctx)}'s ${what} by hand`;
}

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
  if (!Number.isNaN(end) && end <= ctx.now.getTime())
    throw new OpsError(`--until ${until} is in the past: a silence needs an end that is still ahead`, "silence");
  return until!;
}

/**
 * GCP alert policies have no expiry: `enabled: false` lasts until a `pulumi up` after the end re-enables
 * it, which may be days later. Said with every silence, and again by every ops command once it ended.
 */
const silenceEnds = (until: string, alert: string, stack: string) =>
  `the alert does NOT come back by itself at ${until}: GCP has no expiry, so it stays disabled until the first \`pulumi up\` after that time, ` +
  `which may be days later. When the window ends, run \`npm run ops -- unsilence ${alert} --stack ${stack}\` and merge it (once it has ended, every ops command on ${stack} reminds you, until it is removed)`;

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
  examples: [
    'silence mixillo-backend.latency-p95 --until 2025-12-01T06:00:00Z --reason "Atlas M30 → M40 resize, OPS-142" --stack prod',
    'silence merchant-backend-cpu-warning --for 2h --reason "load test" --stack prod',
  ],
  notes: [silenceEnds("<the end>", "<alert>", "<stack>")],
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
      notes: [silenceEnds(until, ctx.target.id, ctx.stack)],
    };
  },
};

const unsilence: Procedure = {
  name: "unsilence",
  kinds: ["alert"],
  synopsis: "unsilence <alert>",
  summary: "enable a silenced alert again (removes alerts.<name>.silence)",
  options: {},
  examples: ["unsilence mixillo-backend.latency-p95 --stack prod"],
  change(ctx) {
    return {
      edits: [{ path: [...ctx.target.path, "silence"], remove: true }],
      replaces: [alertRef(ctx, `gcloud alpha monitoring policies update <id of ${policyName(ctx)}> --enabled`)],
    };
  },
};

/** Why an alert has no threshold to raise, in its own terms. */
function noThreshold(ctx: ProcedureContext): string | undefined {
  if (isBurn(ctx))
    return `${ctx.target.id} has no threshold (a burn rate: its keys are rate, longWindow, shortWindow); edit ${ctx.file} by hand, or \`silence\` it`;
  const metric = metricAt(ctx.config, ctx.target);
  if (metric && !hasThreshold(metric))
    return `${ctx.target.id} has no threshold (${metric} counts failing checker regions: its keys are failingRegions and failingFor); edit ${ctx.file} by hand, or \`silence\` it`;
  return undefined;
}

const threshold: Procedure = {
  name: "threshold",
  kinds: ["alert"],
  synopsis: "threshold <alert> <value> | --reset",
  summary: "raise or lower one alert's threshold (alerts.<name>.thresholdOverride); --reset goes back to the runbook's value",
  options: { reset: { takesValue: false, help: "remove the override: the runbook's value (alerts.<name>.threshold) applies again" } },
  words: { usage: "<value>", max: 1 },
  examples: ["threshold mixillo-backend.request-rate 1500 --stack prod   # a known launch", "threshold mixillo-backend.request-rate --reset --stack prod"],
  change(ctx) {
    const none = noThreshold(ctx);
    if (none) throw new OpsError(none);
    const reset = ctx.options.reset === true;
    const word = ctx.words[0];
    if (reset === (word !== undefined)) throw new OpsError("give the new threshold, or --reset", "threshold");
    const override = [...ctx.target.path, "thresholdOverride"];
    if (reset) return { edits: [{ path: override, remove: true }], replaces: [alertRef(ctx, byHand(ctx, "threshold back"))] };
    const value = Number(word);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(word!) || !Number.isFinite(value))
      throw new OpsError(`expected a number for the threshold, found ${JSON.stringify(word)}`, "threshold");
    return { edits: [{ path: override, value }], replaces: [alertRef(ctx, byHand(ctx, `threshold to ${value}`))] };
  },
};

export const alerts: Family = { name: "alerts", kinds: [AlertKind], procedures: [silence, unsilence, threshold] };

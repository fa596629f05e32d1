import { StackSpec } from "../../schema";
import { CheckerRegionNames } from "../../schema/monitoring";
import { suggestion } from "../closest";
import { entriesOf, Rule, RuleContext } from "./context";

export type MonitoringSpec = NonNullable<StackSpec["monitoring"]>;

const Monitoring = "platform:monitoring";
/** GCP evaluates conditions per minute and aligns over at most a day. */
const MaxSeconds = 86400;

/** "5m" → 300. */
export function seconds(duration: string): number {
  const amount = parseInt(duration, 10);
  return duration.endsWith("h") ? amount * 3600 : duration.endsWith("m") ? amount * 60 : amount;
}

type Path = (string | number)[];

export const monitoringRules: Rule = (ctx) => {
  const settings = ctx.config[Monitoring];
  if (!settings || !ctx.isSound([Monitoring])) return;
  const products = (["mixillo", "fixzit", "rez", "spilttea"] as const).filter((p) => settings[p] !== undefined);
  checkPaging(ctx, products);
  checkReferences(ctx, settings);
  for (const product of products) {
    checkDurations(ctx, settings[product], [Monitoring, product]);
    checkFailingRegions(ctx, settings[product]!, [Monitoring, product]);
  }
  checkOrder(ctx, settings);
  checkRezProbe(ctx, settings);
};

/** Every monitored product pages someone: its PagerDuty service under platform:oncall. */
function checkPaging(ctx: RuleContext, products: readonly string[]) {
  const services = Object.keys(ctx.config["platform:oncall"]?.services ?? {});
  for (const product of products) {
    if (!services.includes(product)) {
      ctx.report([Monitoring, product], `expected a PagerDuty service for ${product} under platform:oncall.services (its alerts must page someone), found none`);
    }
  }
}

function checkReferences(ctx: RuleContext, settings: MonitoringSpec) {
  const missing = (path: Path, what: string, found: string, known: string[]) =>
    ctx.report(path, `expected ${what}, found "${found}"${suggestion(found, known)}`);
  const { mixillo, fixzit, rez, slack } = settings;
  if (mixillo) {
    const services = Object.keys(ctx.config["platform:cloudRun"] ?? {});
    if (!services.includes(mixillo.cloudRunService)) missing([Monitoring, "mixillo", "cloudRunService"], "a service declared under platform:cloudRun", mixillo.cloudRunService, services);
  }
  if (fixzit) {
    const projects = ctx.config["platform:vercel"]?.projects ?? {};
    const project = projects[fixzit.vercelProject];
    if (!project) missing([Monitoring, "fixzit", "vercelProject"], "a project declared under platform:vercel.projects", fixzit.vercelProject, Object.keys(projects));
    else {
      const checks = Object.keys(project.healthChecks ?? {});
      for (const key of ["readyCheck", "dbCheck"] as const) {
        if (!checks.includes(fixzit[key])) missing([Monitoring, "fixzit", key], `a health check of platform:vercel.projects.${fixzit.vercelProject}.healthChecks`, fixzit[key], checks);
      }
    }
  }
  if (rez) {
    const apps = Object.keys(ctx.config["platform:kubernetes"]?.apps ?? {});
    if (!apps.includes(rez.kubernetesApp)) missing([Monitoring, "rez", "kubernetesApp"], "an app declared under platform:kubernetes.apps", rez.kubernetesApp, apps);
  }
  if (slack) {
    const secrets = Object.keys(ctx.config["platform:secrets"] ?? {});
    if (!secrets.includes(slack.tokenSecret)) missing([Monitoring, "slack", "tokenSecret"], "a secret declared under platform:secrets", slack.tokenSecret, secrets);
  }
}

/** Durations and windows GCP accepts: whole minutes, at most a day; a window is at least a minute. */
function checkDurations(ctx: RuleContext, node: unknown, path: Path) {
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === "object") checkDurations(ctx, value, [...path, key]);
    if (!["duration", "failingFor", "longWindow", "shortWindow"].includes(key) || typeof value !== "string") continue;
    const s = seconds(value);
    const minimum = key === "duration" || key === "failingFor" ? 0 : 60;
    if (s % 60 !== 0 || s < minimum || s > MaxSeconds) {
      const floor = minimum ? "from 1m" : "from 0s";
      ctx.report([...path, key], `expected a whole number of minutes ${floor} to 24h (GCP evaluates per minute), found ${value}`);
    }
  }
  const burn = node as { longWindow?: string; shortWindow?: string };
  if (typeof burn.longWindow === "string" && typeof burn.shortWindow === "string" && seconds(burn.shortWindow) >= seconds(burn.longWindow)) {
    ctx.report([...path, "shortWindow"], `expected shorter than longWindow (${burn.longWindow}), found ${burn.shortWindow}`);
  }
}

/**
 * An uptime alert can count no more failing regions than probe the check: `failingRegions: 4` of
 * three `checkerRegions` would never fire.
 */
function checkFailingRegions(ctx: RuleContext, product: { checkerRegions?: readonly string[]; alerts: Record<string, unknown> }, path: Path) {
  const regions = product.checkerRegions?.length ?? CheckerRegionNames.length;
  const where = product.checkerRegions ? `the ${regions} regions of ${[...path, "checkerRegions"].join(".")}` : `the ${regions} checker regions (checkerRegions unset: all of them)`;
  for (const [key, alert] of Object.entries(product.alerts)) {
    const failing = (alert as { failingRegions?: unknown }).failingRegions;
    if (typeof failing === "number" && failing > regions) {
      ctx.report([...path, "alerts", key, "failingRegions"], `expected at most ${where} that probe the check, found ${failing}`);
    }
  }
}

/**
 * REZ's probe reaches what the stack declares serves its host. Without a tlsTerminator it calls the
 * app's Service over HTTP on the Service's port (stacks/assemble/monitoring.ts), which the internet
 * reaches only as a LoadBalancer; a ClusterIP Service, or none, answers inside the cluster only.
 */
function checkRezProbe(ctx: RuleContext, settings: MonitoringSpec) {
  const rez = settings.rez;
  if (!rez || rez.tlsTerminator !== undefined || !ctx.isSound(["platform:kubernetes"])) return;
  const app = ctx.config["platform:kubernetes"]?.apps?.[rez.kubernetesApp];
  if (!app) return; // checkReferences named it
  const type = app.service?.type;
  if (type !== "LoadBalancer") {
    const service = `platform:kubernetes.apps.${rez.kubernetesApp}.service`;
    const found = type ? `${service}.type is ${type}, reachable only inside the cluster` : `${service} is not declared`;
    ctx.report(
      [Monitoring, "rez", "tlsTerminator"],
      `expected what terminates TLS for https://${rez.host} in front of ${rez.kubernetesApp}, or ${service}.type LoadBalancer for the uptime check to probe http://${rez.host}:${app.service?.port ?? 80}${rez.healthPath} itself, found neither (${found})`,
    );
  }
}

/** The escalated threshold of a pair lies beyond the first, or the pair pages in the wrong order. */
function checkOrder(ctx: RuleContext, settings: MonitoringSpec) {
  const pairs: [string, { threshold: number } | undefined, { threshold: number } | undefined, string, string][] = [
    ["mixillo", settings.mixillo?.alerts.errorRate, settings.mixillo?.alerts.errorRateHigh, "errorRate", "errorRateHigh"],
    ["rez", settings.rez?.alerts.cpuWarning, settings.rez?.alerts.cpuCritical, "cpuWarning", "cpuCritical"],
    ["rez", settings.rez?.alerts.memoryWarning, settings.rez?.alerts.memoryCritical, "memoryWarning", "memoryCritical"],
  ];
  for (const [product, low, high, lowKey, highKey] of pairs) {
    if (low && high && high.threshold <= low.threshold) {
      ctx.report([Monitoring, product, "alerts", highKey, "threshold"], `expected above ${lowKey}.threshold (${low.threshold}), found ${high.threshold}`);
    }
  }
}

export { entriesOf };

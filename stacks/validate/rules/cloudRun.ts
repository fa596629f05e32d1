import { CloudRunServiceSpec } from "../../schema";
import { suggestion } from "../closest";
import { entriesOf, Rule, RuleContext } from "./context";
import { gibibytes } from "../../../components/quantity";

const CloudRun = "platform:cloudRun";
const WholeCpus = [1, 2, 4, 6, 8];
/**
 * The memory Cloud Run takes with each whole CPU count, in GiB (docs: configuring/services/cpu): above
 * 4Gi needs 2 CPUs, above 8Gi 4, above 16Gi 6; and 4 CPUs need 2Gi, 6 or 8 CPUs 4Gi.
 */
const MemoryRangeGi: Record<number, [number, number]> = { 1: [0.125, 4], 2: [0.125, 8], 4: [2, 16], 6: [4, 24], 8: [4, 32] };

/** Below one CPU: more than 512Mi needs half a CPU, more than 1Gi a whole one. */
const memoryRangeGi = (cpu: number): [number, number] => (cpu < 0.5 ? [0.125, 0.5] : cpu < 1 ? [0.125, 1] : MemoryRangeGi[cpu]);
const sizeText = (gi: number) => (gi < 1 ? `${gi * 1024}Mi` : `${gi}Gi`);

export const cloudRunRules: Rule = (ctx) => {
  for (const [name, service] of entriesOf(ctx.config[CloudRun])) {
    if (!ctx.isSound([CloudRun, name])) continue;
    const at = (...key: (string | number)[]) => [CloudRun, name, ...key];
    checkScaling(ctx, service, at);
    checkCpuAndMemory(ctx, service, at);
    checkTraffic(ctx, name, service, at);
    checkSecretEnv(ctx, service, at);
  }
};

type At = (...key: (string | number)[]) => (string | number)[];

function checkScaling(ctx: RuleContext, service: CloudRunServiceSpec, at: At) {
  if (service.minInstances > service.maxInstances) {
    ctx.report(at("minInstances"), `expected at most maxInstances (${service.maxInstances}), found ${service.minInstances}`);
  }
}

function checkCpuAndMemory(ctx: RuleContext, service: CloudRunServiceSpec, at: At) {
  const { cpu } = service;
  if (cpu >= 1 && !WholeCpus.includes(cpu)) {
    ctx.report(at("cpu"), `expected 1, 2, 4, 6 or 8 CPUs (or a fraction below one), found ${cpu}`);
    return;
  }
  if (cpu < 1 && service.concurrency !== 1) {
    ctx.report(at("concurrency"), `expected 1 with less than one CPU (cpu: ${cpu}), found ${service.concurrency}`);
  }
  const memoryGi = gibibytes(service.memory);
  const [floor, ceiling] = memoryRangeGi(cpu);
  if (memoryGi > ceiling) ctx.report(at("memory"), `expected at most ${sizeText(ceiling)} with cpu ${cpu}, found ${service.memory}`);
  if (memoryGi < floor) ctx.report(at("memory"), `expected at least ${sizeText(floor)} with cpu ${cpu}, found ${service.memory}`);
}

function checkTraffic(ctx: RuleContext, name: string, service: CloudRunServiceSpec, at: At) {
  const traffic = service.traffic;
  if (!traffic) return;
  const ownRevision = (revision: string) => revision.startsWith(`${name}-`);
  if (traffic.pinRevision !== undefined && traffic.split !== undefined) {
    ctx.report(at("traffic"), "expected either pinRevision or split, found both");
  }
  if (traffic.pinRevision !== undefined && !ownRevision(traffic.pinRevision)) {
    ctx.report(at("traffic", "pinRevision"), `expected a revision of ${name} (${name}-NNNNN-xxx), found "${traffic.pinRevision}"`);
  }
  if (!traffic.split) return;
  let total = 0;
  const tags = new Set<string>();
  traffic.split.forEach((target, i) => {
    total += target.percent;
    const named = target.revision !== undefined;
    const latest = target.latest === true;
    if (named === latest) ctx.report(at("traffic", "split", i), "expected exactly one of revision or latest: true");
    if (named && !ownRevision(target.revision!)) {
      ctx.report(at("traffic", "split", i, "revision"), `expected a revision of ${name} (${name}-NNNNN-xxx), found "${target.revision}"`);
    }
    if (target.tag !== undefined) {
      if (tags.has(target.tag)) ctx.report(at("traffic", "split", i, "tag"), `expected a unique tag, found "${target.tag}" twice`);
      tags.add(target.tag);
    }
  });
  if (total !== 100) ctx.report(at("traffic", "split"), `expected percentages that add up to 100, found ${total}`);
}

function checkSecretEnv(ctx: RuleContext, service: CloudRunServiceSpec, at: At) {
  const secrets = Object.fromEntries(entriesOf(ctx.config["platform:secrets"]));
  const declared = Object.keys(secrets);
  for (const [envName, ref] of Object.entries(service.secretEnv)) {
    if (envName in service.env) {
      ctx.report(at("secretEnv", envName), `expected a name not also set in env, found ${envName} in both (a secret must never be a plain value)`);
    }
    if (!declared.includes(ref.secret)) {
      ctx.report(
        at("secretEnv", envName, "secret"),
        `expected a secret declared under platform:secrets, found "${ref.secret}"${suggestion(ref.secret, declared)}`,
      );
    } else if (secrets[ref.secret]?.generate && ref.version !== undefined) {
      ctx.report(at("secretEnv", envName, "version"), `expected no version: ${ref.secret} is generated and follows its rotation key, found "${ref.version}"`);
    }
  }
}

import { program } from "../stacks/program";
import { main } from "../tools/ops/main";
import { ExitCode } from "../tools/plan/exitCodes";
import { Focused, StackFile } from "./harness";
import { lineDiff, Now, ops, OpsRun, projectCopy, read } from "./opsHarness";

/**
 * What an edit does that its keys do not say is removed or said out loud: when a silence really
 * ends, the HPA's floor when autoscaling comes back, an Atlas access list left empty, and a secure:
 * value where the spec takes no secret.
 */

const Ciphertext = "v1:AAABAJ5cK0ciphertextThatMustNeverBePrinted0000==";

/** ops without the policy pack: these cases are about the edit and what it says, not about policies. */
async function opsWithoutPolicies(dir: string, ...argv: string[]): Promise<OpsRun> {
  let [out, err] = ["", ""];
  const code = await main([...argv, "--dir", dir], { out: (t) => (out += t), err: (t) => (err += t) }, { program, now: () => Now, pack: () => undefined });
  return { code, out, err };
}

describe("a silence ends when it says, or ops says it has not", () => {
  test("GIVEN `silence --for 2h` WHEN run THEN the output says the alert does not come back by itself, and how to bring it back", async () => {
    const p = await projectCopy("prod", { areas: Focused.monitoring });
    const r = await ops(p.dir, "silence", "merchant-backend.cpu-warning", "--for", "2h", "--reason", "load test", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Clean);
    expect(r.out).toContain(
      "note: the alert does NOT come back by itself at 2030-11-25T08:50:00Z: GCP has no expiry, so it stays disabled until the first `pulumi up` after that time",
    );
    expect(r.out).toContain("run `npm run ops -- unsilence merchant-backend.cpu-warning --stack prod` and merge it");
  });

  test("GIVEN a silence whose end has passed WHEN any ops command runs on the stack THEN it warns, naming the key and the command that ends it", async () => {
    const p = await projectCopy("prod", { areas: Focused.monitoring });
    expect(
      (await ops(p.dir, "silence", "mixillo-backend.error-rate", "--until", "2030-12-01T06:00:00Z", "--reason", "migration", "--stack", "prod")).code,
    ).toBe(ExitCode.Clean);
    // A week later (the tests' clock is fixed: a later `now` is a later day).
    let err = "";
    await main(
      ["threshold", "mixillo-backend.request-rate", "1500", "--dry-run", "--stack", "prod", "--dir", p.dir],
      { out: () => undefined, err: (t) => (err += t) },
      { program, now: () => new Date("2030-12-08T00:00:00Z") },
    );
    expect(err).toContain(
      `warning: ${StackFile.prod}: platform:monitoring.services.mixillo-backend.alerts.error-rate.silence ended at 2030-12-01T06:00:00Z, but the alert stays disabled until a \`pulumi up\` runs: bring it back now with \`npm run ops -- unsilence mixillo-backend.error-rate --stack prod\``,
    );
  });
});

describe("turning autoscaling back on keeps the pods that run now", () => {
  test("GIVEN autoscaling off with 5 replicas (HPA floor 3) WHEN turned back on THEN the HPA's floor is 5, and the output says how to lower it and warns of the gap", async () => {
    const p = await projectCopy("prod", { areas: ["kubernetes"] });
    expect((await opsWithoutPolicies(p.dir, "autoscaling", "merchant-backend", "off", "--replicas", "5", "--stack", "prod")).code).toBe(ExitCode.Clean);
    const off = read(p.file);
    const r = await opsWithoutPolicies(p.dir, "autoscaling", "merchant-backend", "on", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Clean);
    expect(lineDiff(off, read(p.file))).toEqual({
      removed: ["          enabled: false", "          minReplicas: 3", "        replicas: 5"],
      added: ["          enabled: true", "          minReplicas: 5"],
    });
    expect(r.out).toContain("~ platform:kubernetes.apps.merchant-backend.autoscaling.minReplicas: 3 → 5");
    expect(r.out).toContain(
      "note: the HPA's floor is 5, the pods running now (it was 3), so it does not scale merchant-backend down at once; once it has taken over, lower it with `npm run ops -- scale merchant-backend --min 3 --stack prod`",
    );
    expect(r.out).toContain("note: the Deployment stops declaring replicas: Kubernetes may run 1 pod until the HPA's first sync");
  });

  test("GIVEN autoscaling off at the HPA's own floor WHEN turned back on THEN the file is the one before `off`", async () => {
    const p = await projectCopy("prod", { areas: ["kubernetes"] });
    await opsWithoutPolicies(p.dir, "autoscaling", "merchant-backend", "off", "--stack", "prod");
    expect((await opsWithoutPolicies(p.dir, "autoscaling", "merchant-backend", "on", "--stack", "prod")).code).toBe(ExitCode.Clean);
    expect(read(p.file)).toBe(p.original);
  });
});

describe("the last Atlas access entry goes only when asked, and its comment stays", () => {
  test("GIVEN mixillo's one access entry WHEN removed without --allow-empty THEN exit 2 saying who loses access, the file byte-identical", async () => {
    const p = await projectCopy("prod", { areas: ["atlas"] });
    const r = await ops(p.dir, "access", "mixillo", "remove", "203.0.113.10", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Invalid);
    expect(r.err).toContain("203.0.113.10/32 is the last address on mixillo's access list: without it nothing can connect to the project's clusters (mixillo)");
    expect(r.err).toContain("or give --allow-empty if that is what you want");
    expect(read(p.file)).toBe(p.original);
  });

  test("GIVEN --allow-empty WHEN the last entry is removed THEN `access: {}` stays under its comment", async () => {
    const p = await projectCopy("prod", { areas: ["atlas"] });
    const r = await ops(p.dir, "access", "mixillo", "remove", "203.0.113.10", "--allow-empty", "--stack", "prod");
    expect(r.code).toBe(ExitCode.Clean);
    expect(lineDiff(p.original, read(p.file))).toEqual({
      removed: ["        access:", "          203.0.113.10/32: Cloud NAT egress of mixillo-backend (Cloud Run, europe-west1)"],
      added: ["        access: {}"],
    });
    expect(read(p.file)).toContain("        # Not 0.0.0.0/0 (runbook 001's advice): only the addresses that connect.\n        access: {}\n");
    expect(r.out).toContain("note: mixillo's access list is now empty (access: {}): nothing connects to its clusters until an address is added");
  });
});

test("GIVEN a secure: value on a plain env var WHEN any ops command runs THEN exit 2 naming the key, the ciphertext printed nowhere, the file byte-identical", async () => {
  const text = (await projectCopy("prod", { areas: ["cloudRun"] })).original.replace("DATABASE_MODE: dual", `DATABASE_MODE:\n          secure: ${Ciphertext}`);
  const p = await projectCopy("prod", { areas: ["cloudRun"], text });
  const r = await ops(p.dir, "scale", "mixillo-backend", "--max", "12", "--stack", "prod");
  expect(r.code).toBe(ExitCode.Invalid);
  expect(r.err).toContain(
    `${StackFile.prod}: platform:cloudRun.mixillo-backend.env.DATABASE_MODE: is a secure: value, which would reach its resource as plain text: secret values go in platform:secretValues.<SECRET_ID>.value`,
  );
  expect(`${r.out}${r.err}`).not.toContain(Ciphertext);
  expect(read(p.file)).toBe(p.original);
});

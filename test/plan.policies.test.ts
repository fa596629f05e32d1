import { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { program } from "../stacks/program";
import { ExitCode } from "../tools/plan/exitCodes";
import { makePlan, Plan } from "../tools/plan/plan";
import { renderJson } from "../tools/plan/render/json";
import { Area, fixtureProject, setPath, stackConfig } from "./harness";

const ServiceUrn = "urn:pulumi:prod::platform::platform:cloudRun:Service$gcp:cloudrunv2/service:Service::mixillo-backend";

// Small fixture policies: the plan's runner is tested here, the real pack in test/policies.*.test.ts.
const maxInstances: ResourceValidationPolicy = {
  name: "max-instances",
  description: "Cloud Run services scale to at most 10 instances.",
  validateResource: (args, report) => {
    if (args.type !== "gcp:cloudrunv2/service:Service") return;
    const max = args.props.template.scaling.maxInstanceCount;
    if (max > 10) report(`maxInstanceCount is ${max}`);
  },
};
const readsUnknown: ResourceValidationPolicy = {
  name: "reads-unknown",
  description: "Reads the service account, which exists only after apply.",
  validateResource: (args, report) => {
    if (args.type === "gcp:cloudrunv2/service:Service" && !String(args.props.template.serviceAccount).endsWith(".iam.gserviceaccount.com"))
      report("not a service account");
  },
};
const secretCount: StackValidationPolicy = {
  name: "secret-count",
  description: "At most 3 Secret Manager secrets.",
  validateStack: (args, report) => {
    const n = args.resources.filter((r) => r.type === "gcp:secretmanager/secret:Secret").length;
    if (n > 3) report(`${n} secrets`);
  },
};

/** The Cloud Run service and the secrets it reads (4, over secret-count's 3) are all the policies above look at. */
const CloudRun: Area[] = ["cloudRun"];

async function plan(levels: Record<string, EnforcementLevel>, maxInstanceCount = 10): Promise<Plan> {
  const config = setPath(stackConfig("prod", CloudRun), "platform:cloudRun.mixillo-backend.maxInstances", maxInstanceCount);
  return makePlan({
    projectDir: await fixtureProject("prod", CloudRun),
    stack: "prod",
    program,
    config,
    pack: { packName: "fixture-pack", policies: [maxInstances, readsUnknown, secretCount], config: levels },
  });
}

describe("policies in the plan", () => {
  test("GIVEN a mandatory resource policy violated WHEN planned THEN the violation is a diagnostic with policy, pack, level, URN and message, and the exit code is 1", async () => {
    const p = await plan({ "max-instances": "mandatory", "secret-count": "disabled", "reads-unknown": "disabled" }, 12);
    const diagnostics = JSON.parse(renderJson(p)).diagnostics;
    expect(diagnostics).toEqual([
      {
        policyName: "max-instances",
        policyPackName: "fixture-pack",
        enforcementLevel: "mandatory",
        urn: ServiceUrn,
        message: "Cloud Run services scale to at most 10 instances.\nmaxInstanceCount is 12",
        severity: "error",
      },
    ]);
    expect(p.exitCode).toBe(ExitCode.Blocked);
  });

  test("GIVEN the same violation at advisory WHEN planned THEN it is reported and the exit code is 0", async () => {
    const p = await plan({ all: "advisory", "secret-count": "disabled", "reads-unknown": "disabled" }, 12);
    expect(p.diagnostics.map((d) => "policyName" in d && [d.policyName, d.enforcementLevel, d.severity])).toEqual([["max-instances", "advisory", "warning"]]);
    expect(p.exitCode).toBe(ExitCode.Clean);
  });

  test("GIVEN a mandatory stack policy violated WHEN planned THEN it is reported for the stack (no URN) and blocks", async () => {
    const p = await plan({ "secret-count": "mandatory", "max-instances": "disabled", "reads-unknown": "disabled" });
    expect(p.diagnostics).toEqual([
      expect.objectContaining({
        policyName: "secret-count",
        enforcementLevel: "mandatory",
        message: expect.stringMatching(/^At most 3 Secret Manager secrets.\n\d+ secrets$/),
      }),
    ]);
    expect(p.diagnostics[0]).not.toHaveProperty("urn");
    expect(p.exitCode).toBe(ExitCode.Blocked);
  });

  test("GIVEN a mandatory policy that reads a value unknown before apply WHEN planned THEN it is advisory 'can't run during preview', as the server does", async () => {
    const p = await plan({ "reads-unknown": "mandatory", "max-instances": "disabled", "secret-count": "disabled" });
    expect(p.diagnostics).toEqual([
      expect.objectContaining({
        policyName: "reads-unknown",
        enforcementLevel: "advisory",
        urn: ServiceUrn,
        message: expect.stringMatching(/^can't run policy 'reads-unknown' during preview: .*template\.serviceAccount/),
      }),
    ]);
    expect(p.exitCode).toBe(ExitCode.Clean);
  });
});

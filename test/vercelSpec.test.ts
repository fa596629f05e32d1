import { Config, runStack, setPath, specErrors, stackConfig, StackFile } from "./harness";

const Fixzit = "platform:vercel.projects.fixzit";

function edited(keyPath: string, value: unknown): Config {
  return setPath(stackConfig("prod"), keyPath, value);
}

describe("Vercel stack keys: bad input is rejected with file, key path, expectation and finding", () => {
  test("GIVEN a flag name that is not an env var name WHEN parsed THEN the flag is named", () => {
    const message = specErrors(edited(`${Fixzit}.flags.new-dashboard`, "disabled"));
    expect(message).toContain(
      `${StackFile.prod}: ${Fixzit}.flags.new-dashboard: invalid name; expected an environment variable name in upper case (A-Z, 0-9, '_')`,
    );
  });

  test("GIVEN a flag state that is not enabled or disabled WHEN parsed THEN the allowed states are named", () => {
    const message = specErrors(edited(`${Fixzit}.flags.FEATURE_NEW_DASHBOARD`, "off"));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.flags.FEATURE_NEW_DASHBOARD: expected one of enabled, disabled, found "off"`);
  });

  test("GIVEN a maintenance message with maintenance off WHEN parsed THEN the message key is rejected", () => {
    const message = specErrors(edited(`${Fixzit}.maintenance`, { enabled: false, message: "Back at 10:00" }));
    expect(message).toContain(
      `${StackFile.prod}: ${Fixzit}.maintenance.message: expected no message while maintenance is off (enabled: false), found "Back at 10:00"`,
    );
  });

  test("GIVEN an env var both literal and secret WHEN parsed THEN it is rejected as a would-be plain secret", () => {
    const message = specErrors(edited(`${Fixzit}.env.MONGODB_URI.value`, "not-a-real-uri"));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.MONGODB_URI: expected either a literal value or a secret, found both`);
  });

  test("GIVEN an env var with no source WHEN parsed THEN the three sources are named", () => {
    const message = specErrors(edited(`${Fixzit}.env.API_URL`, { targets: ["production"] }));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.API_URL: expected exactly one of value, secret or cloudRunUrl, found none`);
  });

  test("GIVEN an unknown key in a project WHEN parsed THEN the closest valid key is suggested", () => {
    const message = specErrors(edited(`${Fixzit}.maintenace`, { enabled: true }));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.maintenace: unknown key; did you mean "maintenance"?`);
  });

  test("GIVEN an unknown key in an env var WHEN parsed THEN it is rejected, not ignored", () => {
    const message = specErrors(edited(`${Fixzit}.env.REDIS_URL.sensitive`, true));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.REDIS_URL.sensitive: unknown key`);
  });

  test("GIVEN an env var without targets WHEN parsed THEN targets are named as missing", () => {
    const message = specErrors(edited(`${Fixzit}.env.REDIS_URL.targets`, undefined));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.REDIS_URL.targets: missing; expected a list of Vercel targets`);
  });

  test("GIVEN a misspelt target WHEN parsed THEN the closest target is suggested", () => {
    const message = specErrors(edited(`${Fixzit}.env.REDIS_URL.targets`, ["prod"]));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.REDIS_URL.targets[0]: expected one of production, preview, development, found "prod"`);
  });

  test("GIVEN a secret env var for development WHEN parsed THEN the target is rejected", () => {
    const message = specErrors(edited(`${Fixzit}.env.REDIS_URL.targets`, ["production", "development"]));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.REDIS_URL.targets[1]: expected production or preview for a secret`);
  });

  test("GIVEN a secret env var naming an undeclared secret WHEN parsed THEN the closest declared secret is suggested", () => {
    const message = specErrors(edited(`${Fixzit}.env.REDIS_URL.secret`, "FIXZIT_REDIS_ULR"));
    expect(message).toContain(
      `${StackFile.prod}: ${Fixzit}.env.REDIS_URL.secret: expected a secret declared under platform:secrets, found "FIXZIT_REDIS_ULR"; did you mean "FIXZIT_REDIS_URL"?`,
    );
  });

  test("GIVEN a version on a literal env var WHEN parsed THEN the version is rejected", () => {
    const message = specErrors(edited(`${Fixzit}.env.NEXT_PUBLIC_X`, { value: "x", version: "2", targets: ["preview"] }));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.NEXT_PUBLIC_X.version: expected a version only with secret, found "2"`);
  });

  test("GIVEN an env var the maintenance switch owns WHEN parsed THEN it is rejected", () => {
    const message = specErrors(edited(`${Fixzit}.env.MAINTENANCE_MODE`, { value: "true", targets: ["production"] }));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.MAINTENANCE_MODE: expected a name not managed by maintenance`);
  });

  test("GIVEN an env var also declared as a flag WHEN parsed THEN it is rejected", () => {
    const message = specErrors(edited(`${Fixzit}.env.FEATURE_NEW_DASHBOARD`, { value: "enabled", targets: ["production"] }));
    expect(message).toContain(
      `${StackFile.prod}: ${Fixzit}.env.FEATURE_NEW_DASHBOARD: expected a name not also a flag (flags.FEATURE_NEW_DASHBOARD), found FEATURE_NEW_DASHBOARD in both`,
    );
  });

  test("GIVEN a VERCEL_ env var WHEN parsed THEN Vercel's system names are refused", () => {
    const message = specErrors(edited(`${Fixzit}.env.VERCEL_URL`, { value: "x", targets: ["preview"] }));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.env.VERCEL_URL: expected a name that does not start with VERCEL_`);
  });

  test("GIVEN an API URL from an undeclared Cloud Run service WHEN parsed THEN the closest service is suggested", () => {
    const message = specErrors(edited("platform:vercel.projects.mixillo-admin.env.VITE_API_URL.cloudRunUrl", "mixillo-backed"));
    expect(message).toContain(
      `${StackFile.prod}: platform:vercel.projects.mixillo-admin.env.VITE_API_URL.cloudRunUrl: expected a service declared under platform:cloudRun, found "mixillo-backed"; did you mean "mixillo-backend"?`,
    );
  });

  test("GIVEN a redirect to a domain the project does not have WHEN parsed THEN the project's domains are named", () => {
    const config = stackConfig("prod");
    config["platform:vercel"].projects.fixzit.domains["www.fixzit.com"] = { redirect: "fixzit.co" };
    expect(specErrors(config)).toContain(
      `${StackFile.prod}: ${Fixzit}.domains["www.fixzit.com"].redirect: expected a domain of this project (fixzit.com, www.fixzit.com), found "fixzit.co"; did you mean "fixzit.com"?`,
    );
  });

  test("GIVEN a domain that redirects to itself WHEN parsed THEN the redirect is rejected", () => {
    const config = stackConfig("prod");
    config["platform:vercel"].projects.fixzit.domains["www.fixzit.com"] = { redirect: "www.fixzit.com" };
    expect(specErrors(config)).toContain(
      `${StackFile.prod}: ${Fixzit}.domains["www.fixzit.com"].redirect: expected another domain of the project, found "www.fixzit.com" (itself)`,
    );
  });

  test("GIVEN a redirect to a domain that redirects too WHEN parsed THEN the chain is rejected", () => {
    const config = stackConfig("prod");
    Object.assign(config["platform:vercel"].projects.fixzit.domains, {
      "www.fixzit.com": { redirect: "fixzit.com" },
      "fixzit.app": { redirect: "www.fixzit.com" },
    });
    expect(specErrors(config)).toContain(
      `${StackFile.prod}: ${Fixzit}.domains["fixzit.app"].redirect: expected a domain that serves the project, found "www.fixzit.com", which redirects to "fixzit.com"`,
    );
  });

  test("GIVEN a flag named as a maintenance variable WHEN parsed THEN the flag is rejected", () => {
    const message = specErrors(edited(`${Fixzit}.flags.MAINTENANCE_MODE`, "enabled"));
    expect(message).toContain(
      `${StackFile.prod}: ${Fixzit}.flags.MAINTENANCE_MODE: expected a flag name other than MAINTENANCE_MODE and MAINTENANCE_MESSAGE (set by maintenance), found MAINTENANCE_MODE`,
    );
  });

  test("GIVEN a domain that is not a domain name WHEN parsed THEN the key is named", () => {
    const config = stackConfig("prod");
    config["platform:vercel"].projects.fixzit.domains["https://fixzit.com"] = {};
    expect(specErrors(config)).toContain(
      `${StackFile.prod}: ${Fixzit}.domains["https://fixzit.com"]: invalid name; expected a lower-case domain name such as fixzit.com`,
    );
  });

  test("GIVEN a pin to a short commit WHEN parsed THEN a full SHA is asked for", () => {
    const message = specErrors(edited(`${Fixzit}.production.pinCommit`, "3f1c2a9"));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.production.pinCommit: expected a full 40-character lower-case commit SHA, found "3f1c2a9"`);
  });

  test("GIVEN two projects with one physical name WHEN parsed THEN the second is named", () => {
    const message = specErrors(edited(`${Fixzit}.name`, "mixillo-admin"));
    expect(message).toContain(`${StackFile.prod}: ${Fixzit}.name: expected a project name used once, found "mixillo-admin", also the name of mixillo-admin`);
  });

  test("GIVEN an API token written in the stack file WHEN parsed THEN it is an unknown key", () => {
    const message = specErrors(edited("platform:vercel.apiToken", "not-a-token"));
    expect(message).toContain(`${StackFile.prod}: platform:vercel.apiToken: unknown key`);
  });

  test("GIVEN several Vercel problems in one project WHEN parsed THEN each is reported in the same run", () => {
    const config = edited(`${Fixzit}.env.REDIS_URL.targets`, ["prod"]);
    setPath(config, `${Fixzit}.env.MONGODB_URI.value`, "not-a-real-uri");
    setPath(config, `${Fixzit}.flags.new-dashboard`, "disabled");
    setPath(config, `${Fixzit}.maintenance`, { enabled: false, message: "Back soon" });
    const message = specErrors(config);
    expect(message).toMatch(/^Pulumi\.prod\.yaml is not a valid stack file \(4 errors\):/);
    for (const key of ["env.REDIS_URL.targets[0]", "env.MONGODB_URI", "flags.new-dashboard", "maintenance.message"])
      expect(message).toContain(`${Fixzit}.${key}: `);
  });

  test("GIVEN a bad Vercel key in staging WHEN the program runs THEN nothing is created and the staging file is named", async () => {
    const run = await runStack("staging", setPath(stackConfig("staging"), `${Fixzit}.flags.new-dashboard`, "disabled"));
    expect(run.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
    expect(run.errors[0].message).toContain(`${StackFile.staging}: ${Fixzit}.flags.new-dashboard: invalid name`);
  });
});

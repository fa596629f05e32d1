import { resolvePlainScalar } from "../stacks/validate/goYaml";
import { stackConfigFromText } from "../stacks/stackFile";
import { Secret } from "../tools/plan/values";
import { fixtureText, ProjectDir, resource, runStack, setPath, specErrors, stackConfig, StackFile, Types } from "./harness";

/**
 * The program reads its config as the Pulumi CLI passes it, and the plan reads the stack file so as
 * to agree with it. Facts about the CLI come from its source: pulumi/pulumi
 * sdk/go/common/workspace/loaders.go (yaml.v3 into `any`), sdk/go/common/resource/config/object.go
 * (a time.Time becomes its String()), sdk/nodejs/runtime/config.ts (PULUMI_CONFIG_SECRET_KEYS).
 */

describe("yaml.v3's reading of plain scalars (stacks/validate/goYaml.ts)", () => {
  // Cases from go-yaml/yaml v3 decode_test.go (unmarshalTests into interface{}), expected values as Go has them.
  test.each([
    ["685230", { tag: "int", value: 685230n }],
    ["+685_230", { tag: "int", value: 685230n }],
    ["02472256", { tag: "int", value: 685230n }],
    ["-02472256", { tag: "int", value: -685230n }],
    ["0o2472256", { tag: "int", value: 685230n }],
    ["0x_0A_74_AE", { tag: "int", value: 685230n }],
    ["0b1010_0111_0100_1010_1110", { tag: "int", value: 685230n }],
    ["-0b101010", { tag: "int", value: -42n }],
    ["0xA", { tag: "int", value: 10n }],
    ["0.1", { tag: "float", value: 0.1 }],
    [".1", { tag: "float", value: 0.1 }],
    ["-.1", { tag: "float", value: -0.1 }],
    ["6.8523e+5", { tag: "float", value: 685230 }],
    ["685.230_15e+03", { tag: "float", value: 685230.15 }],
    ["685_230.15", { tag: "float", value: 685230.15 }],
    [".Inf", { tag: "float", value: Infinity }],
    ["-.inf", { tag: "float", value: -Infinity }],
    ["TRUE", { tag: "bool", value: true }],
    ["False", { tag: "bool", value: false }],
    // "Bools are per 1.2 spec": into interface{}, on/yes stay text.
    ["on", { tag: "str", value: "on" }],
    ["yes", { tag: "str", value: "yes" }],
    ["~", { tag: "null", value: null }],
    ["2015-01-01", { tag: "timestamp", value: "2015-01-01 00:00:00 +0000 UTC" }],
    ["2015-02-24T18:19:39.123456789-03:00", { tag: "timestamp", value: "2015-02-24 18:19:39.123456789 -0300 -0300" }],
    ["2001-12-14 21:59:43.10", { tag: "timestamp", value: "2001-12-14 21:59:43.1 +0000 UTC" }],
    ["2025-02-30", { tag: "str", value: "2025-02-30" }],
    ["2025-11-22-incident", { tag: "str", value: "2025-11-22-incident" }],
    ["<<", { tag: "merge", value: "<<" }],
    ["mixillo-backend", { tag: "str", value: "mixillo-backend" }],
  ])("GIVEN the plain scalar %s WHEN read as the CLI reads it THEN it is %o", (text, expected) => {
    expect(resolvePlainScalar(text)).toEqual(expected);
  });
});

describe("a stack file the two readers would read differently is rejected, naming the key", () => {
  const Rotation = "platform:secrets.JWT_SECRET.generate.rotation";
  const withRotation = (written: string) => fixtureText("prod", ["cloudRun"]).replace(/(JWT_SECRET:\n(?:.*\n)*?\s+rotation: )"?[^"\n]*"?/, `$1${written}`);
  const read = (text: string) => () => stackConfigFromText(ProjectDir, "prod", text);

  test("GIVEN rotation: 2025-11-22 unquoted WHEN the plan reads the file THEN exit-2 error names the key and says to quote it", () => {
    expect(withRotation("2025-11-22")).toContain("rotation: 2025-11-22\n");
    expect(read(withRotation("2025-11-22"))).toThrow(
      `${StackFile.prod}: ${Rotation}: the Pulumi CLI reads the unquoted 2025-11-22 as a timestamp ("2025-11-22 00:00:00 +0000 UTC"): quote it ("2025-11-22")`,
    );
  });

  test("GIVEN rotation: 2025-11-22 unquoted WHEN the program runs under the CLI THEN it gets the date's Go form and rejects it naming the same key", async () => {
    // What the CLI passes for the unquoted date (object.go: case time.Time: v.String()).
    const config = setPath(stackConfig("prod", ["cloudRun"]), Rotation, "2025-11-22 00:00:00 +0000 UTC");
    const run = await runStack("prod", config);
    expect(run.resources.filter((r) => r.custom)).toEqual([]);
    expect(run.errors.map((e) => e.message).join("\n")).toContain(
      `${StackFile.prod}: ${Rotation}: the Pulumi CLI read an unquoted date here ("2025-11-22 00:00:00 +0000 UTC"): quote it in the stack file ("2025-11-22")`,
    );
  });

  test('GIVEN rotation: "2025-11-22" quoted WHEN read by both THEN both take the same text', async () => {
    const config = stackConfigFromText(ProjectDir, "prod", withRotation('"2025-11-22"')).config;
    expect((config["platform:secrets"] as Record<string, { generate: { rotation: string } }>).JWT_SECRET.generate.rotation).toBe("2025-11-22");
    expect(resolvePlainScalar("2025-11-22").tag).toBe("timestamp");
    expect((await runStack("prod", config)).errors).toEqual([]);
  });

  test.each([
    [
      "an octal-looking number",
      ["      maxInstances: 10\n", "      maxInstances: 010\n"],
      "platform:cloudRun.mixillo-backend.maxInstances",
      "the Pulumi CLI reads the unquoted 010 as the number 8: write 8",
    ],
    [
      "a number with underscores",
      ["      timeoutSeconds: 300\n", "      timeoutSeconds: 1_000\n"],
      "platform:cloudRun.mixillo-backend.timeoutSeconds",
      "the Pulumi CLI reads the unquoted 1_000 as the number 1000: write 1000",
    ],
    [
      "a merge key",
      ["      healthPath: /health\n", "      healthPath: /health\n      labels:\n        <<: {team: platform}\n"],
      'platform:cloudRun.mixillo-backend.labels["<<"]',
      "the Pulumi CLI merges `<<` keys, this reader does not: write the keys out",
    ],
    [
      "a tag",
      ["      cpu: 2\n", "      cpu: !!float 2\n"],
      "platform:cloudRun.mixillo-backend.cpu",
      "the YAML tag !!float is read differently by the Pulumi CLI",
    ],
  ])("GIVEN %s WHEN the plan reads the file THEN the key is named with what the CLI would read", (_, [line, written], key, message) => {
    const text = fixtureText("prod", ["cloudRun"]).replace(line, written);
    expect(text).toContain(written);
    expect(read(text)).toThrow(`${StackFile.prod}: ${key}: ${message}`);
  });
});

describe("secure: values under the CLI (PULUMI_CONFIG_SECRET_KEYS)", () => {
  const Plaintext = "whsec_plaintext_that_must_stay_secret";

  test("GIVEN a secure: value on a plain Cloud Run env var WHEN the program runs under the CLI THEN it is rejected naming the key, and nothing is created", async () => {
    const config = setPath(stackConfig("prod", ["cloudRun"]), "platform:cloudRun.mixillo-backend.env.WELCOME_BANNER", Plaintext);
    const run = await runStack("prod", config, { secretKeys: ["platform:cloudRun"] });
    expect(run.resources.filter((r) => r.custom)).toEqual([]);
    expect(run.errors.map((e) => e.message).join("\n")).toContain(
      `${StackFile.prod}: platform:cloudRun: holds a secure: value, which would reach its resource as plain text: secret values go in platform:secretValues.<SECRET_ID>.value`,
    );
    expect(JSON.stringify(run)).not.toContain(Plaintext);
  });

  test("GIVEN a secret value in platform:secretValues WHEN the program runs under the CLI THEN the secret version gets it wrapped as a Pulumi secret and it is recorded nowhere in clear", async () => {
    const config = setPath(stackConfig("prod", ["cloudRun"]), "platform:secretValues.STRIPE_WEBHOOK_SECRET", { value: Plaintext, rotation: "2030-11-25" });
    const wrapped: unknown[] = [];
    const run = await runStack("prod", config, {
      secretKeys: ["platform:secretValues"],
      onInputs: (type, name, inputs) => type === Types.secretVersion && name === "STRIPE_WEBHOOK_SECRET-version" && wrapped.push(inputs.secretData),
    });
    expect(run.errors).toEqual([]);
    // The SDK's secret wrapper (sdk/nodejs/runtime/rpc.ts specialSigKey / specialSecretSig).
    expect(wrapped).toEqual([{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: Plaintext }]);
    expect(resource(run, Types.secretVersion, "STRIPE_WEBHOOK_SECRET-version").inputs.secretData).toBe(Secret);
    expect(resource(run, Types.secret, "STRIPE_WEBHOOK_SECRET").inputs.annotations).toMatchObject({
      "platform.ops.source": "config",
      "platform.ops.rotation": "2030-11-25",
    });
    expect(JSON.stringify(run.resources)).not.toContain(Plaintext);
  });

  test("GIVEN platform:secretValues in plain text WHEN validated THEN it is refused: each value must be a secure: one", () => {
    const config = setPath(stackConfig("prod", ["cloudRun"]), "platform:secretValues.STRIPE_WEBHOOK_SECRET", { value: Plaintext, rotation: "2030-11-25" });
    expect(specErrors(config)).toContain("platform:secretValues: expected secure: values, found plain text");
  });

  test.each([
    ["an undeclared secret", "STRIPE_WEBHOOK_SECRE", 'expected the id of a secret declared under platform:secrets; did you mean "STRIPE_WEBHOOK_SECRET"?'],
    ["a generated secret", "JWT_SECRET", "expected a secret without generate: JWT_SECRET is generated by the platform"],
  ])("GIVEN a secret value for %s WHEN validated THEN the entry is named", async (_, secretId, message) => {
    const config = setPath(stackConfig("prod", ["cloudRun"]), `platform:secretValues.${secretId}`, { value: Plaintext, rotation: "2030-11-25" });
    const run = await runStack("prod", config, { secretKeys: ["platform:secretValues"] });
    expect(run.errors.map((e) => e.message).join("\n")).toContain(`platform:secretValues.${secretId}: ${message}`);
    expect(JSON.stringify(run)).not.toContain(Plaintext);
  });
});

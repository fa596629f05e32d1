import { Focused, resource, runStack, stackConfig } from "./harness";

/**
 * A read of Secret Manager (`getSecretVersionOutput` with `dependsOn`) keeps its dependencies, as it
 * does under the real engine: the engine advertises RESOURCE_MONITOR_FEATURE_INVOKE_DEPENDS_ON and
 * answers `Unknown` while a dependency is pending (pulumi/pulumi pkg/resource/deploy/source_eval.go,
 * Invoke). The SDK's mocks turn the feature off, and its fallback drops the dependencies of an
 * unknown result; the recorder serves invokes as the engine does (tools/plan/record.ts).
 */
const secretUrn = (id: string) => `urn:pulumi:prod::platform::platform:secrets:ManagedSecret$gcp:secretmanager/secret:Secret::${id}`;

describe("reads of Secret Manager keep the dependencies the engine keeps", () => {
  test("GIVEN Fixzit's REDIS_URL read from Secret Manager WHEN planned THEN the Vercel env var depends on the secret it reads", async () => {
    const run = await runStack("prod", stackConfig("prod", Focused.vercel));
    expect(run.errors).toEqual([]);
    const env = resource(run, "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable", "fixzit-env-REDIS_URL");
    expect(env.propertyDependencies.value).toContain(secretUrn("FIXZIT_REDIS_URL"));
    expect(env.dependencies).toContain(secretUrn("FIXZIT_REDIS_URL"));
  });

  test("GIVEN db-secrets read from Secret Manager WHEN planned THEN its stringData depends on REZ_REDIS_URL", async () => {
    const run = await runStack("prod", stackConfig("prod", ["kubernetes"]));
    expect(run.errors).toEqual([]);
    expect(resource(run, "kubernetes:core/v1:Secret", "merchant-backend-db-secrets").propertyDependencies.stringData).toContain(secretUrn("REZ_REDIS_URL"));
  });

  test("GIVEN Spilt Tea's backend env read from Secret Manager WHEN planned THEN the container's envs depend on the secrets it reads", async () => {
    const run = await runStack("prod", stackConfig("prod", ["docker"]));
    expect(run.errors).toEqual([]);
    const envs = resource(run, "docker:index/container:Container", "spilttea-container-spilttea-backend").propertyDependencies.envs;
    for (const id of ["SPILTTEA_AWS_ACCESS_KEY_ID", "SPILTTEA_AWS_SECRET_ACCESS_KEY", "SPILTTEA_SMTP_PASSWORD"]) expect(envs).toContain(secretUrn(id));
  });
});

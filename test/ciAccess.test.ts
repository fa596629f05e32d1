import { ofType, runStack, specErrors, stackConfig, Types, withEdits } from "./harness";

/**
 * A preview reads the values of the secrets the program hands to Vercel, Kubernetes and Docker
 * (getSecretVersion runs at preview time once the secrets have versions). The read-only preview
 * identity gets roles/secretmanager.secretAccessor on exactly those secrets, declared here.
 */
const Preview = "pulumi-preview@mixillo.iam.gserviceaccount.com";
const grants = (run: Awaited<ReturnType<typeof runStack>>) => [...ofType(run, Types.secretAccessor).values()].filter((g) => g.name.endsWith("-preview-reads"));

describe("the preview identity's read access (platform:ci)", () => {
  test("GIVEN a preview service account WHEN planned THEN it may read exactly the secrets whose values the program reads, one grant each", async () => {
    const run = await runStack("prod", withEdits(stackConfig("prod"), ["platform:ci.previewServiceAccount", Preview]));
    expect(run.errors).toEqual([]);
    const read = grants(run)
      .map((g) => g.inputs.secretId)
      .sort();
    // Vercel's REDIS_URL and MONGODB_URI, db-secrets, Spilt Tea's containers.
    expect(read).toEqual(expect.arrayContaining(["FIXZIT_REDIS_URL", "REZ_REDIS_URL", "SPILTTEA_POSTGRES_PASSWORD", "SPILTTEA_SMTP_PASSWORD"]));
    // Cloud Run reads its secrets itself at start (secretKeyRef): the preview never reads them.
    expect(read).not.toContain("JWT_SECRET");
    expect(read).not.toContain("STRIPE_WEBHOOK_SECRET");
    for (const grant of grants(run))
      expect(grant.inputs).toMatchObject({ role: "roles/secretmanager.secretAccessor", member: `serviceAccount:${Preview}`, project: "mixillo" });
  });

  test("GIVEN no platform:ci WHEN planned THEN no grant is made", async () => {
    const run = await runStack("prod", stackConfig("prod", ["vercel", "cloudRun"]));
    expect(grants(run)).toEqual([]);
  });

  test("GIVEN a preview account that is not a service account email WHEN validated THEN the key is named", () => {
    expect(specErrors(withEdits(stackConfig("prod", ["cloudRun"]), ["platform:ci.previewServiceAccount", "user:alice@example.com"]))).toContain(
      "platform:ci.previewServiceAccount: expected a service account email such as pulumi-preview@mixillo.iam.gserviceaccount.com",
    );
  });
});

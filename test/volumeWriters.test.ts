import { parseStackSpec } from "../stacks/spec";
import { Config, specErrors, stackConfig, StackFile, withEdits } from "./harness";

/**
 * One writer per volume unless the stack file says otherwise: a Docker named volume mounted by two
 * containers (every mount is read-write), or a ReadWriteOnce claim that a rollout mounts from two pods.
 */

const C = "platform:docker.containers";
const App = "platform:kubernetes.apps.merchant-backend";
const parses = (config: Config) => parseStackSpec(config, { stack: "prod", file: StackFile.prod });

describe("a Docker named volume has one writer unless it is declared shared", () => {
  const docker = () => stackConfig("prod", ["docker"]);
  const withCopiedPostgres = () => {
    const config = docker();
    // The mistake of the issue: spilttea-postgres copied under a new name, same data volume.
    config["platform:docker"].containers["spilttea-postgres-2"] = structuredClone(config["platform:docker"].containers["spilttea-postgres"]);
    return config;
  };

  test("GIVEN spilttea-postgres copied under a new name WHEN parsed THEN the copy's mount is refused, naming the volume and the other writer", () => {
    expect(specErrors(withCopiedPostgres())).toContain(
      `${StackFile.prod}: ${C}.spilttea-postgres-2.mounts.spilttea-postgres-data: expected a volume no other container writes (two writers of one volume corrupt it, as two postgres servers on one data directory do), found spilttea-postgres-data, also mounted read-write by spilttea-postgres; if both are made to share it, declare platform:docker.volumes.spilttea-postgres-data.shared: true`,
    );
  });

  test("GIVEN a container mounting the backup job's volume WHEN parsed THEN the second writer is refused", () => {
    const message = specErrors(withEdits(docker(), [`${C}.spilttea-backend.mounts.spilttea-backups`, "/backups"]));
    expect(message).toContain("platform:docker.backup.volume: expected a volume no other container writes");
    expect(message).toContain("found spilttea-backups, also mounted read-write by spilttea-backend");
  });

  test("GIVEN the volume declared shared WHEN two containers mount it THEN it is accepted", () => {
    const config = withEdits(withCopiedPostgres(), ["platform:docker.volumes.spilttea-postgres-data.shared", true]);
    expect(() => parses(config)).not.toThrow();
  });

  test("GIVEN shared that is not a boolean WHEN parsed THEN its expectation is named", () => {
    expect(specErrors(withEdits(docker(), ["platform:docker.volumes.spilttea-postgres-data.shared", "yes"]))).toContain(
      "platform:docker.volumes.spilttea-postgres-data.shared: expected true when several containers are made to write this volume at once",
    );
  });
});

describe("a ReadWriteOnce claim has one writer, and every rollout adds a second pod", () => {
  const onePod = (accessMode: string, ...edits: [string, unknown][]) =>
    withEdits(
      stackConfig("prod", ["kubernetes"]),
      [`${App}.autoscaling.minReplicas`, 1],
      [`${App}.autoscaling.maxReplicas`, 1],
      [`${App}.disruptionBudget`, undefined],
      [`${App}.storage.accessMode`, accessMode],
      ...edits,
    );

  test("GIVEN one pod on a ReadWriteOnce claim WHEN parsed THEN refused: the rollout's new pod mounts it beside the old one", () => {
    expect(specErrors(onePod("ReadWriteOnce"))).toContain(
      `${StackFile.prod}: ${App}.storage.accessMode: expected ReadWriteMany, or shared: true if two pods may write it at once: at every rollout the new pod mounts this ReadWriteOnce claim read-write beside the old one`,
    );
  });

  test("GIVEN one pod on a ReadWriteOnce claim declared shared WHEN parsed THEN it is accepted", () => {
    expect(() => parses(onePod("ReadWriteOnce", [`${App}.storage.shared`, true]))).not.toThrow();
  });

  test("GIVEN one pod on a ReadWriteOncePod claim, even shared, WHEN parsed THEN refused: the rollout would never end", () => {
    expect(specErrors(onePod("ReadWriteOncePod", [`${App}.storage.shared`, true]))).toContain(
      `${App}.storage.accessMode: expected ReadWriteMany (or ReadWriteOnce with shared: true): a rollout's new pod waits for this ReadWriteOncePod claim while the old pod waits for the new one, so the rollout never ends, found ReadWriteOncePod`,
    );
  });
});

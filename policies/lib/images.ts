/**
 * The one image rule every workload kind follows (Cloud Run services, every Kubernetes pod, Docker
 * containers and the images they pull), so "pinned" means the same thing everywhere:
 *
 * - always: the reference names one release. Never untagged (which is :latest), never :latest, never a
 *   tag that moves by design: a channel name (stable, main, edge, ...) or a bare major version (16,
 *   v1, 16-alpine), which the publisher re-points at every minor release. Checkov CKV_K8S_14,
 *   Polaris tagNotSpecified, kube-score container-image-tag, CIS Docker Benchmark 5.28 (v1.6.0).
 * - where the stack's policy config sets `requireDigest` (prod Cloud Run): a digest,
 *   `name@sha256:<64 hex>`, the only reference a registry cannot re-point (Checkov CKV_K8S_43).
 *
 * Why not a digest everywhere in prod yet: Kubernetes and Docker deploys name a release tag (runbooks
 * 003 and 004, `npm run ops -- deploy <app> --tag v1.2.4`) and their CI publishes no digest. A Docker
 * container runs the image id its RemoteImage pulled, which stays fixed until the reference changes;
 * a Kubernetes node pulls the tag when it first needs it, so a re-pushed tag can reach new pods. Set
 * `requireDigest: true` for kubernetes-image-pinned and docker-image-pinned in policies/config/prod.json once
 * their CI proposes digests, as mixillo-backend's does.
 */

const Digest = /@sha256:[a-f0-9]{64}$/;

/** Tags that name a channel, not a release. */
const MovingTags = [
  "latest",
  "stable",
  "main",
  "master",
  "edge",
  "nightly",
  "dev",
  "develop",
  "head",
  "canary",
  "current",
  "lts",
  "mainline",
  "rolling",
  "alpine",
  "slim",
];

/** A bare major version, with or without a variant: 16, v1, 16-alpine, 7-bookworm (not a build number). */
const BareMajor = /^v?\d{1,2}(-[a-z][a-z0-9]*)?$/;

/** Why an image reference is not pinned, or undefined when it is. */
export function imageProblem(image: string, requireDigest: boolean): string | undefined {
  if (Digest.test(image)) return undefined;
  if (requireDigest) return `image "${image}" is not pinned by digest (@sha256:<64 hex>)`;
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastPart.indexOf(":");
  if (colon < 0) return `image "${image}" has no tag, which means :latest`;
  const tag = lastPart.slice(colon + 1);
  if (tag === "latest") return `image "${image}" uses the moving tag :latest`;
  if (MovingTags.includes(tag.toLowerCase())) return `image "${image}" uses the channel tag :${tag}, which moves with every release`;
  if (BareMajor.test(tag)) return `image "${image}" uses the major-version tag :${tag}, which moves with every minor release`;
  return undefined;
}

/** The `requireDigest` threshold every image rule shares. */
export const requireDigestSchema = (byDefault: boolean) => ({
  type: "boolean" as const,
  default: byDefault,
  description: "Require @sha256 digests, not only a fixed release tag.",
});

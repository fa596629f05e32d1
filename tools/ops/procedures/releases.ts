import { at, composeName, gcpRegion, namespaceOf, stringOption } from "../config";
import { OpsError } from "../errors";
import { Family, Procedure, ProcedureContext, RunbookRef } from "../procedure";
import { Edit } from "../yamlEdit";

/**
 * Deploys and rollbacks: a new image (Cloud Run, Kubernetes, Docker), a pinned Cloud Run revision,
 * a pinned Vercel commit. The stack file's history (`git log -p Pulumi.<stack>.yaml`) is the list of
 * previous versions.
 */

const currentImage = (ctx: ProcedureContext) => String(at(ctx.config, [...ctx.target.path, "image"]) ?? "");

/** `v1.2.4` → the current image's repository with that tag; anything with `:`, `@` or `/` is a whole image. */
function imageFrom(ctx: ProcedureContext, value: string): string {
  if (/[:@/]/.test(value)) return value;
  const repository = currentImage(ctx)
    .replace(/@sha256:[a-f0-9]*$/, "")
    .replace(/:[^:/]+$/, "");
  return `${repository}:${value}`;
}

/** The docker-compose service name the runbook uses (`backend` for spilttea-backend). */

function imageRunbookRef(ctx: ProcedureContext, image: string, rollback: boolean): RunbookRef {
  const app = ctx.target.id;
  switch (ctx.target.kind) {
    case "cloud-run":
      return rollback
        ? {
            runbook: "000",
            section: "Rollback Procedure (the previous image rather than a revision)",
            command: `gcloud run deploy ${app} --image ${image} --region ${gcpRegion(ctx)}`,
          }
        : {
            runbook: "000",
            section: "Deployment Procedures › Deploy to Production",
            command: `gcloud run deploy ${app} --source . --region ${gcpRegion(ctx)} (CI now builds and pushes ${image})`,
          };
    case "kubernetes": {
      const container = String(at(ctx.config, [...ctx.target.path, "container"]) ?? "<container>");
      return rollback
        ? { runbook: "003", section: "Quick Reference Commands › Rollback", command: `kubectl rollout undo deployment/${app} -n ${namespaceOf(ctx)}` }
        : {
            runbook: "003",
            section: "6. Deploy New Version › Manual deployment",
            command: `kubectl set image deployment/${app} ${container}=${image} -n ${namespaceOf(ctx)}`,
          };
    }
    default:
      return rollback
        ? {
            runbook: "004",
            section: "Rollback Procedures › Quick Rollback (Docker)",
            command: `docker tag <previous-image-id> ${app}:latest && docker-compose up -d`,
          }
        : {
            runbook: "004",
            section: `Docker Deployment › ${composeName(ctx) === "frontend" ? "Frontend" : "Backend"} Only Deployment`,
            command: `docker-compose up -d --build ${composeName(ctx)}`,
          };
  }
}

/**
 * A new image, meant to serve: a Cloud Run service pinned to a revision follows the latest one again,
 * or the new revision would get 0 % of the traffic (tools/ops/servingRevision.ts).
 */
function imageEdits(ctx: ProcedureContext, image: string): Edit[] {
  const edits: Edit[] = [{ path: [...ctx.target.path, "image"], value: image }];
  if (ctx.target.kind === "cloud-run") edits.push({ path: [...ctx.target.path, "traffic", "pinRevision"], remove: true });
  return edits;
}

const deploy: Procedure = {
  name: "deploy",
  kinds: ["cloud-run", "kubernetes", "docker"],
  synopsis: "deploy <service|app|container> --image <ref> | --tag <tag>",
  summary: "a new image (image), pinned by digest or tag; CI builds and pushes it",
  options: {
    image: { takesValue: true, help: "the whole image reference (name@sha256:<digest> or name:tag)" },
    tag: { takesValue: true, help: "a tag of the current image's repository (v1.2.4)" },
  },
  examples: [
    "deploy merchant-backend --tag v1.2.4 --stack prod",
    "deploy mixillo-backend --image europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend@sha256:<digest> --stack prod",
    "deploy backend --tag v1.4.3 --stack prod   # spilttea-backend",
  ],
  notes: ["Prod's policies require Cloud Run images pinned by digest: a tag there is refused (exit 1)."],
  change(ctx) {
    const image = stringOption(ctx, "image");
    const tag = stringOption(ctx, "tag");
    if (!image === !tag) throw new OpsError("give the new version: --image <ref> or --tag <tag>", "deploy");
    const value = image ?? imageFrom(ctx, tag!);
    return { edits: imageEdits(ctx, value), replaces: [imageRunbookRef(ctx, value, false)] };
  },
};

const rollback: Procedure = {
  name: "rollback",
  kinds: ["cloud-run", "kubernetes", "docker", "vercel"],
  synopsis: "rollback <target> --to <revision|image|tag|commit> | --undo",
  summary: "Cloud Run: pin a revision (traffic.pinRevision) or an image; Kubernetes/Docker: the previous image; Vercel: pin a commit (production.pinCommit)",
  options: {
    to: {
      takesValue: true,
      help: "Cloud Run: a revision (mixillo-backend-00075-82j) or an image; Kubernetes/Docker: a tag or an image; Vercel: a 40-hex commit",
    },
    undo: { takesValue: false, help: "Cloud Run: send traffic to the latest revision again; Vercel: remove the pin (branch head)" },
  },
  examples: [
    "rollback mixillo-backend --to mixillo-backend-00075-82j --stack prod",
    "rollback merchant-backend --to v1.2.2 --stack prod",
    "rollback fixzit --to 3f2c...(40 hex) --stack prod",
    "rollback mixillo-backend --undo --stack prod",
  ],
  notes: [
    "While a Cloud Run revision is pinned, a new revision gets 0 % of the traffic: restart, scale, env and rotations of its secrets are refused until --undo; an image rollback (--to <image>) or a deploy removes the pin.",
  ],
  change(ctx) {
    const to = stringOption(ctx, "to");
    const undo = ctx.options.undo === true;
    if (!to === !undo) throw new OpsError(`roll back to what? give --to <version> or --undo. ${whereToLook(ctx)}`, "rollback");
    const { kind, id, path } = ctx.target;
    if (kind === "vercel") return vercelRollback(ctx, to);
    if (undo) {
      if (kind !== "cloud-run") throw new OpsError(`${id} has no pin to undo: deploy the version you want (\`deploy ${id} --tag <tag>\`)`, "rollback");
      return {
        edits: [{ path: [...path, "traffic", "pinRevision"], remove: true }],
        replaces: [
          {
            runbook: "000",
            section: "Rollback Procedure (undone: traffic to the latest revision)",
            command: `gcloud run services update-traffic ${id} --region=${gcpRegion(ctx)} --to-latest`,
          },
        ],
      };
    }
    if (kind === "cloud-run" && !/[:@/]/.test(to!)) {
      // A revision: all traffic to it, as `update-traffic --to-revisions=<rev>=100`; a canary split ends.
      const edits: Edit[] = [
        { path: [...path, "traffic", "split"], remove: true },
        { path: [...path, "traffic", "pinRevision"], value: to! },
      ];
      return {
        edits,
        replaces: [
          {
            runbook: "000",
            section: "Rollback Procedure, step 2 (and 001 P0 › Service Completely Down, step 3)",
            command: `gcloud run services update-traffic ${id} --region=${gcpRegion(ctx)} --to-revisions=${to}=100`,
          },
        ],
      };
    }
    const image = imageFrom(ctx, to!);
    return { edits: imageEdits(ctx, image), replaces: [imageRunbookRef(ctx, image, true)] };
  },
};

function vercelRollback(ctx: ProcedureContext, to: string | undefined) {
  const path = [...ctx.target.path, "production", "pinCommit"];
  if (to === undefined) {
    return {
      edits: [{ path, remove: true as const }],
      replaces: [
        {
          runbook: "002",
          section: "Rollback Procedures › Vercel Rollback (undone: the branch head is production again)",
          command: `vercel promote <latest-deployment-url>`,
        },
      ],
    };
  }
  return {
    edits: [{ path, value: to }],
    replaces: [
      {
        runbook: "002",
        section: "Rollback Procedures › Vercel Rollback",
        command: `vercel rollback [deployment-url]  (the deployment of commit ${to.slice(0, 12)})`,
      },
    ],
  };
}

/** Read-only ways to find the previous version, for the message that asks for one. */
function whereToLook(ctx: ProcedureContext): string {
  const { kind, id } = ctx.target;
  const history = `previous versions are in the stack file's history: git log -p ${ctx.file}`;
  if (kind === "cloud-run") return `Revisions: gcloud run revisions list --service=${id} --region=${gcpRegion(ctx)}; ${history}`;
  if (kind === "vercel") return `Commits of production deployments: vercel ls ${id}; ${history}`;
  return `The current image is ${currentImage(ctx)}; ${history}`;
}

export const releases: Family = { name: "releases", procedures: [deploy, rollback] };

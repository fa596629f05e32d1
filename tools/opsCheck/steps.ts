/**
 * One working day of on-call, as `npm run check:ops` replays it on both stacks: every row of the
 * runbook → ops table in docs/ops.md, in an order that makes sense on one stack file
 * (a rollback before its undo, a rotation before its `--finish`). Each step runs with `--write-plan`,
 * so after every one the stack file and plans/<stack>.json are what a pull request would hold.
 * test/opsCheck.test.ts fails when a registered procedure (or a variant of one) has no step here.
 */
export interface Step {
  /** The docs/ops.md table's runbook procedure this step stands for. */
  runbook: string;
  /** `npm run ops -- <argv> --stack <stack>`, without `--stack`. */
  argv: string[];
  /** The stacks that have the target (default: every stack). */
  stacks?: string[];
}

/** Staging declares no alerts: its monitoring is prod's only. */
const ProdOnly = ["prod"];

const Digest = "sha256:5d9fcbb1b8e9a1c4f0a7c3e2d6b4a8f1e0c9d7b5a3f1e9c7d5b3a1f0e8c6d4b2";

export const Steps: Step[] = [
  { runbook: "000 Standard Deployment's size", argv: ["resources", "mixillo-backend", "--memory", "4Gi", "--cpu", "4"] },
  {
    runbook: "000 Deploy to Production",
    argv: ["deploy", "mixillo-backend", "--image", `europe-west1-docker.pkg.dev/mixillo/mixillo/mixillo-backend@${Digest}`],
  },
  { runbook: "000 Rollback Procedure", argv: ["rollback", "mixillo-backend", "--to", "mixillo-backend-00075-82j"] },
  { runbook: "000 Rollback Procedure (follow the latest again)", argv: ["rollback", "mixillo-backend", "--undo"] },
  { runbook: "001 Scale Service up", argv: ["scale", "mixillo-backend", "--min", "5", "--max", "20"] },
  { runbook: "001 Restart Service", argv: ["restart", "mixillo-backend"] },
  { runbook: "000 Rotate JWT Secrets", argv: ["rotate", "JWT_SECRET", "JWT_REFRESH_SECRET"] },
  // A rotation may be under way in the live file: finish it first (nothing to do when there is none).
  { runbook: "000 Rotate MongoDB Password (a rotation under way)", argv: ["rotate", "mixillo/mixillo-backend", "--finish"] },
  { runbook: "000 Rotate MongoDB Password", argv: ["rotate", "mixillo/mixillo-backend"] },
  { runbook: "000 Rotate MongoDB Password (after the rollout)", argv: ["rotate", "mixillo/mixillo-backend", "--finish"] },
  { runbook: "000 Create On-Demand Backup", argv: ["snapshot", "mixillo"] },
  { runbook: "001 MongoDB Connection Lost: the access list", argv: ["access", "rez", "add", "198.51.100.7", "--comment", "Office VPN for the on-call DBA"] },
  { runbook: "001 MongoDB Connection Lost: the access list (cleanup)", argv: ["access", "rez", "remove", "198.51.100.7/32"] },
  { runbook: "002 Database Scaling: auto-scaling range", argv: ["db-scale", "fixzit", "--min", "M10", "--max", "M60"] },
  { runbook: "002 Database Scaling", argv: ["db-scale", "fixzit", "--size", "M50"] },
  { runbook: "002 Database Scaling (after the resize)", argv: ["db-scale", "fixzit", "--finish"] },
  { runbook: "002 API 500 Errors; CDN purge", argv: ["restart", "fixzit"] },
  { runbook: "002 Vercel Rollback", argv: ["rollback", "fixzit", "--to", "0123456789abcdef0123456789abcdef01234567"] },
  { runbook: "002 Vercel Rollback (unpin)", argv: ["rollback", "fixzit", "--undo"] },
  { runbook: "002 Maintenance Mode on", argv: ["maintenance", "fixzit", "on", "--message", "Scheduled maintenance until 10:00 AM GMT"] },
  { runbook: "002 Maintenance Mode off", argv: ["maintenance", "fixzit", "off"] },
  { runbook: "002 Feature Flag Rollback", argv: ["flag", "FEATURE_NEW_DASHBOARD", "off"] },
  { runbook: "002 Feature Flag Rollback (on again)", argv: ["flag", "FEATURE_NEW_DASHBOARD", "on"] },
  { runbook: "002 Alerting Playbook: silence", argv: ["silence", "mixillo.latencyP95", "--for", "2h", "--reason", "Atlas resize, OPS-142"], stacks: ProdOnly },
  { runbook: "002 Alerting Playbook: unsilence", argv: ["unsilence", "mixillo.latencyP95"], stacks: ProdOnly },
  { runbook: "alert thresholds raised for a known event", argv: ["threshold", "mixillo.requestRate", "1500"], stacks: ProdOnly },
  { runbook: "alert thresholds back to the default", argv: ["threshold", "mixillo.requestRate", "--reset"], stacks: ProdOnly },
  { runbook: "003 Manual scaling", argv: ["scale", "merchant-backend", "--min", "5", "--max", "12"] },
  { runbook: "003 Temporarily disable auto-scaling", argv: ["autoscaling", "merchant-backend", "off", "--replicas", "5"] },
  { runbook: "003 Temporarily disable auto-scaling: scale", argv: ["scale", "merchant-backend", "--replicas", "6"] },
  { runbook: "003 Re-enable auto-scaling", argv: ["autoscaling", "merchant-backend", "on"] },
  { runbook: "003 Rolling restart", argv: ["restart", "merchant-backend"] },
  { runbook: "003 Deploy New Version", argv: ["deploy", "merchant-backend", "--tag", "v1.2.4"] },
  { runbook: "003 Rollback", argv: ["rollback", "merchant-backend", "--to", "v1.2.2"] },
  { runbook: "003 Update secret (generated)", argv: ["rotate", "REZ_JWT_SECRET"] },
  { runbook: "003 Update secret (the MongoDB password, a rotation under way)", argv: ["rotate", "rez/merchant-backend", "--finish"] },
  { runbook: "003 Update secret (the MongoDB password)", argv: ["rotate", "rez/merchant-backend"] },
  { runbook: "003 Update secret (the MongoDB password, after the rollout)", argv: ["rotate", "rez/merchant-backend", "--finish"] },
  { runbook: "003 Out of Memory", argv: ["resources", "merchant-backend", "--memory", "2Gi"] },
  { runbook: "003 Database Connection Exhaustion", argv: ["env", "merchant-backend", "set", "MONGODB_MAX_POOL_SIZE=80", "MONGODB_MIN_POOL_SIZE=10"] },
  { runbook: "003 Database Connection Exhaustion (back to the default)", argv: ["env", "merchant-backend", "unset", "MONGODB_MIN_POOL_SIZE"] },
  { runbook: "004 Backend Only Deployment", argv: ["deploy", "backend", "--tag", "v1.4.3"] },
  { runbook: "004 Frontend Only Deployment", argv: ["deploy", "frontend", "--tag", "v1.4.3"] },
  { runbook: "004 Quick Rollback", argv: ["rollback", "backend", "--to", "v1.4.1"] },
  { runbook: "004 docker-compose restart backend", argv: ["restart", "backend"] },
  { runbook: "004 Rotate JWT secret", argv: ["rotate", "SPILTTEA_JWT_SECRET"] },
  { runbook: "004 Fix FRONTEND_URL", argv: ["env", "backend", "set", "FRONTEND_URL=https://www.spilttea.app"] },
  { runbook: "004 Automated Backup", argv: ["backup", "spilttea", "--retention-days", "14", "--schedule", "30 1 * * *"] },
];

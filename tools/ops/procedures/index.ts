import { Family } from "../procedure";
import { alerts } from "./alerts";
import { atlas } from "./atlas";
import { dockerBackup } from "./dockerBackup";
import { releases } from "./releases";
import { restarts } from "./restarts";
import { scaling } from "./scaling";
import { secrets } from "./secrets";
import { vercelSwitches } from "./vercelSwitches";
import { workloadSettings } from "./workloadSettings";

/**
 * Every procedure family, in the order `--help` lists them. A new area adds one file of procedures
 * (and the target kinds only it has) and one line here, as the Atlas area did (`db-scale`,
 * `snapshot`, `access add|remove`, and a `rotate` for kind `db-user` beside the secrets' one).
 */
export const families: Family[] = [scaling, releases, restarts, workloadSettings, vercelSwitches, secrets, atlas, dockerBackup, alerts];

import { keyPath } from "../../stacks/validate/issues";
import { at } from "./config";
import { Config } from "./procedure";
import { AlertKind } from "./procedures/alerts";

/**
 * A silence is `enabled: false` on the alert policy until the next `pulumi up` after its end (GCP has
 * no expiry), which may be days later. Every ops command on the stack says so for each silence whose
 * end has passed, with the command that brings the alert back now.
 */
export function expiredSilenceWarnings(config: Config, file: string, stack: string, now: Date): string[] {
  return AlertKind.list(config).flatMap((alert) => {
    const until = at(config, [...alert.path, "silence", "until"]);
    if (typeof until !== "string" || !(Date.parse(until) <= now.getTime())) return [];
    return [
      `warning: ${file}: ${keyPath([...alert.path, "silence"])} ended at ${until}, but the alert stays disabled until a \`pulumi up\` runs: ` +
        `bring it back now with \`npm run ops -- unsilence ${alert.id} --stack ${stack}\` and merge that`,
    ];
  });
}

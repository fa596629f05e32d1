import { FlagSpec } from "./strictArgs";

/**
 * `npm run plan prod --markdown`, without `--`: npm takes `--markdown` as its own config and the
 * script never sees it (it only appears as `npm_config_markdown=true` in the script's environment;
 * a flag's value stays behind as a plain word). The command would then run without the flag, so it
 * says what happened and what to type instead. Only under `npm run <script>` itself, so a variable
 * set for other reasons (`npm test`) is not mistaken for one.
 */
export function npmSwallowedFlags(script: string, argv: string[], specs: Record<string, FlagSpec>, env: NodeJS.ProcessEnv): string | undefined {
  if (env.npm_lifecycle_event !== script) return undefined;
  const given = new Set(argv.filter((a) => a.startsWith("--")).map((a) => a.slice(2).split("=")[0]));
  const swallowed = Object.keys(specs).filter((name) => env[`npm_config_${name.replace(/-/g, "_")}`] !== undefined && !given.has(name));
  if (swallowed.length === 0) return undefined;
  const flags = swallowed.map((name) => `--${name}${specs[name].takesValue ? " <value>" : ""}`);
  const vars = swallowed.map((name) => `npm_config_${name.replace(/-/g, "_")}`).join(", ");
  const values = swallowed.some((name) => specs[name].takesValue) ? " (npm left each flag's value behind as a plain word: put it after its flag)" : "";
  return (
    `npm took ${swallowed.map((n) => `--${n}`).join(", ")} for itself (it reached ${script} only as ${vars}), so nothing was read or written. ` +
    `Flags for the script go after \`--\`: did you mean \`npm run ${script} -- ${[...argv.map(shellWord), ...flags].join(" ")}\`?${values}`
  );
}

const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

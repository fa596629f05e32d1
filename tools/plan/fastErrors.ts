/**
 * The SDK takes a stack trace for every promise and every resource (leak reports, source positions),
 * and the TypeScript loader installs source-map remapping of every trace: at a thousand resources that
 * remapping is most of the run. The plan never prints a stack trace (input errors print their message),
 * so it keeps V8's own, unmapped traces. Imported first by cli.ts.
 */
if (!process.env.PLAN_DEBUG) delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;

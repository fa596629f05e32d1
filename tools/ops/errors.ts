/**
 * Invalid input to `npm run ops`: an unknown procedure, target or flag, a missing value. Printed as
 * its message alone (no stack trace) with exit code 2.
 */
export class OpsError extends Error {
  /** The procedure whose usage should follow the message, when the mistake is in how it was called. */
  constructor(
    message: string,
    readonly usageOf?: string,
  ) {
    super(message);
    this.name = "OpsError";
  }
}

/**
 * `npm run ops -- ... | head`: once the reader has gone, every further write to the pipe fails with
 * EPIPE, which Node raises as an unhandled 'error' event (a stack trace on stderr, exit 1). The output
 * nobody reads any more is dropped instead, and the command finishes as it would have, with its own
 * exit code: an edit it makes does not depend on whether its report was read to the end.
 */
export function dropOutputToClosedPipes(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    });
  }
}

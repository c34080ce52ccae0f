import type { TextSink } from '../load/progress-line.ts';

/** Where a command writes; the CLI passes the process streams, tests pass their own. */
export interface CommandStreams {
  stdout: TextSink;
  stderr: TextSink;
}

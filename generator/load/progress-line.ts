/** What a progress line writes to: process.stderr, or a stand-in in tests. */
export interface TextSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A single, updating "fetching done/total" line; silent when the sink is not a terminal (CI logs, pipes). */
export interface ProgressLine {
  update(done: number, total: number): void;
  /** Erases the line so later output starts on a clean line. */
  end(): void;
}

// Carriage return, then "erase to end of line": rewrites the line in place.
const REWRITE_LINE = '\r\x1b[K';

export function createProgressLine(sink: TextSink = process.stderr, label = 'fetching'): ProgressLine {
  if (!sink.isTTY) return { update() {}, end() {} };
  let shown = false;
  return {
    update(done, total) {
      shown = true;
      sink.write(`${REWRITE_LINE}${label} ${done}/${total}`);
    },
    end() {
      if (shown) sink.write(REWRITE_LINE);
      shown = false;
    },
  };
}

/** A single, updating "fetching done/total" line; silent when the stream is not a terminal (CI logs, pipes). */
export interface ProgressLine {
  update(done: number, total: number): void;
  /** Erases the line so later output starts on a clean line. */
  end(): void;
}

export function createProgressLine(stream: NodeJS.WriteStream = process.stderr, label = 'fetching'): ProgressLine {
  if (!stream.isTTY) return { update() {}, end() {} };
  let shown = false;
  return {
    update(done, total) {
      shown = true;
      stream.cursorTo(0);
      stream.clearLine(1);
      stream.write(`${label} ${done}/${total}`);
    },
    end() {
      if (!shown) return;
      stream.cursorTo(0);
      stream.clearLine(0);
      shown = false;
    },
  };
}

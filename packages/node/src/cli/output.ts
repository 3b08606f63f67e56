/** The slice of a stream the CLI writes to: `process.stdout`, or a string collector in tests. */
export interface Output {
  write(text: string): unknown;
  /** True when it is a terminal: progress is then redrawn in place. */
  isTTY?: boolean;
  /** The terminal's width, when known. */
  columns?: number;
}

/** Moves to the start of the line and clears it: `\r` alone would leave a longer old line's tail. */
export const REDRAW = '\r\x1b[K';

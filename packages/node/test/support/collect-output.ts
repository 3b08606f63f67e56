import type { Output } from '../../src/cli/output.ts';

/** An `Output` that keeps what was written, as a terminal or as a pipe. */
export function collectOutput(options: { isTTY?: boolean; columns?: number } = {}): Output & { text: string } {
  const output = {
    text: '',
    isTTY: options.isTTY ?? false,
    columns: options.columns,
    write(chunk: string) {
      output.text += chunk;
      return true;
    },
  };
  return output;
}

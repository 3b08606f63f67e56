export type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/**
 * A log that can never print the API key: every line goes through `scrub`, whatever a message
 * was built from (an upstream error text, a header...).
 */
export function createLog(
  secrets: (string | undefined)[],
  write: (line: string) => void = (line) => console.log(line),
): Log {
  const known = secrets.filter((secret): secret is string => Boolean(secret));
  return (level, message) => {
    let line = message;
    for (const secret of known) line = line.replaceAll(secret, '[redacted]');
    write(`[edge-proxy] ${level}: ${line}`);
  };
}

export type LogLevel = 'info' | 'warn' | 'error';
/** What a line is about, beside its message: counts, names, durations. Never a credential. */
export type LogFields = Record<string, string | number | boolean | undefined>;
export type Log = (level: LogLevel, message: string, fields?: LogFields) => void;
/** `text` for people (`[edge-proxy] info: …`); `json` for log pipelines: one object per line. */
export type LogFormat = 'text' | 'json';

export interface LogOptions {
  format?: LogFormat;
  /** The time a JSON line carries; tests pass a virtual clock's. */
  now?: () => number;
}

// A JSON line's own keys: a field of the same name cannot hide them.
const RESERVED = new Set(['time', 'level', 'msg']);

/**
 * A log that can never print the API key or another secret: every message and field goes through
 * `scrub`, whatever it was built from (an upstream error text, a header...), and so does the
 * finished line, in case escaping put a secret back together.
 */
export function createLog(
  secrets: (string | undefined)[],
  write: (line: string) => void = (line) => console.log(line),
  { format = 'text', now = Date.now }: LogOptions = {},
): Log {
  const known = secrets.filter((secret): secret is string => Boolean(secret));
  // A secret with a quote or a backslash is written escaped in a JSON line: that form goes too.
  const forms = [...new Set([...known, ...known.map((secret) => JSON.stringify(secret).slice(1, -1))])];
  const scrub = (text: string) => {
    let clean = text;
    for (const secret of forms) clean = clean.replaceAll(secret, '[redacted]');
    return clean;
  };
  return (level, message, fields = {}) => {
    const shown = Object.entries(fields)
      .filter(([key, value]) => value !== undefined && !RESERVED.has(key))
      .map(([key, value]) => [scrub(key), typeof value === 'string' ? scrub(value) : value] as const);
    if (format === 'json') {
      const entry = { time: new Date(now()).toISOString(), level, msg: scrub(message), ...Object.fromEntries(shown) };
      write(scrub(JSON.stringify(entry)));
      return;
    }
    const suffix = shown.map(([key, value]) => ` ${key}=${typeof value === 'string' ? JSON.stringify(value) : value}`);
    write(scrub(`[edge-proxy] ${level}: ${message}${suffix.join('')}`));
  };
}

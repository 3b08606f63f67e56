/**
 * The one line a start that cannot go on prints: before the settings are read, LOG_FORMAT is
 * taken as it stands, so a JSON log pipeline still gets an object it can parse.
 */
export function settingsFailureLine(logFormat: string | undefined, message: string, now = Date.now()): string {
  if (logFormat?.trim().toLowerCase() !== 'json') return `edge-proxy: ${message}`;
  return JSON.stringify({ time: new Date(now).toISOString(), level: 'error', msg: message });
}

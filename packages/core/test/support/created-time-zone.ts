// Vidgo's `created_time` names no zone. The simulator writes UTC; this wraps its fetch so that
// tests and the benchmark can meet the other clocks a real Vidgo may have, without a simulator
// option: a server in another zone, the docs' fixed example value, none, or garbage.

/** How `created_time` is written: UTC shifted by `offsetMinutes` (UTC+8 is 480), or a fixed case. */
export type CreatedTimeClock = { offsetMinutes: number } | 'docs-example' | 'missing' | 'garbage';

/** The docs' example value, on every task. */
export const DOCS_EXAMPLE_CREATED_TIME = '2025-11-12T10:30:00';

export function describeClock(clock: CreatedTimeClock): string {
  if (typeof clock === 'string') return clock;
  if (clock.offsetMinutes === 0) return 'UTC';
  const sign = clock.offsetMinutes < 0 ? '−' : '+';
  const minutes = Math.abs(clock.offsetMinutes);
  const pastTheHour = minutes % 60 ? `:${String(minutes % 60).padStart(2, '0')}` : '';
  return `UTC${sign}${Math.floor(minutes / 60)}${pastTheHour}`;
}

/** What a server on `clock` writes for a task created at `utc` (the simulator's zoneless UTC). */
export function rewriteCreatedTime(utc: string, clock: CreatedTimeClock): string | undefined {
  if (clock === 'docs-example') return DOCS_EXAMPLE_CREATED_TIME;
  if (clock === 'missing') return undefined;
  if (clock === 'garbage') return 'last tuesday';
  const at = Date.parse(`${utc}Z`) + clock.offsetMinutes * 60_000;
  return new Date(at).toISOString().slice(0, 19);
}

/** `fetch`, with every JSON answer's `data.created_time` written as a server on `clock` would. */
export function withCreatedTimeClock(fetch: typeof globalThis.fetch, clock: CreatedTimeClock): typeof globalThis.fetch {
  if (typeof clock !== 'string' && clock.offsetMinutes === 0) return fetch;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.headers.get('content-type')?.includes('json')) return response;
    const body = (await response.json()) as { data?: { created_time?: string } };
    const data = body.data;
    if (data && typeof data.created_time === 'string') {
      const written = rewriteCreatedTime(data.created_time, clock);
      if (written === undefined) delete data.created_time;
      else data.created_time = written;
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
  };
}

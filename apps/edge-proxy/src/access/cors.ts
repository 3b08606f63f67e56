import type { MiddlewareHandler } from 'hono';

/**
 * CORS for the listed origins, and nothing else: the headers let their pages read answers. A
 * listed Origin grants no access; the credential does. Preflights are answered here, before any
 * credential is asked for (browsers send none with them).
 */
export function cors(allowedOrigins: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const listed = origin !== undefined && allowedOrigins.includes(origin);
    if (c.req.method === 'OPTIONS') {
      if (!listed) return c.json({ detail: 'This origin is not allowed' }, 403);
      for (const [name, value] of corsHeaders(origin)) c.header(name, value);
      c.header('Access-Control-Allow-Methods', 'GET, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Authorization, Last-Event-ID');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    // Set before the handler runs, so they go on whatever it answers, errors included.
    if (listed) for (const [name, value] of corsHeaders(origin)) c.header(name, value);
    await next();
  };
}

export const corsHeaders = (origin: string): [string, string][] => [
  ['Access-Control-Allow-Origin', origin],
  ['Vary', 'Origin'],
];

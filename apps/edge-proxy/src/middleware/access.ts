import type { MiddlewareHandler } from 'hono';
import type { Settings } from '../settings.ts';

export type ClientAddress = (request: Request, env: unknown) => string | undefined;

/** Whether the proxy accepts anyone without a token or an allowed origin: only loopback clients. */
export type AccessPolicy = 'token-or-origin' | 'loopback-only' | 'nobody';

export function accessPolicy(settings: Settings, canSeeClientAddress: boolean): AccessPolicy {
  if (settings.proxyToken || settings.allowedOrigins.length > 0) return 'token-or-origin';
  return canSeeClientAddress ? 'loopback-only' : 'nobody';
}

const isLoopback = (address: string | undefined) =>
  address !== undefined && (/^127\./.test(address) || address === '::1' || address === '::ffff:127.0.0.1' || /^::ffff:127\./.test(address));

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
export function sameSecret(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let index = 0; index < expected.length; index++) difference |= (given.charCodeAt(index) || 0) ^ expected.charCodeAt(index);
  return difference === 0;
}

/**
 * Deny by default. A request is served when it carries `Authorization: Bearer <PROXY_TOKEN>`, or
 * comes from a browser page on an origin in ALLOWED_ORIGINS (answered with CORS headers), or —
 * only when neither is configured — from 127.0.0.1. Origins stop other web sites from using the
 * proxy from a browser; against scripts, which can forge any header, only the token protects.
 */
export function accessControl(settings: Settings, policy: AccessPolicy, clientAddress: ClientAddress): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowedOrigin = origin !== undefined && settings.allowedOrigins.includes(origin);
    // A same-origin page of the proxy itself (the demo) sends no Origin on GET; the browser sets Sec-Fetch-Site.
    const ownPage = origin === undefined && c.req.header('sec-fetch-site') === 'same-origin' && settings.allowedOrigins.includes(new URL(c.req.url).origin);
    if (allowedOrigin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
      if (c.req.method === 'OPTIONS') {
        c.header('Access-Control-Allow-Methods', 'GET, OPTIONS');
        c.header('Access-Control-Allow-Headers', 'Authorization, Last-Event-ID');
        c.header('Access-Control-Max-Age', '600');
        return c.body(null, 204);
      }
    }
    const authorization = c.req.header('authorization');
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    const tokenOk = settings.proxyToken !== undefined && token !== undefined && sameSecret(token, settings.proxyToken);
    const allowed =
      policy === 'token-or-origin'
        ? tokenOk || allowedOrigin || ownPage
        : policy === 'loopback-only' && isLoopback(clientAddress(c.req.raw, c.env));
    if (!allowed) {
      if (origin !== undefined && !allowedOrigin) return c.json({ detail: 'This origin is not allowed to use the proxy' }, 403);
      return c.json({ detail: policy === 'nobody' ? 'The proxy has no PROXY_TOKEN or ALLOWED_ORIGINS configured: it serves nobody' : 'Missing or wrong proxy token' }, 401);
    }
    await next();
  };
}

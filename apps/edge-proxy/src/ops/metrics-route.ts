import type { Hono } from 'hono';
import { guard, type AccessRules, type GuardedEnv } from '../access/guard.ts';
import type { ProxyMetrics } from './proxy-metrics.ts';

/** The exposition as an answer; never cached on the way, since each scrape wants the values of now. */
export async function metricsResponse(metrics: ProxyMetrics): Promise<Response> {
  return new Response(await metrics.render(), {
    headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' },
  });
}

/**
 * `GET /metrics` on the API's port, behind the API's own gate: PROXY_TOKEN, or a request from
 * this machine when no credential is configured. A per-task token opens one task, not this
 * (the guard refuses it, as any route without that task's id).
 */
export function registerMetricsRoute(app: Hono<GuardedEnv>, access: AccessRules, metrics: ProxyMetrics): void {
  app.get('/metrics', guard(access), () => metricsResponse(metrics));
}

/**
 * The handler of the separate `METRICS_PORT`: `/metrics` and nothing else. No credential: what
 * protects it is where it listens (loopback unless METRICS_HOST says otherwise).
 */
export function metricsOnlyFetch(metrics: ProxyMetrics): (request: Request) => Promise<Response> {
  return async (request) => {
    if (new URL(request.url).pathname !== '/metrics') return Response.json({ detail: 'Not Found' }, { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return Response.json({ detail: 'Method Not Allowed' }, { status: 405, headers: { allow: 'GET, HEAD' } });
    return metricsResponse(metrics);
  };
}

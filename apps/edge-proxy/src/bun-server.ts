import type { Log } from './logger.ts';
import type { Limits } from './settings-limits.ts';

/** The slice of Bun's server this module uses, so it type-checks without Bun's types. */
export interface BunServer {
  readonly hostname: string;
  readonly port: number;
  readonly pendingRequests: number;
  requestIP(request: Request): { address: string } | null;
  /** Seconds a request's connection may stay idle; 0: no limit. */
  timeout(request: Request, seconds: number): void;
  stop(closeActiveConnections?: boolean): Promise<void>;
}

declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    idleTimeout: number;
    maxRequestBodySize: number;
    fetch(request: Request, server: BunServer): Response | Promise<Response>;
    error(error: Error): Response;
  }): BunServer;
};

export interface BunServerOptions {
  /** The app, handed the Bun server as `env` (as hono's Bun adapter does). */
  fetch: (request: Request, env: { server: BunServer }) => Response | Promise<Response>;
  hostname: string;
  port: number;
  limits: Pick<Limits, 'maxConnections' | 'headersTimeoutMs'>;
  log: Log;
}

// Bun's idle timeout is a whole number of seconds, at most 255.
const MAX_IDLE_SECONDS = 255;
// Well above the largest body a route takes (a callback's 64 KiB), well below Bun's 128 MiB.
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** The client's address as Bun saw the socket, for the pre-auth limit and the loopback rule. */
export const bunClientAddress = (request: Request, env: unknown): string | undefined =>
  (env as { server?: BunServer } | undefined)?.server?.requestIP(request)?.address;

/**
 * The proxy's HTTP server on Bun, with the limits Bun offers. Bun has one timer, the idle one: a
 * connection that sends nothing for `HEADERS_TIMEOUT_MS` (rounded up to seconds) is closed, so a
 * stalled request holds nothing for long; there is no whole-request timeout. Bun counts a
 * response that only writes as idle, so event streams (heartbeats every 15 s) are exempt. It has no
 * cap on connections: requests in flight past `MAX_CONNECTIONS` get a 503 instead. Headers are
 * capped by `bun --max-http-header-size=8192` (a flag of the process, set by `pnpm start:bun`).
 * A failure to bind throws, which stops the start.
 */
export function startBunServer(options: BunServerOptions): { server: BunServer; url: string } {
  const { limits, log } = options;
  const server = Bun.serve({
    hostname: options.hostname,
    port: options.port,
    idleTimeout: Math.min(MAX_IDLE_SECONDS, Math.max(1, Math.ceil(limits.headersTimeoutMs / 1000))),
    maxRequestBodySize: MAX_REQUEST_BODY_BYTES,
    async fetch(request, server) {
      // pendingRequests counts this one too.
      if (server.pendingRequests > limits.maxConnections) {
        log('warn', `request refused: MAX_CONNECTIONS (${limits.maxConnections}) requests in flight`);
        return Response.json({ detail: 'The proxy is at capacity' }, { status: 503, headers: { 'Retry-After': '10' } });
      }
      const response = await options.fetch(request, { server });
      if (response.headers.get('content-type')?.startsWith('text/event-stream')) server.timeout(request, 0);
      return response;
    },
    // The app answers its own errors; this is what escaped it. Logged, survived, and nothing said.
    error(error) {
      log('error', `unhandled error, still serving: ${error.name}`);
      return Response.json({ detail: 'Internal error' }, { status: 500 });
    },
  });
  const host = server.hostname.includes(':') ? `[${server.hostname}]` : server.hostname;
  return { server, url: `http://${host}:${server.port}` };
}

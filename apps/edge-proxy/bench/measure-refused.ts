import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import type { BenchChild } from './bench-child.ts';
import type { ProxyInfo, ProxyStats } from './proxy-probe.ts';
import type { UpstreamInfo } from './upstream-process.ts';

export interface RefusedFigures {
  requests: number;
  /** Answers by status: all 401 when the proxy is right. */
  statuses: Record<string, number>;
  /** Status calls the proxy made upstream, by its own count and by the simulator's log. */
  upstreamCalls: number;
  upstreamLogged: number;
  /** The proxy process after full GCs, before and after the refused requests. */
  heapBeforeMB: number;
  heapAfterMB: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  seconds: number;
  problems: string[];
}

const PROXY_TOKEN = `bench-proxy-token-${randomBytes(12).toString('hex')}`;
const MB = 1024 * 1024;

/** `amount` GETs of running tasks, each with no credential or a wrong one (a new random value each time). */
async function refuse(origin: string, paths: string[], amount: number) {
  let next = 0;
  const result = await autocannon({
    url: origin,
    connections: 50,
    amount,
    requests: [
      {
        method: 'GET',
        setupRequest: (outgoing) => {
          const index = next++;
          const headers: Record<string, string> =
            index % 2 === 0 ? {} : { authorization: `Bearer ${randomBytes(18).toString('base64url')}` };
          return { ...outgoing, path: paths[index % paths.length]!, headers };
        },
      },
    ],
  });
  return {
    result,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
  };
}

/**
 * `count` requests without a valid credential against a proxy configured with PROXY_TOKEN (and a
 * pre-auth limit high enough that they all reach the credential check), on a proxy process of
 * their own: what they cost upstream (nothing) and in the proxy's memory (nothing retained).
 */
export async function measureRefused(
  count: number,
  upstream: BenchChild<UpstreamInfo>,
  startProxy: (settings: Record<string, string>) => Promise<BenchChild<ProxyInfo>>,
): Promise<RefusedFigures> {
  const paths = (
    await upstream.call<string[]>('createTasks', { count: 100, script: { queuedMs: 0, durationMs: 3_600_000 } })
  ).map((id) => `/api/generate/status/${id}`);
  const proxy = await startProxy({ PROXY_TOKEN, PRE_AUTH_RATE_LIMIT_PER_MINUTE: '1000000000' });
  try {
    const loggedBefore = await upstream.call<number>('requestCount');
    // Once through the refusal's code, so that what is measured is the requests', not the JIT's.
    await refuse(proxy.info.url, paths, 5000);
    const before = await proxy.call<NodeJS.MemoryUsage>('memory');
    const started = performance.now();
    const { result, statuses } = await refuse(proxy.info.url, paths, count);
    const seconds = (performance.now() - started) / 1000;
    const after = await proxy.call<NodeJS.MemoryUsage>('memory');
    const { upstreamCalls } = await proxy.call<ProxyStats>('stats');
    const upstreamLogged = (await upstream.call<number>('requestCount')) - loggedBefore;
    const problems: string[] = [];
    if (result.requests.total !== count) problems.push(`${result.requests.total} of ${count} requests answered`);
    if (statuses['401'] !== result.requests.total) problems.push(`answers other than 401: ${JSON.stringify(statuses)}`);
    if (upstreamCalls !== 0 || upstreamLogged !== 0)
      problems.push(`${upstreamCalls} upstream calls (${upstreamLogged} in the simulator's log)`);
    if (result.errors + result.timeouts > 0) problems.push(`${result.errors} errors, ${result.timeouts} timeouts`);
    return {
      requests: result.requests.total,
      statuses,
      upstreamCalls,
      upstreamLogged,
      heapBeforeMB: before.heapUsed / MB,
      heapAfterMB: after.heapUsed / MB,
      rssBeforeMB: before.rss / MB,
      rssAfterMB: after.rss / MB,
      seconds,
      problems,
    };
  } finally {
    await proxy.stop();
  }
}

const count = (value: number) => value.toLocaleString('en-US');
const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;

/** The report's line: `refused requests: 100,000 → 0 upstream calls, heap +0.1 MB …`. */
export function refusedLine(figures: RefusedFigures): string {
  const { requests, upstreamCalls, heapBeforeMB, heapAfterMB, rssBeforeMB, rssAfterMB, seconds } = figures;
  return (
    'Refused requests (no or wrong credential, PROXY_TOKEN set): ' +
    `${count(requests)} → ${count(upstreamCalls)} upstream calls, ` +
    `heap ${signed(heapAfterMB - heapBeforeMB)} MB (${heapBeforeMB.toFixed(1)} → ${heapAfterMB.toFixed(1)} MB), ` +
    `RSS ${signed(rssAfterMB - rssBeforeMB)} MB (${rssBeforeMB.toFixed(0)} → ${rssAfterMB.toFixed(0)} MB), ` +
    `${count(Math.round(requests / seconds))} refusals/s ${figures.problems.length === 0 ? '✓' : '✗'}`
  );
}

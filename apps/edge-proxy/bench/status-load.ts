import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { percentile } from './percentile.ts';

/** Where to send status GETs: an origin, paths to go through in turn, and the headers to send. */
export interface Target {
  origin: string;
  paths: string[];
  headers?: Record<string, string>;
}

export interface LoadFigures {
  requestsPerSecond: number;
  /** Under load, whole milliseconds (autocannon's histogram). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  /** Errors, timeouts and answers other than 200. */
  failures: number;
}

/**
 * Closed-loop load: `connections` keep-alive connections, each sending its next request as soon
 * as the last was answered, the paths taken in turn across all of them (so that 50 requests in
 * flight ask for 50 different tasks), for `seconds`.
 */
export async function measureLoad(
  target: Target,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: target.origin,
    connections,
    duration: seconds,
    headers: target.headers ?? {},
    requests: [
      {
        method: 'GET',
        setupRequest: (outgoing) => ({ ...outgoing, path: target.paths[next++ % target.paths.length]! }),
      },
    ],
  });
  const ok = result.statusCodeStats['200']?.count ?? 0;
  return {
    // Answers over the run's real duration (autocannon's average is over whole-second samples).
    requestsPerSecond: result.requests.total / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + (result.requests.total - ok),
  };
}

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
}

/**
 * Unloaded latency: one keep-alive connection, one request at a time, timed to the microsecond
 * (autocannon rounds to whole milliseconds, too coarse for a loopback round trip).
 */
export async function measureLatency(target: Target, count: number): Promise<LatencyFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(target.origin);
  const once = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const outgoing = request(
        { agent, host: url.hostname, port: url.port, path, headers: target.headers },
        (incoming) => {
          if (incoming.statusCode !== 200) reject(new Error(`GET ${path}: ${incoming.statusCode}`));
          incoming.resume();
          incoming.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  const times: number[] = [];
  try {
    for (let index = 0; index < count; index++) times.push(await once(target.paths[index % target.paths.length]!));
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) };
}

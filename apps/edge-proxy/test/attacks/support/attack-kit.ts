import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { createTaskToken } from '@vidgo-sdk/task-token';
import type { SimulatorOptions } from '@vidgo-sdk/testing';
import { expect } from 'vitest';
import { proxyHarness, UPSTREAM_KEY } from '../../support/proxy-harness.ts';
import { proxyOverHttp } from '../../support/served-over-http.ts';

/** The operator's credentials in these cases: long and unlike anything else, so a leak is easy to find. */
export const PROXY_TOKEN = 'proxy-token-attacks-7f3a9c1e5b';
export const TASK_TOKEN_SECRET = 'task-token-secret-attacks-0d8e6b4a2c9f7e5d';
export const OPERATOR_SECRETS = [PROXY_TOKEN, TASK_TOKEN_SECRET, UPSTREAM_KEY];

export type ProxyUnderAttack = ReturnType<typeof proxyHarness> | Awaited<ReturnType<typeof proxyOverHttp>>;

/**
 * The two ways a request meets the app: `app.request` in process (as Workers and Deno hand it a
 * Request), and a real Node HTTP server on 127.0.0.1, where the client is its socket's address.
 */
export const transports: readonly (readonly [
  string,
  (env?: Record<string, string>, simulator?: SimulatorOptions) => Promise<ProxyUnderAttack>,
])[] = [
  ['in process', async (env, simulator) => proxyHarness(env, simulator)],
  ['over HTTP', (env, simulator) => proxyOverHttp(env, simulator)],
];

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  detail?: string;
}

/** Reads an answer whole, and keeps it in `seen` for the leak check. */
export async function answerOf(response: Response, seen?: string[]): Promise<Answer> {
  const body = await response.text();
  let detail: string | undefined;
  try {
    detail = (JSON.parse(body) as { detail?: string }).detail;
  } catch {
    detail = undefined;
  }
  seen?.push(
    `${response.status}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${body}`,
  );
  return { status: response.status, headers: response.headers, body, detail };
}

/** No secret, and no credential an attacker or a viewer sent, in any answer or log line. */
export function expectNothingLeaked(
  seen: readonly string[],
  logs: readonly string[],
  secrets: readonly string[] = [],
): void {
  const texts = [...seen, ...logs];
  expect(texts.length).toBeGreaterThan(0);
  for (const secret of [...OPERATOR_SECRETS, ...secrets]) {
    const leaked = texts.find((text) => text.includes(secret));
    expect(leaked, `"${secret.slice(0, 12)}…" leaked`).toBeUndefined();
  }
}

// --- Task tokens: genuine ones on the proxy's clock, and an attacker's forgeries built by hand.

export const taskToken = (taskId: string, now: () => number, expiresInSeconds = 3600) =>
  createTaskToken(taskId, { secret: TASK_TOKEN_SECRET, now, expiresInSeconds });

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT as an attacker writes one: any header, any claims, signed with any secret (or not at all). */
export function handMadeToken({
  header = { alg: 'HS256', typ: 'JWT' },
  claims,
  secret,
}: {
  header?: Record<string, unknown>;
  claims: Record<string, unknown>;
  secret?: string;
}): string {
  const signed = `${encode(header)}.${encode(claims)}`;
  return `${signed}.${secret === undefined ? '' : createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

export const claimsFor = (taskId: string, now: number, lifetimeSeconds = 600) => ({
  sub: taskId,
  iat: Math.floor(now / 1000),
  exp: Math.floor(now / 1000) + lifetimeSeconds,
});

// --- Real sockets, for what fetch will not send (another Host) or cannot show (a refusal from Node itself).

/** A GET over node:http with exactly these headers (Host included), on a connection of its own. */
export function rawGet(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, path, headers, agent: false }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Writes `bytes` on a new socket and reads until the server closes it: what came back, and when. */
export function rawExchange(origin: string, bytes: string): Promise<{ text: string; closedAfterMs: number }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
  });
}

import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { proxyOverHttp } from '../support/served-over-http.ts';
import { PROXY_TOKEN, rawExchange } from './support/attack-kit.ts';

// What Node's server refuses before the app sees anything: oversized headers, and headers that
// never finish arriving.

const requestWithHeader = (origin: string, path: string, bytes: number) =>
  [
    `GET ${path} HTTP/1.1`,
    `Host: ${new URL(origin).host}`,
    `Authorization: Bearer ${PROXY_TOKEN}`,
    `X-Padding: ${'a'.repeat(bytes)}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');

describe('oversized headers, over HTTP', () => {
  it('are answered 431 by Node itself past 8 KiB (below its 16 KiB default), with no upstream call', async () => {
    const { origin, simulator, upstreamRequests, logs } = await proxyOverHttp({ PROXY_TOKEN });
    const id = simulator.createTask();
    const path = `/api/generate/status/${id}`;
    for (const bytes of [16 * 1024, 12 * 1024]) {
      const { text } = await rawExchange(origin, requestWithHeader(origin, path, bytes));
      expect(text, `${bytes} bytes`).toMatch(/^HTTP\/1\.1 431 /);
      expect(text).not.toContain(PROXY_TOKEN);
    }
    expect(upstreamRequests()).toBe(0);
    // Under the cap the same request is served.
    const { text } = await rawExchange(origin, requestWithHeader(origin, path, 6 * 1024));
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(upstreamRequests()).toBe(1);
    expect(logs.join('\n')).not.toContain(PROXY_TOKEN);
  });
});

/**
 * A slowloris client: sends `head`, then one more byte of `drip` every `everyMs`, never finishing.
 * Resolves when the server closes the socket (or after `giveUpMs`, closing it itself).
 */
function slowloris(origin: string, head: string, drip: string, { everyMs = 100, giveUpMs = 3000 } = {}) {
  const url = new URL(origin);
  return new Promise<{ closedByServer: boolean; afterMs: number; text: string; bytesSent: number }>((resolve) => {
    const started = Date.now();
    let text = '';
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(head);
      bytesSent += head.length;
      let index = 0;
      timer = setInterval(() => {
        if (socket.destroyed || !socket.writable) return;
        socket.write(drip[index++ % drip.length]!);
        bytesSent++;
      }, everyMs);
    });
    const stop = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, giveUpMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(stop);
      resolve({ closedByServer: !gaveUp, afterMs: Date.now() - started, text, bytesSent });
    });
  });
}

describe('slowloris, over HTTP', () => {
  it('is cut off within HEADERS_TIMEOUT_MS (500 ms here) while normal requests are served meanwhile', async () => {
    const { origin, simulator, request, upstreamRequests, connections } = await proxyOverHttp({
      PROXY_TOKEN,
      HEADERS_TIMEOUT_MS: '500',
    });
    const id = simulator.createTask();
    const host = new URL(origin).host;
    // Two at once: one stalls in the request line, one in its headers.
    const attacks = Promise.all([
      slowloris(origin, 'GET /api/generate/status/', `${id} HTTP/1.1`),
      slowloris(origin, `GET /api/generate/status/${id} HTTP/1.1\r\nHost: ${host}\r\n`, 'X-a: b\r\n'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await connections()).toBeGreaterThanOrEqual(2);
    const normal = await request(`/api/generate/status/${id}`, { headers: { authorization: `Bearer ${PROXY_TOKEN}` } });
    expect(normal.status).toBe(200);
    await normal.text();

    for (const attack of await attacks) {
      expect(attack.closedByServer).toBe(true);
      // 500 ms of timeout, plus up to one 100 ms check of the test server, plus scheduling slack.
      expect(attack.afterMs).toBeGreaterThanOrEqual(450);
      expect(attack.afterMs).toBeLessThan(1500);
      // Node answers 408 when it can, or just closes.
      expect(attack.text === '' || attack.text.startsWith('HTTP/1.1 408')).toBe(true);
      expect(attack.bytesSent).toBeGreaterThan(3);
    }
    expect(upstreamRequests()).toBe(1);
    expect(await connections()).toBeLessThanOrEqual(1);
  });
});

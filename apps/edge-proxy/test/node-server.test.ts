import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startNodeServer } from '../src/node-server.ts';
import { DEFAULT_LIMITS } from '../src/settings-limits.ts';
import { eventually } from './support/served-over-http.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function start(limits: Partial<typeof DEFAULT_LIMITS> = {}, port = 0) {
  const logs: string[] = [];
  const { server, url } = await startNodeServer({
    fetch: () => new Response('ok'),
    hostname: '127.0.0.1',
    port,
    limits: { ...DEFAULT_LIMITS, ...limits },
    log: (level, message) => logs.push(`${level}: ${message}`),
    checkIntervalMs: 100,
  });
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { server, url, logs };
}

/** A raw connection, and whether the server has closed it. */
function open(url: string): Promise<{ socket: Socket; closed: () => boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let closed = false;
    const socket = connect(Number(port), hostname, () => resolve({ socket, closed: () => closed }));
    socket.on('close', () => (closed = true));
    socket.resume();
    socket.on('error', () => {});
    socket.once('error', reject);
    cleanups.push(() => socket.destroy());
  });
}

describe('startNodeServer', () => {
  it('closes connections past MAX_CONNECTIONS at once, says so, and serves again when one leaves', async () => {
    const { url, logs } = await start({ maxConnections: 2 });
    const first = await open(url);
    await open(url);
    const third = await open(url);
    await eventually(() => third.closed(), 'the third connection to be closed');
    expect(logs.join('\n')).toMatch(/MAX_CONNECTIONS \(2\) reached/);
    first.socket.destroy();
    await eventually(
      async () => (await fetch(url).catch(() => undefined))?.status === 200,
      'a request to be served again',
    );
  });

  it('logs an error once listening (an accept that failed) and goes on serving', async () => {
    const { server, url, logs } = await start();
    server.emit('error', Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' }));
    expect(logs).toContain('error: server error, still serving: EMFILE');
    expect((await fetch(url)).status).toBe(200);
  });

  it('rejects when it cannot bind, which stops the start', async () => {
    const { url } = await start();
    await expect(start({}, Number(new URL(url).port))).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('closes a connection that has not sent its headers within HEADERS_TIMEOUT_MS', async () => {
    const { url } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const slow = await open(url);
    slow.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await eventually(() => slow.closed(), 'the slow connection to be closed', 3000);
  });
});

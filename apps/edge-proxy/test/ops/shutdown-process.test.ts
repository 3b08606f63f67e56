import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/served-over-http.ts';
import { killGroup, type StartedEntry, startEntry } from '../support/entry-process.ts';
import { rawConnection, refusesConnections } from '../support/raw-socket.ts';

const PROXY_TOKEN = 'proxy-token-shutdown-3e5a7c9b1d';
const bearer = { authorization: `Bearer ${PROXY_TOKEN}` };
const started: StartedEntry[] = [];
afterAll(() => {
  for (const entry of started) killGroup(entry.child);
});

/** A watcher of a long simulated task, once its first event has arrived: the stream's text as it grows. */
async function watcher(url: string) {
  const created = await fetch(`${url}/demo/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"kind":"video"}',
  });
  const { task_id: taskId } = (await created.json()) as { task_id: string };
  const response = await fetch(`${url}/api/generate/status/${taskId}/events`, { headers: bearer });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let ended = false;
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    ended = true;
  })();
  await eventually(() => text.includes('event: task'), 'the first event');
  return { text: () => text, ended: () => ended, reading };
}

describe.each(['node', 'deno', 'bun'] as const)('the %s entrypoint on SIGTERM', (runtime) => {
  it('refuses new connections, ends streams with a retry hint, closes idle sockets, exits 0 in time', async () => {
    const proxy = await startEntry(runtime, {
      PROXY_TOKEN,
      LOG_FORMAT: 'json',
      // Node: a request still arriving after 3 s is closed by force (its own timeouts stop with the server).
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '3000',
    });
    started.push(proxy);
    const stream = await watcher(proxy.url);
    // A keep-alive connection between requests, and a client still sending its headers.
    const idle = await rawConnection(proxy.port);
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await eventually(() => idle.received().includes('"ok":true'), 'the keep-alive answer');
    const slow = await rawConnection(proxy.port);
    slow.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');

    const signalledAt = Date.now();
    process.kill(proxy.child.pid!, 'SIGTERM');
    await stream.reading;
    expect(stream.text()).toMatch(/retry: 1000\n\n$/);
    expect(stream.text()).not.toContain('watch-failed');
    expect(await refusesConnections(proxy.port)).toBe(true);
    await eventually(() => idle.closed(), 'the idle connection to be closed', 5000);
    if (runtime === 'node') {
      // The slow client holds the drain: the process is still there, refusing, with its idle socket closed.
      expect(proxy.child.exitCode).toBeNull();
      expect(slow.closed()).toBe(false);
    }
    expect(await proxy.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);

    const lines = proxy.output().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { level: string; msg: string; signal?: string });
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'info', msg: expect.stringMatching(/^shutting down/), signal: 'SIGTERM' }),
    );
    expect(entries.at(-1)).toMatchObject({ level: 'info', msg: 'stopped' });
    expect(proxy.output()).not.toContain(PROXY_TOKEN);
  }, 30_000);
});

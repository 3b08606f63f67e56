import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startBunFlags, startEntry } from '../support/entry-process.ts';

// What the Bun entrypoint does with the limits Bun offers (src/bun-server.ts); the checks every
// entrypoint passes are in entrypoints.test.ts.

/** The status of a GET sent with one header of `bytes` bytes (fetch would refuse to send some). */
function statusWithHeaderOf(url: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${url}/healthz`, { headers: { 'x-padding': 'a'.repeat(bytes) } }, (answer) => {
      answer.resume();
      resolve(answer.statusCode!);
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('the Bun entrypoint', () => {
  it('is started with headers capped at 8 KiB, as Node caps them', async () => {
    expect(startBunFlags()).toContain('--max-http-header-size=8192');
    const { url } = await startEntry('bun', {});
    expect(await statusWithHeaderOf(url, 4 * 1024)).toBe(200);
    expect(await statusWithHeaderOf(url, 9 * 1024)).toBe(431);
  }, 30_000);

  it('answers 503 past MAX_CONNECTIONS requests in flight (Bun has no cap on connections)', async () => {
    const { url } = await startEntry('bun', { MAX_CONNECTIONS: '1' });
    const { task_id: taskId } = (await (
      await fetch(`${url}/demo/tasks`, { method: 'POST', body: '{"kind":"video"}' })
    ).json()) as { task_id: string };
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const controller = new AbortController();
    const stream = await fetch(`${url}/api/generate/status/${taskId}/events`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    const refused = await fetch(`${url}/healthz`);
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '10']);
    controller.abort();
  }, 30_000);

  it('keeps an event stream open past the idle timeout that closes stalled connections', async () => {
    // HEADERS_TIMEOUT_MS becomes Bun's idle timeout (1 s here, which Bun applies within 4 s).
    // Bun counts a response that only writes as idle: without the stream's exemption it would be
    // cut long before the heartbeat (15 s) or the task's end.
    const { url } = await startEntry('bun', { HEADERS_TIMEOUT_MS: '1000' });
    const created = await fetch(`${url}/demo/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"kind":"video"}',
    });
    const { task_id: taskId } = (await created.json()) as { task_id: string };
    const events = await fetch(`${url}/api/generate/status/${taskId}/events`);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.getReader();
    let ended: string | undefined;
    const reading = (async () => {
      try {
        while (!(await reader.read()).done);
        ended = 'the stream ended';
      } catch (error) {
        ended = `the stream broke: ${String(error)}`;
      }
    })();
    // Waiting out the idle timeout is the point of this check: 6 s, past Bun's 4 s granularity.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(ended).toBeUndefined();
    await reader.cancel().catch(() => {});
    await reading;
  }, 30_000);
});

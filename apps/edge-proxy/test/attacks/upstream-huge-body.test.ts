import { describe, expect, it } from 'vitest';
import { MAX_UPSTREAM_BODY_BYTES } from '../../src/upstream/capped-fetch.ts';
import { proxyWithUpstream } from './support/custom-upstream.ts';
import { answerOf, PROXY_TOKEN } from './support/attack-kit.ts';

const CHUNK = 64 * 1024;
const FIFTY_MB = 50 * 1024 * 1024;
const PREFIX = new TextEncoder().encode('{"code":200,"data":{"task_id":"x","status":"running","files":[],"padding":"');
// The cap, plus the one chunk that crossed it (and the JSON prefix sent first).
const BOUND = MAX_UPSTREAM_BODY_BYTES + CHUNK + PREFIX.byteLength;

/**
 * An upstream whose every answer is a 50 MB body (a JSON prefix, then spaces), made on demand:
 * `pulled` counts, per call, the bytes the proxy actually read from it.
 */
function hugeUpstream({ declareLength }: { declareLength: boolean }) {
  const pulled: number[] = [];
  const wrap = (): typeof fetch => async () => {
    const call = pulled.push(0) - 1;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled[call]! >= FIFTY_MB) return controller.close();
        const chunk = pulled[call] === 0 ? PREFIX : new Uint8Array(CHUNK).fill(0x20);
        pulled[call] = pulled[call]! + chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(FIFTY_MB) } : {}) },
    });
  };
  return { pulled, wrap };
}

const authorization = `Bearer ${PROXY_TOKEN}`;

describe.each([
  ['streamed with no Content-Length', false],
  ['declaring its 50 MB Content-Length', true],
] as const)('a 50 MB upstream body, %s (in process)', (_what, declareLength) => {
  it('is a 502 within a second, having read no more than the 1 MiB cap of it per call', async () => {
    const upstream = hugeUpstream({ declareLength });
    const proxy = proxyWithUpstream(upstream.wrap, { PROXY_TOKEN });
    const started = performance.now();
    const answer = await answerOf(
      await proxy.run(proxy.request('/api/generate/status/task-huge-1', { headers: { authorization } })),
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body.length).toBeLessThan(200);
    // The status client retries once (a body cut off looks like a broken connection); every call stops at the cap.
    expect(upstream.pulled.length).toBeGreaterThanOrEqual(1);
    expect(upstream.pulled.length).toBeLessThanOrEqual(2);
    for (const bytes of upstream.pulled) expect(bytes).toBeLessThanOrEqual(declareLength ? PREFIX.byteLength : BOUND);

    // The events route reads first: a plain 502, not a stream.
    const events = await answerOf(
      await proxy.run(proxy.request('/api/generate/status/task-huge-2/events', { headers: { authorization } })),
    );
    expect(events.status).toBe(502);
    expect(events.headers.get('content-type')).toMatch(/^application\/json/);
    for (const bytes of upstream.pulled) expect(bytes).toBeLessThanOrEqual(declareLength ? PREFIX.byteLength : BOUND);
    expect(upstream.pulled.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThan(5 * BOUND);
    expect(proxy.logs.join('\n')).not.toContain(PROXY_TOKEN);
  });
});

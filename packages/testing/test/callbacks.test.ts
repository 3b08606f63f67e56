import { describe, expect, it } from 'vitest';
import { createVidgoSimulator } from '../src/create-vidgo-simulator.ts';
import type { SimulatorOptions } from '../src/simulator-types.ts';
import { VirtualClock } from '../src/virtual-clock.ts';

interface Delivery {
  url: string;
  method: string;
  contentType: string | null;
  body: unknown;
}

function withReceiver(
  options: SimulatorOptions = {},
  answer: () => Response | Promise<Response> = () => new Response('ok'),
) {
  const deliveries: Delivery[] = [];
  const callbackFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    deliveries.push({
      url: request.url,
      method: request.method,
      contentType: request.headers.get('content-type'),
      body: await request.json(),
    });
    return answer();
  };
  return { sim: createVidgoSimulator({ ...options, callbackFetch }), deliveries };
}

describe('callbacks', () => {
  it('POSTs the status envelope once, at the terminal instant', async () => {
    const { sim, deliveries } = withReceiver();
    const id = sim.createTask({ queuedMs: 1000, durationMs: 4000, callbackUrl: 'https://example.test/hook?secret=s' });
    await sim.advance(4999);
    expect(deliveries).toEqual([]);
    await sim.advance(1);
    expect(deliveries).toEqual([
      {
        url: 'https://example.test/hook?secret=s',
        method: 'POST',
        contentType: 'application/json',
        body: { code: 200, data: sim.getTask(id) },
      },
    ]);
    expect(sim.callbacks).toEqual([
      { url: 'https://example.test/hook?secret=s', taskId: id, status: 200, at: sim.clock.now() },
    ]);
    await sim.advance(60_000);
    expect(deliveries).toHaveLength(1);
  });

  it("sends the flat Task without progress in the 'flat' shape", async () => {
    const { sim, deliveries } = withReceiver({ callbackShape: 'flat' });
    const id = sim.createTask({
      queuedMs: 0,
      durationMs: 1000,
      outcome: 'failed',
      callbackUrl: 'https://example.test/hook',
    });
    await sim.advance(1000);
    const body = deliveries[0]?.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['task_id', 'status', 'files', 'created_time', 'error_message']);
    expect(body).toMatchObject({
      task_id: id,
      status: 'failed',
      error_message: 'The prompt violates our content policy',
    });
  });

  it('submit passes callback_url on to the task', async () => {
    const { sim, deliveries } = withReceiver({ submitScript: () => ({ queuedMs: 0, durationMs: 500 }) });
    const response = await sim.fetch(`${sim.baseUrl}/api/generate/submit`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key' },
      body: JSON.stringify({ model: 'gpt-image-2', callback_url: 'https://example.test/cb', input: { prompt: 'p' } }),
    });
    const { data } = (await response.json()) as { data: { task_id: string } };
    await sim.advance(500);
    expect(deliveries.map((delivery) => delivery.url)).toEqual(['https://example.test/cb']);
    expect((deliveries[0]!.body as { data: { task_id: string } }).data.task_id).toBe(data.task_id);
  });

  it('records receiver errors and failures without throwing', async () => {
    let calls = 0;
    const { sim } = withReceiver({}, () => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed');
      return new Response('nope', { status: 500 });
    });
    const first = sim.createTask({ queuedMs: 0, durationMs: 100, callbackUrl: 'https://down.test/' });
    const second = sim.createTask({ queuedMs: 0, durationMs: 200, callbackUrl: 'https://flaky.test/' });
    await sim.advance(200);
    expect(sim.callbacks).toEqual([
      { url: 'https://down.test/', taskId: first, status: 'error', error: 'fetch failed', at: expect.any(Number) },
      { url: 'https://flaky.test/', taskId: second, status: 500, at: expect.any(Number) },
    ]);
  });

  it('reset cancels deliveries that are not yet due', async () => {
    const clock = new VirtualClock();
    const { sim, deliveries } = withReceiver({ clock });
    sim.createTask({ queuedMs: 0, durationMs: 1000, callbackUrl: 'https://example.test/hook' });
    expect(clock.pendingTimers).toBe(1);
    sim.reset();
    expect(clock.pendingTimers).toBe(0);
    await sim.advance(2000);
    expect(deliveries).toEqual([]);
    expect(sim.callbacks).toEqual([]);
  });
});

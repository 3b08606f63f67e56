import { describe, expect, it } from 'vitest';
import type { Fault } from '@vidgo-sdk/testing';
import { proxyHarness, readEvents, UPSTREAM_KEY } from './support/proxy-harness.ts';

const faults: Fault[] = [
  { type: 'status', status: 401 },
  { type: 'status', status: 403 },
  { type: 'status', status: 429, retryAfter: 5 },
  { type: 'status', status: 500, body: 'error' },
  { type: 'status', status: 502, body: 'html' },
  { type: 'malformed' },
  { type: 'truncated' },
  { type: 'drop' },
  { type: 'hang' },
];

async function everythingSent(response: Response): Promise<string> {
  return `${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n${await response.text()}`;
}

describe('the upstream key appears nowhere', () => {
  it.each(faults.map((fault) => [JSON.stringify(fault), fault] as const))(
    'after %s: not in the response, its headers, or the log',
    async (_, fault) => {
      const { simulator, request, run, logs } = proxyHarness({ CALLBACK_SECRET: 'cb_secret_0123456789abcdef' });
      const id = simulator.createTask();
      simulator.inject({ ...fault, times: Infinity });
      const status = await run(request(`/api/generate/status/${id}`));
      const events = await run(request(`/api/generate/status/${id}/events`)).then((response) =>
        run(readEvents(response, (seen) => seen.length > 0)),
      );
      const callback = await run(
        request('/callbacks/vidgo/cb_secret_0123456789abcdef', {
          method: 'POST',
          body: JSON.stringify({ task_id: id, status: 'finished' }),
        }),
      );
      const seen = [
        await everythingSent(status),
        JSON.stringify(events),
        await everythingSent(callback),
        logs.join('\n'),
      ].join('\n');
      expect(seen).not.toContain(UPSTREAM_KEY);
    },
  );

  it('even when upstream echoes it back', async () => {
    const { simulator, request, run, logs } = proxyHarness();
    simulator.inject({ type: 'status', status: 500, message: `bad key ${UPSTREAM_KEY}`, times: Infinity });
    const response = await run(request('/api/generate/status/t'));
    expect(await everythingSent(response)).not.toContain(UPSTREAM_KEY);
    expect(logs.join('\n')).not.toContain(UPSTREAM_KEY);
  });
});

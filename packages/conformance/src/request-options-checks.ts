import { equal, isError, ok, rejects } from './assert.ts';
import type { ConformanceHarness, ConformanceTarget } from './target.ts';

const KEY = 'vk_conformance_1234567890';

/**
 * Per-call options on every runtime: each has its own `Headers` (which does the checking) and its
 * own timers (which cap `timeoutMs`).
 */
export function defineRequestOptionsChecks({ test }: ConformanceHarness, { core }: ConformanceTarget): void {
  const recording = () => {
    const sent: Headers[] = [];
    const client = core.createVidgoClient({
      apiKey: KEY,
      headers: { 'x-team': 'render' },
      fetch: async (_url, init) => {
        sent.push(new Headers(init?.headers));
        return Response.json({ code: 200, data: { task_id: 't', status: 'running' } });
      },
    });
    return { client, sent };
  };

  test('a call sends its own headers over the client ones, and never its own authorization', async () => {
    const { client, sent } = recording();
    await client.getTask('t', {
      headers: { 'X-Team': 'audio', 'x-trace': '1' },
      timeoutMs: 2 ** 31 - 1,
      maxRetries: 0,
    });
    equal(
      [sent[0]!.get('x-team'), sent[0]!.get('x-trace'), sent[0]!.get('authorization')],
      ['audio', '1', `Bearer ${KEY}`],
      'headers sent',
    );
    const refused = await rejects(
      client.getTask('t', { headers: { Authorization: 'Bearer vk_someone_else' } }),
      'authorization',
    );
    isError(refused, 'ConfigurationError', { code: 'configuration', operation: 'getTask' }, 'authorization');
    ok(
      !JSON.stringify(refused).includes('someone_else') && !String(refused).includes('someone_else'),
      'the refused value is not quoted',
    );
    equal(sent.length, 1, 'requests sent');
  });

  test('bad call options are refused before anything is sent, quoting no value', async () => {
    const { client, sent } = recording();
    const bad: Record<string, unknown>[] = [
      { timeoutMs: 0 },
      { timeoutMs: 2 ** 31 },
      { maxRetries: 1.5 },
      { headers: { 'x bad': '1' } },
      { headers: { 'x-note': 'a\nX-Secret: vk_in_a_value' } },
      { signal: {} },
    ];
    for (const options of bad) {
      const error = await rejects(client.getTask('t', options), JSON.stringify(options));
      isError(error, 'ConfigurationError', { code: 'configuration' }, JSON.stringify(options));
      ok(!String(error).includes('vk_in_a_value'), 'no value quoted');
    }
    equal(sent.length, 0, 'requests sent');
  });
}

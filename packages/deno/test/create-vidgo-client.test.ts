import assert from 'node:assert/strict';
import { ConfigurationError, VidgoError } from '@vidgo-sdk/core';
import { createVidgoClient } from '../src/create-vidgo-client.ts';

const TASK = {
  code: 200,
  data: { task_id: 'task-1', status: 'running', files: [], progress: 10, error_message: null },
};

/** A fetch that records what was sent and answers one running task. */
function recordingFetch() {
  const sent: { url: string; authorization: string | null }[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    return Promise.resolve(Response.json(TASK));
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

/** Runs `body` with VIDGO_* set as given (undefined: unset), then puts the environment back. */
async function withEnv(values: Record<string, string | undefined>, body: () => Promise<void> | void): Promise<void> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, Deno.env.get(name)]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries))
      value === undefined ? Deno.env.delete(name) : Deno.env.set(name, value);
  };
  apply(values);
  try {
    await body();
  } finally {
    apply(saved);
  }
}

Deno.test('createVidgoClient: the key and base URL come from Deno.env', () =>
  withEnv({ VIDGO_API_KEY: 'vk_from_env_123', VIDGO_BASE_URL: 'http://127.0.0.1:8787/vidgo' }, async () => {
    const { sent, fetch } = recordingFetch();
    const vidgo = createVidgoClient({ fetch });
    assert.equal(vidgo.baseUrl, 'http://127.0.0.1:8787/vidgo');
    assert.equal((await vidgo.getTask('task-1')).status, 'running');
    assert.deepEqual(sent, [
      { url: 'http://127.0.0.1:8787/vidgo/api/generate/status/task-1', authorization: 'Bearer vk_from_env_123' },
    ]);
    assert.equal(typeof vidgo.waitForTask, 'function', 'the full client, with the waiting engine');
  }));

Deno.test('createVidgoClient: options win over the environment; values are trimmed', () =>
  withEnv({ VIDGO_API_KEY: 'vk_from_env_123\r\n', VIDGO_BASE_URL: 'https://proxy.example' }, async () => {
    const { sent, fetch } = recordingFetch();
    await createVidgoClient({ fetch, apiKey: 'vk_option', baseUrl: 'https://other.example' }).getTask('t');
    assert.deepEqual(sent, [{ url: 'https://other.example/api/generate/status/t', authorization: 'Bearer vk_option' }]);
    const fromEnv = recordingFetch();
    await createVidgoClient({ fetch: fromEnv.fetch }).getTask('t');
    assert.equal(fromEnv.sent[0]!.authorization, 'Bearer vk_from_env_123');
  }));

Deno.test('createVidgoClient: without VIDGO_BASE_URL, the default API', () =>
  withEnv({ VIDGO_API_KEY: 'vk_1', VIDGO_BASE_URL: undefined }, () => {
    assert.equal(createVidgoClient().baseUrl, 'https://api.vidgo.ai');
  }));

Deno.test('createVidgoClient: no key for Vidgo itself is a ConfigurationError at creation, saying where one goes', () =>
  withEnv({ VIDGO_API_KEY: undefined, VIDGO_BASE_URL: undefined }, () => {
    for (const options of [undefined, {}, { apiKey: '' }, { baseUrl: 'https://api.vidgo.ai' }]) {
      assert.throws(
        () => createVidgoClient(options),
        (error: unknown) => {
          assert.ok(error instanceof ConfigurationError && VidgoError.is(error));
          assert.equal(error.code, 'configuration');
          assert.equal(error.operation, 'createVidgoClient');
          assert.match(error.message, /^createVidgoClient: no API key: .*, or pass createVidgoClient\(\{ apiKey \}\)$/);
          assert.match(
            error.message,
            options?.apiKey === ''
              ? /the apiKey option is empty/
              : /VIDGO_API_KEY is missing or empty in Deno\.env: set VIDGO_API_KEY/,
          );
          return true;
        },
      );
    }
  }));

Deno.test('createVidgoClient: a client of a proxy may go without a key (the same rule as on Node and Workers)', () =>
  withEnv({ VIDGO_API_KEY: undefined, VIDGO_BASE_URL: 'http://127.0.0.1:8787/vidgo' }, async () => {
    const { sent, fetch } = recordingFetch();
    await createVidgoClient({ fetch }).getTask('t');
    assert.deepEqual(sent, [{ url: 'http://127.0.0.1:8787/vidgo/api/generate/status/t', authorization: null }]);
  }));

Deno.test({
  name: 'createVidgoClient: without --allow-env, a ConfigurationError naming the flag (not a crash)',
  permissions: { env: false },
  fn() {
    assert.throws(
      () => createVidgoClient(),
      (error: unknown) => {
        assert.ok(error instanceof ConfigurationError);
        assert.match(error.message, /no permission to read VIDGO_API_KEY/);
        assert.match(error.message, /--allow-env=VIDGO_API_KEY,VIDGO_BASE_URL/);
        assert.ok(error.cause instanceof Deno.errors.NotCapable, `cause: ${String(error.cause)}`);
        return true;
      },
    );
  },
});

Deno.test({
  name: 'createVidgoClient: without --allow-env, a key in the options is enough (the environment is not touched)',
  permissions: { env: false },
  async fn() {
    const { sent, fetch } = recordingFetch();
    const vidgo = createVidgoClient({ apiKey: 'vk_option', fetch });
    assert.equal(vidgo.baseUrl, 'https://api.vidgo.ai');
    await vidgo.getTask('t');
    assert.equal(sent[0]!.authorization, 'Bearer vk_option');
  },
});

Deno.test({
  name: 'createVidgoClient: with --allow-env=VIDGO_API_KEY only, VIDGO_BASE_URL is skipped, not prompted for',
  permissions: { env: ['VIDGO_API_KEY'] },
  fn() {
    // Reading it would throw here; the client must not.
    assert.throws(() => Deno.env.get('VIDGO_BASE_URL'), Deno.errors.NotCapable);
    assert.equal(createVidgoClient({ apiKey: 'vk_1' }).baseUrl, 'https://api.vidgo.ai');
  },
});

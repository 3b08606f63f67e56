import { describe, expect, it } from 'vitest';
import { DEFAULT_OPS } from '../src/ops/ops-settings.ts';
import { readSettings, SettingsError } from '../src/settings.ts';
import { DEFAULT_LIMITS } from '../src/settings-limits.ts';

describe('readSettings', () => {
  it('has defaults for everything', () => {
    expect(readSettings({})).toEqual({
      apiKey: undefined,
      baseUrl: 'https://api.vidgo.ai',
      proxyToken: undefined,
      taskTokenSecret: undefined,
      allowedOrigins: [],
      callbackSecret: undefined,
      callbackSecretPrevious: undefined,
      host: '127.0.0.1',
      port: 8787,
      limits: DEFAULT_LIMITS,
      ops: DEFAULT_OPS,
    });
    expect(DEFAULT_LIMITS).toMatchObject({
      ratePerMinute: 600,
      maxStreamsPerClient: 20,
      maxWatchedTasks: 1000,
      headersTimeoutMs: 10_000,
    });
  });

  it('reads every setting', () => {
    const settings = readSettings({
      VIDGO_API_KEY: ' vk_live_1 ',
      VIDGO_BASE_URL: 'https://gateway.example/vidgo/',
      PROXY_TOKEN: 'a-token-of-16-chars+',
      ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173',
      CALLBACK_SECRET: 'cb_secret_0123456789',
      CALLBACK_SECRET_PREVIOUS: 'cb_secret_previous_0123',
      TASK_TOKEN_SECRET: 'task-token-secret-0123456789abcdef',
      HOST: '0.0.0.0',
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '60',
      MAX_STREAMS_PER_CLIENT: '3',
    });
    expect(settings).toMatchObject({
      apiKey: 'vk_live_1',
      baseUrl: 'https://gateway.example/vidgo',
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      host: '0.0.0.0',
      port: 0,
      callbackSecretPrevious: 'cb_secret_previous_0123',
      taskTokenSecret: 'task-token-secret-0123456789abcdef',
      limits: { ...DEFAULT_LIMITS, ratePerMinute: 60, maxStreamsPerClient: 3 },
    });
  });

  it.each([
    ['VIDGO_BASE_URL', 'ftp://x', /VIDGO_BASE_URL/],
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['PROXY_TOKEN', 'short', /PROXY_TOKEN/],
    ['CALLBACK_SECRET', 'has/slash-and-more-chars', /CALLBACK_SECRET/],
    ['ALLOWED_ORIGINS', 'https://a.example/path', /ALLOWED_ORIGINS/],
    ['RATE_LIMIT_PER_MINUTE', '0', /RATE_LIMIT_PER_MINUTE/],
    ['MAX_STREAMS', '-1', /MAX_STREAMS/],
    ['TASK_TOKEN_SECRET', 'only-31-characters-long-secret!', /TASK_TOKEN_SECRET.*32/],
    ['CALLBACK_SECRET_PREVIOUS', 'cb_secret_previous_0123', /without CALLBACK_SECRET/],
  ])('stops on a bad %s with one clear line', (name, value, pattern) => {
    expect(() => readSettings({ [name]: value })).toThrow(SettingsError);
    expect(() => readSettings({ [name]: value })).toThrow(pattern);
  });

  it('never quotes a secret in its complaint', () => {
    for (const [name, value] of [
      ['VIDGO_API_KEY', 'vk live with spaces'],
      ['PROXY_TOKEN', 'tiny-secret'],
      ['TASK_TOKEN_SECRET', 'too-short-task-secret'],
    ] as const) {
      try {
        readSettings({ [name]: value });
        expect.unreachable();
      } catch (error) {
        expect((error as Error).message).not.toContain(value);
      }
    }
  });
});

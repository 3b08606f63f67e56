import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from './settings.ts';

describe('readSettings', () => {
  it('has defaults for everything', () => {
    expect(readSettings({})).toEqual({
      apiKey: undefined,
      baseUrl: 'https://api.vidgo.ai',
      proxyToken: undefined,
      allowedOrigins: [],
      callbackSecret: undefined,
      host: '127.0.0.1',
      port: 8787,
      rateLimitPerMinute: 600,
    });
  });

  it('reads every setting', () => {
    const settings = readSettings({
      VIDGO_API_KEY: ' vk_live_1 ',
      VIDGO_BASE_URL: 'https://gateway.example/vidgo/',
      PROXY_TOKEN: 'a-token-of-16-chars+',
      ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173',
      CALLBACK_SECRET: 'cb_secret_0123456789',
      HOST: '0.0.0.0',
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '60',
    });
    expect(settings).toMatchObject({
      apiKey: 'vk_live_1',
      baseUrl: 'https://gateway.example/vidgo',
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      host: '0.0.0.0',
      port: 0,
      rateLimitPerMinute: 60,
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
  ])('stops on a bad %s with one clear line', (name, value, pattern) => {
    expect(() => readSettings({ [name]: value })).toThrow(SettingsError);
    expect(() => readSettings({ [name]: value })).toThrow(pattern);
  });

  it('never quotes a secret in its complaint', () => {
    for (const [name, value] of [
      ['VIDGO_API_KEY', 'vk live with spaces'],
      ['PROXY_TOKEN', 'tiny-secret'],
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

import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors/input-errors.ts';
import {
  connectionFromEnvironment,
  requiresApiKey,
  type ClientEnvironment,
  type EnvironmentValue,
} from '../../src/adapters/client-from-env.ts';

/** An environment of `values`, recording what was read. */
function environment(values: Record<string, EnvironmentValue>) {
  const reads: string[] = [];
  const env: ClientEnvironment = {
    read: (name) => {
      reads.push(name);
      return values[name];
    },
    source: 'the environment',
    howToSetKey: 'set VIDGO_API_KEY',
  };
  return { env, reads };
}

const failure = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
};

describe('connectionFromEnvironment', () => {
  it('takes what the options leave out from the environment, trimmed; blank is unset', () => {
    const { env } = environment({ VIDGO_API_KEY: ' vk_1\r\n', VIDGO_BASE_URL: '  ' });
    expect(connectionFromEnvironment({}, env)).toEqual({ apiKey: 'vk_1', baseUrl: undefined });
    expect(connectionFromEnvironment({ apiKey: 'vk_option', baseUrl: 'https://proxy.example' }, env)).toEqual({
      apiKey: 'vk_option',
      baseUrl: 'https://proxy.example',
    });
  });

  it('reads no variable an option gives', () => {
    const { env, reads } = environment({});
    connectionFromEnvironment({ apiKey: 'vk_1', baseUrl: 'https://api.vidgo.ai' }, env);
    expect(reads).toEqual([]);
  });

  it('refuses a client of Vidgo without a key at creation, naming VIDGO_API_KEY and where it was looked for', () => {
    for (const values of [
      {},
      { VIDGO_API_KEY: '' },
      { VIDGO_API_KEY: ' \n' },
      { VIDGO_BASE_URL: 'https://API.vidgo.ai/' },
    ]) {
      const error = failure(() => connectionFromEnvironment({}, environment(values).env));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({ code: 'configuration', operation: 'createVidgoClient' });
      expect(error.message).toBe(
        'createVidgoClient: no API key: VIDGO_API_KEY is missing or empty in the environment: ' +
          'set VIDGO_API_KEY, or pass createVidgoClient({ apiKey })',
      );
    }
    const empty = failure(() =>
      connectionFromEnvironment({ apiKey: '' }, environment({ VIDGO_API_KEY: 'vk_env' }).env),
    );
    expect(empty.message).toBe(
      'createVidgoClient: no API key: the apiKey option is empty, or pass createVidgoClient({ apiKey })',
    );
  });

  it('says why a key could not be read, with its cause', () => {
    const cause = new Error('NotCapable');
    const { env } = environment({
      VIDGO_API_KEY: {
        unreadable: 'no permission to read VIDGO_API_KEY',
        fix: 'run with --allow-env=VIDGO_API_KEY',
        cause,
      },
    });
    const error = failure(() => connectionFromEnvironment({}, env));
    expect(error.message).toBe(
      'createVidgoClient: no API key: no permission to read VIDGO_API_KEY: ' +
        'run with --allow-env=VIDGO_API_KEY, or pass createVidgoClient({ apiKey })',
    );
    expect(error.cause).toBe(cause);
  });

  it('lets a client of a proxy go without a key, from the option or the environment', () => {
    expect(connectionFromEnvironment({ baseUrl: 'https://proxy.example/vidgo' }, environment({}).env)).toEqual({
      apiKey: undefined,
      baseUrl: 'https://proxy.example/vidgo',
    });
    expect(connectionFromEnvironment({}, environment({ VIDGO_BASE_URL: 'http://127.0.0.1:8787' }).env).baseUrl).toBe(
      'http://127.0.0.1:8787',
    );
  });
});

describe('requiresApiKey', () => {
  it('is true for Vidgo itself only', () => {
    expect(requiresApiKey(undefined)).toBe(true);
    expect(requiresApiKey('https://api.vidgo.ai/v1')).toBe(true);
    expect(requiresApiKey('https://proxy.example')).toBe(false);
    expect(requiresApiKey('not a url')).toBe(false);
  });
});

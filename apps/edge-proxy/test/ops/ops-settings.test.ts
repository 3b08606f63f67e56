import { describe, expect, it } from 'vitest';
import { DEFAULT_OPS } from '../../src/ops/ops-settings.ts';
import { readSettings, SETTING_NAMES, SettingsError } from '../../src/settings.ts';

describe('the ops settings', () => {
  it('default to text logs and /metrics on the API port', () => {
    expect(readSettings({}).ops).toEqual(DEFAULT_OPS);
    expect(DEFAULT_OPS).toEqual({ logFormat: 'text', metricsHost: '127.0.0.1' });
  });

  it('are read, and are among the variables the Deno entrypoint may read', () => {
    expect(readSettings({ LOG_FORMAT: 'JSON', METRICS_PORT: '9464', METRICS_HOST: '::1' }).ops).toEqual({
      logFormat: 'json',
      metricsPort: 9464,
      metricsHost: '::1',
    });
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(['LOG_FORMAT', 'METRICS_PORT', 'METRICS_HOST']));
  });

  it.each([
    [{ LOG_FORMAT: 'yaml' }, 'LOG_FORMAT must be text or json, got "yaml"'],
    [{ METRICS_PORT: 'ninety' }, 'METRICS_PORT must be a port number, got "ninety"'],
    [{ METRICS_PORT: '70000' }, 'METRICS_PORT must be a port number, got "70000"'],
    [{ METRICS_PORT: '8787' }, 'METRICS_PORT must differ from PORT (both are 8787)'],
    [{ METRICS_HOST: 'a b' }, 'METRICS_HOST must be a host name or address, got "a b"'],
  ])('stop the start on %j with one clear line', (env, message) => {
    expect(() => readSettings(env)).toThrow(SettingsError);
    expect(() => readSettings(env)).toThrow(message);
  });

  it('let both ports be 0 (each picks a free one)', () => {
    expect(readSettings({ PORT: '0', METRICS_PORT: '0' }).ops.metricsPort).toBe(0);
  });
});

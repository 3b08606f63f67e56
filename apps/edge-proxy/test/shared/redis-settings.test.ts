import { describe, expect, it } from 'vitest';
import { readSettings, SETTING_NAMES, SettingsError } from '../../src/settings.ts';

describe('REDIS_URL and REDIS_LEASE_MS', () => {
  it('are off by default: one process, as before', () => {
    expect(readSettings({}).redis).toBeUndefined();
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(['REDIS_URL', 'REDIS_LEASE_MS']));
  });

  it('read redis:// and rediss:// URLs, with a 5 s lease unless told', () => {
    expect(readSettings({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      leaseMs: 5000,
    });
    expect(readSettings({ REDIS_URL: 'rediss://:pw@cache.example:6380/2', REDIS_LEASE_MS: '2000' }).redis).toEqual({
      url: 'rediss://:pw@cache.example:6380/2',
      leaseMs: 2000,
    });
  });

  it.each([
    ['http://user:hunter2-secret@cache.example'],
    ['redis://'],
    ['redis://:hunter2-secret@cache.example/not-a-db'],
    ['redis://:hunter2-secret@cache.example?family=6'],
    ['hunter2-secret'],
  ])('refuse %s with one line that does not quote it', (url) => {
    expect(() => readSettings({ REDIS_URL: url })).toThrow(SettingsError);
    try {
      readSettings({ REDIS_URL: url });
    } catch (error) {
      expect((error as Error).message).toMatch(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it.each([['0'], ['100'], ['60001'], ['5s']])('refuse REDIS_LEASE_MS=%s', (lease) => {
    expect(() => readSettings({ REDIS_URL: 'redis://127.0.0.1', REDIS_LEASE_MS: lease })).toThrow(/REDIS_LEASE_MS/);
  });

  it('refuse a lease without Redis', () => {
    expect(() => readSettings({ REDIS_LEASE_MS: '1000' })).toThrow(/without REDIS_URL/);
  });
});

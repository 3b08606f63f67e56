import { describe, expect, it } from 'vitest';
import type { Task } from '@vidgo-sdk/core';
import { cacheLifetimeMs, memoryTaskCache } from '../../src/upstream/task-cache.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');
const finished = (created_time?: string): Task => ({
  task_id: 't',
  status: 'finished',
  files: [],
  ...(created_time === undefined ? {} : { created_time }),
});
/** A task created at `epochMs`, as a server `offsetHours` ahead of UTC writes `created_time`. */
const writtenIn = (offsetHours: number, epochMs = NOW) =>
  new Date(epochMs + offsetHours * HOUR).toISOString().slice(0, 19);

describe('cacheLifetimeMs', () => {
  it('caches a fresh task for maxAgeMs in zones from UTC−8 to UTC+14', () => {
    for (const offset of [0, 8, -5, 14, -8]) expect(cacheLifetimeMs(finished(writtenIn(offset)), NOW, HOUR)).toBe(HOUR);
    // UTC−9 and further west read like a task written in UTC+14 a day ago: not cached, to be safe.
    expect(cacheLifetimeMs(finished(writtenIn(-10)), NOW, HOUR)).toBe(0);
  });

  it('never outlasts the file URLs, less an hour, in any zone from UTC−12 to UTC+14', () => {
    for (let offset = -12; offset <= 14; offset++) {
      for (const ageHours of [0, 6, 12, 20, 23, 30]) {
        const created = NOW - ageHours * HOUR;
        const lifetime = cacheLifetimeMs(finished(writtenIn(offset, created)), NOW, 48 * HOUR);
        if (lifetime > 0) expect(NOW + lifetime).toBeLessThanOrEqual(created + 23 * HOUR + 1000);
      }
    }
  });

  it("caches nothing when created_time says nothing: missing, garbage, or the docs' fixed example a year on", () => {
    for (const created_time of [undefined, 'garbage', '2025-11-12T10:30:00'])
      expect(cacheLifetimeMs(finished(created_time), NOW, HOUR)).toBe(0);
  });
});

describe('memoryTaskCache', () => {
  it('keeps a task for its lifetime only', async () => {
    let now = NOW;
    const cache = memoryTaskCache({ maxAgeMs: HOUR, now: () => now });
    await cache.put(finished(writtenIn(8)));
    expect(await cache.get('t')).toMatchObject({ status: 'finished' });
    now += HOUR;
    expect(await cache.get('t')).toBeUndefined();
    await cache.put(finished('garbage'));
    expect(await cache.get('t')).toBeUndefined();
  });
});

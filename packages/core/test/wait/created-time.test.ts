import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filesExpireAt, plausibleCreation, readCreatedTime } from '../../src/wait/created-time.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
/** `epochMs` as a server `offsetMinutes` ahead of UTC writes it: no zone, seconds precision. */
const written = (epochMs: number, offsetMinutes: number) =>
  new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
const offsets = fc.integer({ min: -12 * 60, max: 14 * 60 });

describe('readCreatedTime', () => {
  it('reads a zoneless time as UTC, a zoned one as it says, and nothing else', () => {
    expect(readCreatedTime('2025-11-12T10:30:00')).toEqual({ at: Date.parse('2025-11-12T10:30:00Z'), zoned: false });
    expect(readCreatedTime('2025-11-11T13:30:00.123456')?.at).toBe(Date.parse('2025-11-11T13:30:00.123Z'));
    expect(readCreatedTime('2025-11-11T14:30:00+01:00')).toEqual({
      at: Date.parse('2025-11-11T13:30:00Z'),
      zoned: true,
    });
    for (const garbage of [undefined, null, 42, '', 'yesterday', 'last tuesday', '1762943400', 'NaN'])
      expect(readCreatedTime(garbage)).toBeUndefined();
  });
});

describe('plausibleCreation', () => {
  it('takes a zoneless time at its word only when it fits the first sighting', () => {
    fc.assert(
      fc.property(offsets, fc.integer({ min: 0, max: 120_000 }), (offsetMinutes, ageMs) => {
        const created = NOW - ageMs;
        const placed = plausibleCreation(written(created, offsetMinutes), NOW);
        // Never later than the sighting, and never earlier than the truth by more than the zone's offset.
        if (placed !== undefined) expect(placed).toBeLessThanOrEqual(NOW);
        // Every real zone but UTC is at least an hour off: such a time is never believed.
        if (Math.abs(offsetMinutes) >= 60) expect(placed).toBeUndefined();
        if (offsetMinutes === 0) expect(Math.abs(placed! - created)).toBeLessThan(1000);
      }),
    );
  });

  it("ignores the docs' fixed example, a missing and a garbage value", () => {
    for (const value of ['2025-11-12T10:30:00', undefined, 'garbage'])
      expect(plausibleCreation(value, NOW)).toBeUndefined();
  });
});

describe('filesExpireAt', () => {
  it('never says file URLs live longer than they do, in any zone from UTC−12 to UTC+14', () => {
    fc.assert(
      fc.property(offsets, fc.integer({ min: 0, max: 30 * HOUR }), (offsetMinutes, ageMs) => {
        const created = NOW - ageMs;
        const expires = filesExpireAt({ created_time: written(created, offsetMinutes) }, NOW);
        expect(expires).toBeDefined();
        expect(expires!).toBeLessThanOrEqual(created + 24 * HOUR + 1000);
      }),
    );
  });

  it('keeps a fresh task cacheable for hours in common zones, and knows nothing from garbage', () => {
    for (const offsetMinutes of [0, 480, -300])
      expect(filesExpireAt({ created_time: written(NOW, offsetMinutes) }, NOW)! - NOW).toBeGreaterThan(4 * HOUR);
    expect(filesExpireAt({ created_time: '2025-11-12T10:30:00' }, NOW)!).toBeLessThan(NOW);
    expect(filesExpireAt({ created_time: written(NOW + 15 * HOUR, 0) }, NOW)).toBeUndefined();
    for (const created_time of [undefined, 'garbage']) expect(filesExpireAt({ created_time }, NOW)).toBeUndefined();
  });
});

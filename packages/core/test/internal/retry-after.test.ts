import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/internal/retry-after.ts';

const now = Date.parse('2025-11-12T10:30:00Z');
const read = (value?: string) => parseRetryAfter(new Headers(value === undefined ? {} : { 'retry-after': value }), now);

describe('parseRetryAfter', () => {
  it('reads seconds', () => {
    expect(read('4')).toBe(4000);
    expect(read(' 0 ')).toBe(0);
    expect(read('1.5')).toBe(1500);
  });

  it('reads an HTTP date against the clock', () => {
    expect(read('Wed, 12 Nov 2025 10:30:30 GMT')).toBe(30_000);
  });

  it('treats a date in the past as now', () => {
    expect(read('Wed, 12 Nov 2025 10:00:00 GMT')).toBe(0);
    expect(read('-5')).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(read()).toBeUndefined();
    expect(read('')).toBeUndefined();
    expect(read('soon')).toBeUndefined();
    expect(read('1.2.3')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { formatElapsed, parseDuration } from '../../src/cli/duration.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['1500', 1500],
    [' 2m ', 120_000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text, '--timeout')).toBe(ms);
  });

  it.each(['', 'soon', '10x', '-5s', '0', '0s', 'm', '1h 30m', '1e3'])('"%s" is a usage error', (text) => {
    expect(() => parseDuration(text, '--timeout')).toThrow(UsageError);
  });

  it('names the flag', () => {
    expect(() => parseDuration('soon', '--timeout')).toThrow('--timeout: "soon" is not a duration');
  });
});

describe('formatElapsed', () => {
  it('reads like a clock', () => {
    expect([0, 7_900, 754_000, 3_723_000].map(formatElapsed)).toEqual(['0:00', '0:07', '12:34', '1:02:03']);
  });
});

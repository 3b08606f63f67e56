import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../src/clock.ts';

afterEach(() => vi.restoreAllMocks());

describe('systemClock', () => {
  it('hands the runtime 0 ms for a past moment (Bun and Node 23+ warn on stderr for a negative delay)', async () => {
    const runtimeSetTimeout = vi.spyOn(globalThis, 'setTimeout');
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, -25));
    expect(runtimeSetTimeout).toHaveBeenCalledWith(expect.any(Function), 0);
  });
});

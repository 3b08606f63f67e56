import { UsageError } from './usage-error.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads `90s`, `10m`, `1h`, `1h30m`, `1.5h`, `250ms`, or a plain number of milliseconds.
 * Zero and negative durations are usage errors.
 */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  let total = 0;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    total = Number(trimmed);
  } else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) {
    for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g))
      total += Number(amount) * UNIT_MS[unit!]!;
  } else {
    throw new UsageError(`${flag}: "${text}" is not a duration (use 90s, 10m, 1h, or milliseconds)`);
  }
  if (!(total >= 1) || !Number.isFinite(total)) throw new UsageError(`${flag}: the duration must be at least 1 ms`);
  return Math.round(total);
}

/** `0:07`, `12:34`, `1:02:03`: elapsed time for progress lines. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const pad = (value: number) => String(value).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

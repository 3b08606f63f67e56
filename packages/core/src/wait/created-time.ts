// `created_time` is the one place in the core that reads the wire's creation time. The docs name
// no zone, and Vidgo's servers may write local time: a server in UTC+8 writes a time that reads
// as the future when taken as UTC, one in UTC−5 a time five hours old, and the docs' own example
// is a fixed value from 2025. So nothing here takes it at its word unless it fits what the
// client saw itself, or unless a limit must hold whatever the zone is.

const HOUR_MS = 3_600_000;
// Zones in use run from UTC−12 to UTC+14: a zoneless time reads at most this far ahead of UTC.
const MOST_AHEAD_OF_UTC_MS = 14 * HOUR_MS;
// Clocks disagree a little even when both are in UTC.
const MAX_CLOCK_SKEW_MS = 60_000;
/**
 * How much older than the client's first sighting a zoneless time may read and still be taken
 * as UTC. Below the smallest offset of a zone behind UTC (UTC−1), so a fresh task of a server in
 * any real zone other than UTC is never mistaken for an old one.
 */
export const PLAUSIBLE_AGE_MS = 30 * 60_000;
/** Generated file URLs die this long after the task was created. */
const FILE_URL_LIFETIME_MS = 24 * HOUR_MS;

/** `created_time` as epoch ms: read as UTC when it has no zone, as it says when it has one. */
export function readCreatedTime(value: unknown): { at: number; zoned: boolean } | undefined {
  if (typeof value !== 'string') return undefined;
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value);
  const at = Date.parse(zoned ? value : `${value}Z`);
  return Number.isNaN(at) ? undefined : { at, zoned };
}

/**
 * When the task was created, if `created_time` can be believed given that the client knew of the
 * task at `seenAt` (epoch ms, the client's clock): read as UTC, neither later than that nor more
 * than `PLAUSIBLE_AGE_MS` earlier. Undefined otherwise: the caller counts from what it observed.
 */
export function plausibleCreation(value: unknown, seenAt: number): number | undefined {
  // Read as UTC. A value that names a zone does not parse with the `Z` added (none is documented):
  // it is not believed, which is always safe here. Kept lean: every waitForTask bundle carries it.
  const at = Date.parse(`${value}Z`);
  return at <= seenAt + MAX_CLOCK_SKEW_MS && at >= seenAt - PLAUSIBLE_AGE_MS ? Math.min(at, seenAt) : undefined;
}

/**
 * The earliest moment the task's file URLs may stop working (epoch ms), whatever zone Vidgo
 * writes `created_time` in: a zoneless time is taken as if written in UTC+14, the latest reading
 * any real zone gives, so the URLs are never thought to live longer than they do. Undefined when
 * `created_time` is missing, unreadable, or too far in the future (`now`) for any zone.
 */
export function filesExpireAt(task: { created_time?: unknown }, now: number): number | undefined {
  const read = readCreatedTime(task.created_time);
  if (!read) return undefined;
  const earliest = read.zoned ? read.at : read.at - MOST_AHEAD_OF_UTC_MS;
  // No zone writes a time this far ahead of now: garbage, not a creation time.
  if (earliest > now + MAX_CLOCK_SKEW_MS) return undefined;
  return earliest + FILE_URL_LIFETIME_MS;
}

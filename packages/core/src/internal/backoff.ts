export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 30_000;

/**
 * "Full jitter" exponential backoff: a random wait up to 1 s, 2 s, 4 s, 8 s… (capped at 30 s).
 * Randomness spreads out many clients that failed together, so they do not retry in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

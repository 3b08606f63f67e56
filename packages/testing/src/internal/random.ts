/** A seeded source of numbers in [0, 1): the same seed gives the same run, on every runtime. */
export type Random = () => number;

// mulberry32: tiny, fast and good enough for test noise; not for anything secret.
/**
 * A seeded random source (mulberry32): the same seed gives the same numbers on every runtime.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // the same number in [0, 1) on every run
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Maps a draw from [0, 1) onto a whole number in [min, max]. */
export function scale(draw: number, min: number, max: number): number {
  return Math.round(min + draw * (max - min));
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomSuffix(random: Random, length: number): string {
  let suffix = '';
  for (let i = 0; i < length; i++) suffix += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  return suffix;
}

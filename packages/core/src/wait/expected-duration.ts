/** Typical durations from the Vidgo docs, in ms: images 15–60 s, videos 90–300 s. */
const IMAGE: [number, number] = [15_000, 60_000];
const VIDEO: [number, number] = [90_000, 300_000];

/**
 * The typical duration range of a model, from its name: `sora-2`, `veo3.1-fast`, `kling-2.6` and
 * anything that says video are videos; the rest are images.
 */
export function expectedDuration(model: string): [number, number] {
  return /sora|veo|kling|video|wan|hailuo|runway|seedance/i.test(model) ? VIDEO : IMAGE;
}

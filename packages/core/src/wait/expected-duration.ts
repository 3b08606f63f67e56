/**
 * The typical duration range of a model, from its name, in ms, as the Vidgo docs give them: images
 * 15–60 s, videos 90–300 s. `sora-2`, `veo3.1-fast`, `kling-2.6` and anything that says video are
 * videos; the rest are images.
 */
export function expectedDuration(model: string): [number, number] {
  return /sora|veo|kling|video|wan|hailuo|runway|seedance/i.test(model) ? [90_000, 300_000] : [15_000, 60_000];
}

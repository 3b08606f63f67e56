export type ModelKind = 'image' | 'video';

// Vidgo's video models, by the families its model pages list; everything else makes images.
const VIDEO_MODEL = /sora|veo|kling|video|wan|hailuo|runway/i;

export function modelKind(model: string): ModelKind {
  return VIDEO_MODEL.test(model) ? 'video' : 'image';
}

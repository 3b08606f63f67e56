import type { WireFile } from '@vidgo-sdk/testing';
import { SAMPLE_CLIP_WEBM_BASE64 } from './sample-clip.ts';
import { taskImageSvg } from './task-image-svg.ts';

/**
 * The files of the simulator's demo tasks, served by the proxy itself: the simulator's own file
 * URLs point at storage.vidgo.ai, which a machine offline (or a curious user) cannot reach.
 */
export const DEMO_MEDIA_PATH = '/demo/media';
const CLIP_NAME = 'sample-clip.webm';
const TASK_IMAGE = /^([A-Za-z0-9_-]{1,128})\.svg$/;

/** What a finished demo task of this kind lists in `files`, as absolute URLs on the proxy's origin. */
export function demoFiles(kind: 'image' | 'video', origin: string, taskId: string): WireFile[] {
  return kind === 'video'
    ? [{ file_url: `${origin}${DEMO_MEDIA_PATH}/${CLIP_NAME}`, file_type: 'video' }]
    : [{ file_url: `${origin}${DEMO_MEDIA_PATH}/${encodeURIComponent(taskId)}.svg`, file_type: 'image' }];
}

let clip: Uint8Array<ArrayBuffer> | undefined;
const clipBytes = () =>
  (clip ??= Uint8Array.from(atob(SAMPLE_CLIP_WEBM_BASE64), (character) => character.charCodeAt(0)));

/** The response for `${DEMO_MEDIA_PATH}/<name>`, or undefined when there is no such file. */
export function demoMediaResponse(name: string, range: string | undefined): Response | undefined {
  if (name === CLIP_NAME) return bytesResponse(clipBytes(), 'video/webm', range);
  const image = TASK_IMAGE.exec(name);
  if (!image) return undefined;
  return new Response(taskImageSvg(image[1]!), {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      // Opened on its own, the SVG is a document: it may not run or load anything.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
    },
  });
}

/**
 * Bytes with single-range support: Safari plays a video only from a server that answers `Range`
 * with 206; other browsers are content with the whole file.
 */
function bytesResponse(bytes: Uint8Array<ArrayBuffer>, contentType: string, range: string | undefined): Response {
  const size = bytes.byteLength;
  const headers = {
    'content-type': contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
  };
  const match = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) return new Response(bytes, { headers });
  const [start, end] =
    match[1] === ''
      ? [Math.max(0, size - Number(match[2])), size - 1]
      : [Number(match[1]), Math.min(match[2] === '' ? size - 1 : Number(match[2]), size - 1)];
  if (start > end || start >= size)
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  return new Response(bytes.slice(start, end + 1), {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}` },
  });
}

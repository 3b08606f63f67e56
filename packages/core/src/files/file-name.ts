// Names for downloaded files come from URLs a storage server chose: anything may be in them
// (`..%2F`, control characters, device names, kilobytes of text). Pure string logic, so that
// every runtime's `downloadFiles` names the same task's files the same way.

/** Longest name handed out, extension and collision suffix included (file systems allow 255 bytes). */
export const MAX_FILE_NAME_LENGTH = 120;
const MAX_EXTENSION_LENGTH = 10;

const EXTENSION_BY_CONTENT_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
};
// The last resort when neither the URL nor the response tells: the task's own `file_type`.
const EXTENSION_BY_FILE_TYPE: Record<string, string> = { image: 'jpg', video: 'mp4', audio: 'mp3' };

// Device names that Windows refuses as file names, with or without an extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export interface FileNameInput {
  /** The file's URL, as the task reported it. */
  url: string;
  /** Its position in `task.files`; the fallback name counts from 1. */
  index: number;
  taskId: string;
  /** The file's `file_type` (`image`, `video`…), for an extension nothing else gives. */
  fileType?: string;
  /** The response's `Content-Type`, for an extension the URL does not give. */
  contentType?: string | null;
}

/**
 * A file name made of `[A-Za-z0-9._-]` only, never starting with a dot or a dash, at most
 * {@link MAX_FILE_NAME_LENGTH} characters: the URL's last path segment, decoded, with each run of
 * unsafe characters replaced by `_`; `${taskId}-${index + 1}.${extension}` when nothing usable is
 * left. Such a name can never be `.`, `..` or hold a separator, so it cannot leave its directory.
 */
export function fileNameFor({ url, index, taskId, fileType, contentType }: FileNameInput): string {
  const segment = lastSegment(url);
  const dot = segment.lastIndexOf('.');
  let stem = segment;
  let extension = '';
  if (dot > 0) {
    const candidate = segment.slice(dot + 1);
    if (/^[A-Za-z0-9]{1,10}$/.test(candidate)) {
      stem = segment.slice(0, dot);
      extension = candidate.toLowerCase();
    }
  }
  extension ||= extensionForContentType(contentType) || EXTENSION_BY_FILE_TYPE[fileType ?? ''] || 'bin';
  stem = cleanStem(stem) || cleanStem(`${taskId}-${index + 1}`) || `file-${index + 1}`;
  return joinName(stem, extension);
}

/**
 * The `copy`th candidate for a name already taken: `image.jpg`, then `image-2.jpg`, `image-3.jpg`… within the
 * length bound.
 */
export function withCollisionSuffix(name: string, copy: number): string {
  if (copy <= 1) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
  return joinName(stem, extension, `-${copy}`);
}

function extensionForContentType(contentType: string | null | undefined): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return EXTENSION_BY_CONTENT_TYPE[type] ?? '';
}

function lastSegment(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const raw = path.split('/').filter(Boolean).pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw; // a stray `%`: keep the segment as it came
  }
  // An encoded separator (`..%2F..%2Fetc`) must not bring a directory back in.
  return decoded.split(/[\\/]/).pop() ?? '';
}

function cleanStem(stem: string): string {
  const clean = stem
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '') // no hidden files, no `..`, nothing a shell would read as an option
    .replace(/[._-]+$/, ''); // Windows drops trailing dots
  // `con.jpg`, and even `con.tar.gz`, name a device on Windows.
  return clean.replace(/^[^.]*/, (head) => (WINDOWS_RESERVED.test(head) ? `${head}_` : head));
}

function joinName(stem: string, extension: string, suffix = ''): string {
  const ext = extension.slice(0, MAX_EXTENSION_LENGTH);
  const room = MAX_FILE_NAME_LENGTH - suffix.length - (ext ? ext.length + 1 : 0);
  const bounded = stem.length > room ? stem.slice(0, room).replace(/[._-]+$/, '') || 'file' : stem;
  return `${bounded}${suffix}${ext ? `.${ext}` : ''}`;
}

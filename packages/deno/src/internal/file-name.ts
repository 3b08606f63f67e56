// Safe file names for downloaded files, whatever their URLs hold. Pure string logic (no runtime
// API), so it could move to core and be shared with the Node adapter.

/** Longest name handed out, extension and collision suffix included (filesystems allow 255 bytes). */
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
};

// Device names that Windows refuses as file names, with or without an extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export interface FileNameInput {
  /** The file's URL, as the task reported it. */
  url: string;
  /** Its position in `task.files`, for the fallback name. */
  index: number;
  taskId: string;
  /** The response's `Content-Type`, for an extension the URL does not give. */
  contentType?: string | null;
}

/**
 * A file name made of `[A-Za-z0-9._-]` only, never starting with a dot or dash, at most
 * {@link MAX_FILE_NAME_LENGTH} characters: the URL's last path segment, decoded, with unsafe
 * characters replaced; `${taskId}-${index}.${extension}` when nothing usable is left.
 * Such a name can never be `.`, `..` or contain a separator, so it cannot leave its directory.
 */
export function fileNameFor({ url, index, taskId, contentType }: FileNameInput): string {
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
  extension ||= extensionFor(contentType);
  stem = cleanStem(stem) || cleanStem(`${taskId}-${index}`) || `file-${index}`;
  return joinName(stem, extension || 'bin');
}

/** `image.jpg` → `image-1.jpg` for the first collision, still within the length bound. */
export function withCollisionSuffix(name: string, attempt: number): string {
  if (attempt === 0) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
  return joinName(stem, extension, `-${attempt}`);
}

/** The extension for a `Content-Type` header value, or '' when it is not a known media type. */
export function extensionFor(contentType: string | null | undefined): string {
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

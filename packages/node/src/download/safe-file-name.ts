// Names come from URLs a server chose: anything may be in them (`..%2F`, control characters,
// device names, 4 kB of text). A name made here has only [A-Za-z0-9._-] in it, does not start
// with a dot or a dash, and is short enough for every file system, so it can never leave `dir`.

const MAX_LENGTH = 120;
const EXTENSION_BY_TYPE: Record<string, string> = { image: 'jpg', video: 'mp4', audio: 'mp3' };
// Names Windows reserves for devices, whatever the extension.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/** The extension to use for a file type the URL does not reveal. */
export function extensionFor(fileType: string): string {
  return EXTENSION_BY_TYPE[fileType] ?? 'bin';
}

function clean(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '').replace(/^[.-]+/, '').replace(/\.+$/, '');
}

/** Cuts a name to `MAX_LENGTH`, keeping a short extension. */
function bounded(name: string): string {
  if (name.length <= MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, MAX_LENGTH - extension.length) + extension;
}

/**
 * A safe file name for the `index`th file of a task: the URL's last path segment, decoded and
 * cleaned, or else `${taskId}-${index + 1}.${extension}`. A name without an extension gets the
 * one of its file type.
 */
export function safeFileName(fileUrl: string, fileType: string, taskId: string, index: number): string {
  let segment = '';
  try {
    segment = new URL(fileUrl).pathname.split('/').pop() ?? '';
  } catch {
    // Not a URL: the fallback name below.
  }
  try {
    segment = decodeURIComponent(segment);
  } catch {
    // A malformed escape: clean the raw text instead.
  }
  let name = clean(segment);
  if (!/[A-Za-z0-9]/.test(name)) name = `${clean(taskId) || 'task'}-${index + 1}`;
  if (!/\.[A-Za-z0-9]+$/.test(name)) name = `${name}.${extensionFor(fileType)}`;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return bounded(name);
}

/** `name`, or `stem-2.ext`, `stem-3.ext`… for the `attempt`th try (1 is the name itself). */
export function withSuffix(name: string, attempt: number): string {
  if (attempt <= 1) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return bounded(`${stem.slice(0, MAX_LENGTH - extension.length - 8)}-${attempt}${extension}`);
}

import { VidgoError } from '@vidgo-sdk/core';

/**
 * A file of a task could not be downloaded or written. `url` has no query string (storage URLs
 * are often signed: the signature is a credential); `status` is set when storage answered with
 * an HTTP error. Its `code` is `download`.
 */
export class DownloadError extends VidgoError {
  override readonly name = 'DownloadError';
  /** The file URL without its query string or fragment. */
  declare readonly url: string;
  /** The HTTP status storage answered with, when it did. */
  declare readonly status?: number;
  /** The position of the file in `task.files`. */
  declare readonly index: number;
}

/** The URL as it may be shown: no query, no fragment, no credentials. */
export function displayUrl(fileUrl: string): string {
  try {
    const url = new URL(fileUrl);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return fileUrl.replace(/[?#].*$/s, '');
  }
}

import { VidgoError } from '@vidgo-sdk/core';

/**
 * A generated file could not be saved: its URL answered an HTTP error or is not http(s), the
 * connection dropped, or the file system refused. `index` is the file's position in
 * `task.files`; `cause` holds the underlying error. Files saved before it stay where they are.
 */
export class DownloadError extends VidgoError {
  override readonly name = 'DownloadError';
  /** Position of the file in `task.files`. */
  declare readonly index?: number;
  /** The file's URL without its query (signed URLs carry tokens there). */
  declare readonly url?: string;
  /** The HTTP status, when the server answered with an error. */
  declare readonly status?: number;
}

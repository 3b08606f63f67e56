import { VidgoError } from '@vidgo-sdk/core';
import { ownFields, type DownloadFailureReason, type VidgoErrorOptions } from '@vidgo-sdk/core/internal';

/**
 * A generated file could not be saved: its URL answered an HTTP error, is not https, points into
 * a private network or redirects there, the file is over `maxBytes`, the connection dropped, or
 * the file system refused. `reason` says which, for code to branch on; `index` is the file's
 * position in `task.files`; `cause` holds the underlying error. Files saved before it stay where
 * they are.
 */
export class DownloadError extends VidgoError {
  override readonly name = 'DownloadError';
  override readonly code = 'download';
  /** Why: `http-status`, `network`, `too-large`, `insecure-url`, `private-address`, `too-many-redirects`… */
  declare readonly reason?: DownloadFailureReason;
  /** Position of the file in `task.files`. */
  declare readonly index?: number;
  /** The file's URL without its query (signed URLs carry tokens there). */
  declare readonly url?: string;
  /** The HTTP status, when the server answered with an error. */
  declare readonly status?: number;

  constructor(message: string, options: VidgoErrorOptions & { reason?: DownloadFailureReason; index?: number; url?: string; status?: number }) {
    super(message, options);
    ownFields(this, options, ['reason', 'index', 'url', 'status']);
  }
}

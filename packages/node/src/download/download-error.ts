import { VidgoError } from '@vidgo-sdk/core';
import { ownFields, type DownloadFailureReason, type VidgoErrorOptions } from '@vidgo-sdk/core/internal';

/**
 * A file of a task could not be downloaded or written. `url` has no query string (storage URLs
 * are often signed: the signature is a credential); `status` is set when storage answered with
 * an HTTP error; `reason` says why, for code to branch on (`too-large`, `private-address`…).
 * Its `code` is `download`.
 */
export class DownloadError extends VidgoError {
  override readonly name = 'DownloadError';
  override readonly code = 'download';
  /** The file URL without its query string or fragment. */
  declare readonly url: string;
  /** Why: `http-status`, `network`, `too-large`, `insecure-url`, `private-address`, `too-many-redirects`… */
  declare readonly reason: DownloadFailureReason;
  /** The HTTP status storage answered with, when it did. */
  declare readonly status?: number;
  /** The position of the file in `task.files`. */
  declare readonly index: number;

  constructor(message: string, options: VidgoErrorOptions & { reason: DownloadFailureReason; url: string; index: number; status?: number }) {
    super(message, options);
    ownFields(this, options, ['reason', 'url', 'index', 'status']);
  }
}

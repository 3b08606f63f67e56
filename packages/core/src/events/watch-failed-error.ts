import { ownFields, VidgoError, type VidgoErrorOptions } from '../errors/vidgo-error.ts';

/**
 * The proxy stopped watching the task after the stream opened (its `watch-failed` event): Vidgo
 * could not be read for too long, or the task could no longer be watched. The message carries the
 * proxy's `detail`, which is safe to show; `reason` its code, when it sent one.
 */
export class WatchFailedError extends VidgoError {
  override readonly name = 'WatchFailedError';
  override readonly code = 'watch_failed';
  /** The proxy's own code for the failure (one of the core's codes, for example), when it gave one. */
  declare readonly reason?: string;

  constructor(message: string, options: VidgoErrorOptions & { reason?: string | undefined } = {}) {
    super(message, options);
    ownFields(this, options, ['reason']);
  }
}

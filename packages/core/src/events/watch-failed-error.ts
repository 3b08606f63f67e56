import { ownFields, VidgoError, type VidgoErrorOptions } from '../errors/vidgo-error.ts';

/**
 * The proxy stopped watching the task after the stream opened (its `watch-failed` event): Vidgo
 * could not be read for too long, or the task could no longer be watched. `detail` is the proxy's
 * own sentence, safe to show; `reason` its code, when it sent one.
 */
export class WatchFailedError extends VidgoError {
  override readonly name = 'WatchFailedError';
  override readonly code = 'watch_failed';
  /** What the proxy said, safe to show to a person. */
  declare readonly detail: string;
  /** The proxy's own code for the failure (one of the core's codes, for example), when it gave one. */
  declare readonly reason?: string;

  constructor(message: string, options: VidgoErrorOptions & { detail: string; reason?: string | undefined }) {
    super(message, options);
    ownFields(this, options, ['detail', 'reason']);
  }
}

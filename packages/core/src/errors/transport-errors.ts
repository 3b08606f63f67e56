import { VidgoError } from './vidgo-error.ts';

/** No HTTP answer arrived: DNS, refused or dropped connection, TLS. `cause` holds fetch's error. */
export class ConnectionError extends VidgoError {
  override readonly name = 'ConnectionError';
  override readonly code = 'connection';
}

/** One attempt took longer than `timeoutMs`. */
export class RequestTimeoutError extends VidgoError {
  override readonly name = 'RequestTimeoutError';
  override readonly code = 'request_timeout';
}

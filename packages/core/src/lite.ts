// `@vidgo-sdk/core/lite`: the same client without the waiting engine, for bundles that only read
// status or submit (under 2.5 kB min+gzip).
import { createTransport } from './internal/transport.ts';
import { statusClient, type VidgoClientOptions, type VidgoStatusClient } from './status-client.ts';

export function createVidgoClient(options: VidgoClientOptions = {}): VidgoStatusClient {
  return statusClient(createTransport(options));
}

export type { RequestOptions, RetryEvent, VidgoClientOptions, VidgoStatusClient } from './status-client.ts';
export * from './shared-exports.ts';

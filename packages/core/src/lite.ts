// `@vidgo-sdk/core/lite`: the same client without the waiting engine, for bundles that only read
// status or submit (under 2.5 kB min+gzip).
import type { VidgoClientOptions } from './client-options.ts';
import { createTransport } from './internal/transport.ts';
import { liteClient, type VidgoLiteClient } from './lite-client.ts';

export function createVidgoClient(options: VidgoClientOptions = {}): VidgoLiteClient {
  return liteClient(createTransport(options));
}

export * from './shared-exports.ts';

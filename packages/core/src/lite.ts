// `@vidgo-sdk/core/lite`: the same client without the waiting engine, for bundles that only read
// status or submit (under 2.5 kB min+gzip).
import type { VidgoClientOptions } from './client-options.ts';
import { createTransport } from './internal/transport.ts';
import { liteClient, type VidgoLiteClient } from './lite-client.ts';

/**
 * Creates the lite client: `getTask` and `submitTask` only, for bundles that do not wait.
 *
 * @example
 * ```ts
 * import { createVidgoClient } from '@vidgo-sdk/core/lite';
 *
 * // In a browser, through a proxy that holds the key.
 * const vidgo = createVidgoClient({ baseUrl: 'https://example.com/vidgo' });
 * const task = await vidgo.getTask('task-id');
 * ```
 *
 * @throws `ConfigurationError` when an option is invalid.
 */
export function createVidgoClient(options: VidgoClientOptions = {}): VidgoLiteClient {
  return liteClient(createTransport(options));
}

export * from './shared-exports.ts';

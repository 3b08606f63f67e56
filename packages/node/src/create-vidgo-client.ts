import { createVidgoClient as createCoreClient, type VidgoClient, type VidgoClientOptions } from '@vidgo-sdk/core';
import { connectionFromEnvironment, type EnvironmentConnection } from '@vidgo-sdk/core/internal';

/** The core client's options, plus where the environment comes from. */
export interface NodeClientOptions extends VidgoClientOptions {
  /**
   * Where `VIDGO_API_KEY` and `VIDGO_BASE_URL` are read from when `apiKey` or `baseUrl` is not
   * given. Default `process.env`, read when the client is created.
   */
  env?: Record<string, string | undefined>;
}

/**
 * `apiKey` and `baseUrl` as the client will use them: an explicit option wins over the
 * environment; blank variables are unset. Throws core's `ConfigurationError` when the key is
 * missing and Vidgo itself is the target (core's `connectionFromEnvironment` holds the rule).
 */
export function resolveConnection(options: NodeClientOptions = {}): EnvironmentConnection {
  const env = options.env ?? process.env;
  return connectionFromEnvironment(options, {
    read: (name) => env[name],
    source: 'the environment',
    howToSetKey: 'set VIDGO_API_KEY',
  });
}

/**
 * The core's full client, configured from the environment. Keep-alive needs nothing here: Node's
 * global fetch (undici) already pools connections per origin and reuses them between polls.
 *
 * Throws `ConfigurationError` at once when there is no key and the base URL is Vidgo's own, where
 * every request would be refused; a client of a proxy (`baseUrl` or `VIDGO_BASE_URL` set to
 * another host) may go without. The same rule as on Deno and Workers.
 */
export function createVidgoClient(options: NodeClientOptions = {}): VidgoClient {
  const { env: _env, ...coreOptions } = options;
  return createCoreClient({ ...coreOptions, ...resolveConnection(options) });
}

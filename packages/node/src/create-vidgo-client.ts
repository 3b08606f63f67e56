import { ConfigurationError, createVidgoClient as createCoreClient, type VidgoClient, type VidgoClientOptions } from '@vidgo-sdk/core';

export interface NodeClientOptions extends VidgoClientOptions {
  /**
   * Where `VIDGO_API_KEY` and `VIDGO_BASE_URL` are read from when `apiKey` or `baseUrl` is not
   * given. Default `process.env`, read when the client is created.
   */
  env?: Record<string, string | undefined>;
}

/** A variable that is missing, empty or only spaces counts as unset (as in the edge proxy). */
function fromEnv(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `apiKey` and `baseUrl` as the client will use them: an explicit option wins over the environment. */
export function resolveConnection(options: NodeClientOptions = {}): { apiKey?: string; baseUrl?: string } {
  const env = options.env ?? process.env;
  return {
    apiKey: options.apiKey ?? fromEnv(env, 'VIDGO_API_KEY'),
    baseUrl: options.baseUrl ?? fromEnv(env, 'VIDGO_BASE_URL'),
  };
}

/**
 * The core's full client, configured from the environment. Keep-alive needs nothing here: Node's
 * global fetch (undici) already pools connections per origin and reuses them between polls.
 *
 * Throws `ConfigurationError` when there is no key and the base URL is Vidgo's own, where every
 * request would be refused; a client of a proxy (`baseUrl` or `VIDGO_BASE_URL` set) may go without.
 */
export function createVidgoClient(options: NodeClientOptions = {}): VidgoClient {
  const { env: _env, ...coreOptions } = options;
  const { apiKey, baseUrl } = resolveConnection(options);
  if (!apiKey && baseUrl === undefined) {
    throw new ConfigurationError('createVidgoClient: no API key: set VIDGO_API_KEY or pass { apiKey }');
  }
  return createCoreClient({ ...coreOptions, apiKey, baseUrl });
}

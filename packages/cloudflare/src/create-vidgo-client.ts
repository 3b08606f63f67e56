import { ConfigurationError, createVidgoClient as createCoreClient, type VidgoClient, type VidgoClientOptions } from '@vidgo-sdk/core';

/**
 * The Worker bindings the client reads: `VIDGO_API_KEY` as a secret (`wrangler secret put
 * VIDGO_API_KEY`, or `.dev.vars` locally) and, optionally, `VIDGO_BASE_URL` as a var.
 */
export interface VidgoEnv {
  VIDGO_API_KEY?: string;
  VIDGO_BASE_URL?: string;
}

const SECRET_HINT = 'add it with `wrangler secret put VIDGO_API_KEY` (and to .dev.vars for `wrangler dev`), or pass { apiKey }';

/**
 * The core's full client, configured from the Worker's `env` (never from `process.env`): an
 * explicit `apiKey` or `baseUrl` option wins over the binding. `fetch` defaults to the global
 * one, looked up at each call and called unbound, as Workers require.
 *
 * Throws `ConfigurationError` when there is no key.
 */
export function createVidgoClient(env: VidgoEnv, options: VidgoClientOptions = {}): VidgoClient {
  if (typeof env !== 'object' || env === null) {
    throw new ConfigurationError("createVidgoClient: pass the Worker's env (the fetch handler's second argument, or this.env)", {
      operation: 'createVidgoClient',
    });
  }
  const apiKey = options.apiKey ?? binding(env, 'VIDGO_API_KEY');
  if (!apiKey) {
    throw new ConfigurationError(`createVidgoClient: no API key: the VIDGO_API_KEY binding is missing or empty: ${SECRET_HINT}`, {
      operation: 'createVidgoClient',
    });
  }
  const baseUrl = options.baseUrl ?? binding(env, 'VIDGO_BASE_URL');
  return createCoreClient({ ...options, apiKey, ...(baseUrl ? { baseUrl } : {}) });
}

/** A binding that is missing, empty or only spaces counts as unset; one that is not text is a mistake. */
function binding(env: VidgoEnv, name: keyof VidgoEnv): string | undefined {
  const value: unknown = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new ConfigurationError(
      `createVidgoClient: the ${name} binding is not text (a Secrets Store binding?): pass { ${name === 'VIDGO_API_KEY' ? 'apiKey' : 'baseUrl'}: await env.${name}.get() }`,
      { operation: 'createVidgoClient' },
    );
  }
  return value.trim() || undefined;
}

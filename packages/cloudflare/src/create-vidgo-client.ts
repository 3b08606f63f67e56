import {
  ConfigurationError,
  createVidgoClient as createCoreClient,
  type VidgoClient,
  type VidgoClientOptions,
} from '@vidgo-sdk/core';
import { connectionFromEnvironment } from '@vidgo-sdk/core/internal';

/**
 * The Worker bindings the client reads: `VIDGO_API_KEY` as a secret (`wrangler secret put
 * VIDGO_API_KEY`, or `.dev.vars` locally) and, optionally, `VIDGO_BASE_URL` as a var.
 */
export interface VidgoEnv {
  /** The API key, as a secret. Required: its absence is a `ConfigurationError`. */
  VIDGO_API_KEY?: string;
  /** Another API URL (a proxy, or a simulator in tests). Default `https://api.vidgo.ai`. */
  VIDGO_BASE_URL?: string;
}

const SECRET_HINT = 'add it with `wrangler secret put VIDGO_API_KEY` (and to .dev.vars for `wrangler dev`)';

/**
 * The core's full client, configured from the Worker's `env` (never from `process.env`): an
 * explicit `apiKey` or `baseUrl` option wins over the binding. `fetch` defaults to the global
 * one, looked up at each call and called unbound, as Workers require.
 *
 * Throws `ConfigurationError` when there is no key and the client talks to Vidgo itself (core's
 * rule, the same on Node and Deno; a client of a proxy may go without).
 */
export function createVidgoClient(env: VidgoEnv, options: VidgoClientOptions = {}): VidgoClient {
  if (typeof env !== 'object' || env === null) {
    throw new ConfigurationError(
      "createVidgoClient: pass the Worker's env (the fetch handler's second argument, or this.env)",
      {
        operation: 'createVidgoClient',
      },
    );
  }
  const connection = connectionFromEnvironment(options, {
    read: (name) => binding(env, name),
    source: "the Worker's env",
    howToSetKey: SECRET_HINT,
  });
  return createCoreClient({ ...options, ...connection });
}

/** A binding as text; one that is not text (a Secrets Store binding) is a mistake, said here. */
function binding(env: VidgoEnv, name: keyof VidgoEnv): string | undefined {
  const value: unknown = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    const option = name === 'VIDGO_API_KEY' ? 'apiKey' : 'baseUrl';
    throw new ConfigurationError(
      `createVidgoClient: the ${name} binding is not text (a Secrets Store binding?): ` +
        `pass { ${option}: await env.${name}.get() }`,
      { operation: 'createVidgoClient' },
    );
  }
  return value;
}

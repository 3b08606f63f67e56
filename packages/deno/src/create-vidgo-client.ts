import {
  ConfigurationError,
  createVidgoClient as createCoreClient,
  type VidgoClient,
  type VidgoClientOptions,
} from '@vidgo-sdk/core';
import {
  connectionFromEnvironment,
  type EnvironmentValue,
  type VidgoEnvironmentVariable,
} from '@vidgo-sdk/core/internal';
import { isPermissionError } from './internal/permission-error.ts';

const PERMISSION_FLAG = '--allow-env=VIDGO_API_KEY,VIDGO_BASE_URL';

/**
 * The core client (status, submit, waiting, typed errors), configured from `Deno.env` where the
 * options leave something out: `VIDGO_API_KEY` for `apiKey`, `VIDGO_BASE_URL` for `baseUrl`.
 *
 * Throws a `ConfigurationError` at once when there is no key and the client talks to Vidgo
 * itself (core's rule, the same on Node and Workers; a client of a proxy may go without), also
 * when the key must come from the environment and the program may not read it (run with
 * `--allow-env=VIDGO_API_KEY,VIDGO_BASE_URL`). `VIDGO_BASE_URL` is optional: it is read only when
 * the program already may, so it never prompts for it.
 */
export function createVidgoClient(options: VidgoClientOptions = {}): VidgoClient {
  if (typeof Deno === 'undefined') {
    throw new ConfigurationError(
      'createVidgoClient: @vidgo-sdk/deno runs on Deno; elsewhere pass { apiKey } to @vidgo-sdk/core',
      {
        operation: 'createVidgoClient',
      },
    );
  }
  const connection = connectionFromEnvironment(options, { read, source: 'Deno.env', howToSetKey: 'set VIDGO_API_KEY' });
  return createCoreClient({ ...options, ...connection });
}

function read(name: VidgoEnvironmentVariable): EnvironmentValue {
  try {
    // The key: Deno asks in an interactive terminal; elsewhere a missing permission throws.
    // The base URL is optional: never asked for.
    if (name === 'VIDGO_BASE_URL' && Deno.permissions.querySync({ name: 'env', variable: name }).state !== 'granted')
      return undefined;
    return Deno.env.get(name);
  } catch (cause) {
    if (!isPermissionError(cause)) throw cause;
    return { unreadable: `no permission to read ${name}`, fix: `run with ${PERMISSION_FLAG}`, cause };
  }
}

import {
  ConfigurationError,
  createVidgoClient as createCoreClient,
  type VidgoClient,
  type VidgoClientOptions,
} from '@vidgo-sdk/core';
import { isPermissionError } from './internal/permission-error.ts';

const PERMISSION_FLAG = '--allow-env=VIDGO_API_KEY,VIDGO_BASE_URL';

/**
 * The core client (status, submit, waiting, typed errors), configured from `Deno.env` where the
 * options leave something out: `VIDGO_API_KEY` for `apiKey`, `VIDGO_BASE_URL` for `baseUrl`.
 *
 * Throws a `ConfigurationError` when there is no key, or when the key must come from the
 * environment and the program may not read it (run with `--allow-env=VIDGO_API_KEY,VIDGO_BASE_URL`).
 * `VIDGO_BASE_URL` is optional: it is read only when the program already may, so it never
 * prompts for it.
 */
export function createVidgoClient(options: VidgoClientOptions = {}): VidgoClient {
  const apiKey = options.apiKey ?? readKey();
  if (!apiKey) {
    throw new ConfigurationError('createVidgoClient: no API key: pass createVidgoClient({ apiKey }) or set VIDGO_API_KEY', {
      operation: 'createVidgoClient',
    });
  }
  const baseUrl = options.baseUrl ?? readIfGranted('VIDGO_BASE_URL');
  return createCoreClient({ ...options, apiKey, ...(baseUrl ? { baseUrl } : {}) });
}

function readKey(): string | undefined {
  if (typeof Deno === 'undefined') {
    throw new ConfigurationError('createVidgoClient: @vidgo-sdk/deno runs on Deno; elsewhere pass { apiKey } to @vidgo-sdk/core', {
      operation: 'createVidgoClient',
    });
  }
  try {
    // Deno asks in an interactive terminal; elsewhere a missing permission throws.
    return clean(Deno.env.get('VIDGO_API_KEY'));
  } catch (cause) {
    if (!isPermissionError(cause)) throw cause;
    throw new ConfigurationError(
      `createVidgoClient: no permission to read VIDGO_API_KEY: pass createVidgoClient({ apiKey }) or run with ${PERMISSION_FLAG}`,
      { operation: 'createVidgoClient', cause },
    );
  }
}

function readIfGranted(name: string): string | undefined {
  if (typeof Deno === 'undefined') return undefined;
  try {
    if (Deno.permissions.querySync({ name: 'env', variable: name }).state !== 'granted') return undefined;
    return clean(Deno.env.get(name));
  } catch (cause) {
    if (isPermissionError(cause)) return undefined;
    throw cause;
  }
}

// A key pasted with a trailing newline or a CRLF `.env` line is still the key.
const clean = (value: string | undefined) => value?.trim() || undefined;

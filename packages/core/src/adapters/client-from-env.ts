// The one rule for `createVidgoClient` configured from the environment, on Node (`process.env`),
// Deno (`Deno.env`) and Workers (the Worker's `env`): each adapter only reads its variables.
//
// The rule: a key is required when the client talks to Vidgo itself (no base URL, or one on
// api.vidgo.ai), and its absence is a `ConfigurationError` naming VIDGO_API_KEY when the client
// is created, never a 401 on the first call: a service without its secret should fail where it
// is configured, with what to set, not in the middle of a wait. A client of another base URL (a
// proxy that holds the key, such as the edge proxy) may go without one, on every runtime.
import { ConfigurationError } from '../errors/input-errors.ts';

export type VidgoEnvironmentVariable = 'VIDGO_API_KEY' | 'VIDGO_BASE_URL';

/** A variable as an adapter found it: its text, `undefined` when unset, or why it could not be read. */
export type EnvironmentValue = string | undefined | { unreadable: string; fix: string; cause?: unknown };

export interface ClientEnvironment {
  /** Reads one variable. Called only for what the options leave out; blank values count as unset. */
  read(name: VidgoEnvironmentVariable): EnvironmentValue;
  /** Where the variables live, for messages: `the environment`, `Deno.env`, `the Worker's env`. */
  source: string;
  /** How to set VIDGO_API_KEY there, for messages. */
  howToSetKey: string;
}

export interface EnvironmentConnection {
  apiKey?: string;
  baseUrl?: string;
}

const VIDGO_API_HOST = 'api.vidgo.ai';

/**
 * True when a client of `baseUrl` (undefined: the default) talks to Vidgo itself, which refuses every call without
 * a key.
 */
export function requiresApiKey(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return true;
  try {
    return new URL(baseUrl).hostname.toLowerCase() === VIDGO_API_HOST;
  } catch {
    return false; // not a URL: the client's own check says so, more precisely
  }
}

/**
 * `apiKey` and `baseUrl` for a client: an option that is given wins (even an empty `apiKey`,
 * which is then missing), otherwise the variable, trimmed (a key pasted with its newline, a CRLF
 * `.env` line, is still the key). Throws the `ConfigurationError` of the
 * rule above when the key is missing and required.
 */
export function connectionFromEnvironment(
  options: EnvironmentConnection,
  environment: ClientEnvironment,
): EnvironmentConnection {
  const baseUrl = options.baseUrl ?? text(environment.read('VIDGO_BASE_URL'));
  const read = options.apiKey === undefined ? environment.read('VIDGO_API_KEY') : undefined;
  const apiKey = options.apiKey === undefined ? text(read) : options.apiKey || undefined;
  if (!apiKey && requiresApiKey(baseUrl)) {
    const why =
      typeof read === 'object'
        ? `${read.unreadable}: ${read.fix}`
        : options.apiKey !== undefined
          ? 'the apiKey option is empty'
          : `VIDGO_API_KEY is missing or empty in ${environment.source}: ${environment.howToSetKey}`;
    throw new ConfigurationError(`createVidgoClient: no API key: ${why}, or pass createVidgoClient({ apiKey })`, {
      operation: 'createVidgoClient',
      ...(typeof read === 'object' && read.cause !== undefined ? { cause: read.cause } : {}),
    });
  }
  // An option is passed on as given: the client itself refuses a base URL or key it cannot use.
  return { apiKey, baseUrl };
}

// A base URL that cannot be read (Deno without permission for it) is simply not set: it is optional.
const text = (value: EnvironmentValue) => (typeof value === 'string' ? value.trim() || undefined : undefined);

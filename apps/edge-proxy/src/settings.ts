/** Everything the proxy reads from its environment (process env, Deno.env, or Worker bindings). */
export interface Settings {
  /** Unset: the proxy serves an embedded simulated Vidgo. */
  apiKey?: string;
  baseUrl: string;
  proxyToken?: string;
  allowedOrigins: string[];
  callbackSecret?: string;
  host: string;
  port: number;
  /** Requests per minute per client. */
  rateLimitPerMinute: number;
}

/** A setting that cannot work: the start stops with this one line. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

const DEFAULT_BASE_URL = 'https://api.vidgo.ai';

/**
 * Reads and checks the settings. Values are never echoed back when they are secrets, so a
 * mistyped key cannot end up in a log.
 */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const fail = (message: string): never => {
    throw new SettingsError(message);
  };
  const apiKey = value('VIDGO_API_KEY');
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey)) fail('VIDGO_API_KEY must be printable ASCII without spaces');
  const baseUrl = (value('VIDGO_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(baseUrl)) fail(`VIDGO_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  const proxyToken = value('PROXY_TOKEN');
  if (proxyToken !== undefined && proxyToken.length < 16) fail('PROXY_TOKEN must be at least 16 characters');
  const callbackSecret = value('CALLBACK_SECRET');
  if (callbackSecret !== undefined && !/^[A-Za-z0-9_-]{16,}$/.test(callbackSecret)) {
    fail('CALLBACK_SECRET must be at least 16 characters of A-Z, a-z, 0-9, _ or - (it goes in a URL path)');
  }
  const allowedOrigins = (value('ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/?#\s]+$/i.test(origin)) fail(`ALLOWED_ORIGINS: "${origin}" is not an origin like https://app.example.com`);
  }
  const host = value('HOST') ?? '127.0.0.1';
  const portText = value('PORT') ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) fail(`PORT must be a port number, got "${portText}"`);
  const rateText = value('RATE_LIMIT_PER_MINUTE') ?? '600';
  const rateLimitPerMinute = Number(rateText);
  if (!/^\d+$/.test(rateText) || rateLimitPerMinute < 1) fail(`RATE_LIMIT_PER_MINUTE must be a whole number ≥ 1, got "${rateText}"`);
  return { apiKey, baseUrl, proxyToken, allowedOrigins, callbackSecret, host, port, rateLimitPerMinute };
}

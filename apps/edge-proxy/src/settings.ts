import { MIN_SECRET_LENGTH } from '@vidgo-sdk/task-token';
import { readOpsSettings, type OpsSettings } from './ops/ops-settings.ts';
import { readRedisSettings, type RedisSettings } from './shared/redis-settings.ts';
import { readLimits, type Limits } from './settings-limits.ts';

/** Everything the proxy reads from its environment (process env, Deno.env, or Worker bindings). */
export interface Settings {
  /** Unset: the proxy serves an embedded simulated Vidgo. */
  apiKey?: string;
  baseUrl: string;
  /** A shared credential for servers and scripts: `Authorization: Bearer <PROXY_TOKEN>`. */
  proxyToken?: string;
  /** Signs per-task tokens (HS256 JWTs) that open one task for a browser. */
  taskTokenSecret?: string;
  /** Decides CORS headers only: a listed Origin alone opens nothing. */
  allowedOrigins: string[];
  callbackSecret?: string;
  /** The secret before a rotation, still accepted until it is removed. */
  callbackSecretPrevious?: string;
  host: string;
  port: number;
  limits: Limits;
  /** Log format and metrics (`ops/ops-settings.ts`). */
  ops: OpsSettings;
  /** Set by `REDIS_URL`: replicas share their poll loops, caches and limits through Redis (Node, Deno). */
  redis?: RedisSettings;
}

/** A setting that cannot work: the start stops with this one line. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Every variable the proxy reads: the Deno entrypoint is allowed these and no others. */
export const SETTING_NAMES = [
  'VIDGO_API_KEY',
  'VIDGO_BASE_URL',
  'PROXY_TOKEN',
  'TASK_TOKEN_SECRET',
  'ALLOWED_ORIGINS',
  'CALLBACK_SECRET',
  'CALLBACK_SECRET_PREVIOUS',
  'HOST',
  'PORT',
  'RATE_LIMIT_PER_MINUTE',
  'PRE_AUTH_RATE_LIMIT_PER_MINUTE',
  'CALLBACK_RATE_LIMIT_PER_MINUTE',
  'MAX_STREAMS',
  'MAX_STREAMS_PER_CLIENT',
  'MAX_WATCHED_TASKS',
  'MAX_CONNECTIONS',
  'HEADERS_TIMEOUT_MS',
  'REQUEST_TIMEOUT_MS',
  'LOG_FORMAT',
  'METRICS_PORT',
  'METRICS_HOST',
  'REDIS_URL',
  'REDIS_LEASE_MS',
] as const;

const DEFAULT_BASE_URL = 'https://api.vidgo.ai';
const CALLBACK_SECRET_SHAPE = /^[A-Za-z0-9_-]{16,}$/;

/**
 * Reads and checks the settings. Secrets are never quoted back, so a mistyped key cannot end up
 * in a log or, on Workers, in an answer.
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
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey))
    fail('VIDGO_API_KEY must be printable ASCII without spaces');
  const baseUrl = (value('VIDGO_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(baseUrl))
    fail(`VIDGO_BASE_URL must be an http(s) URL, got "${baseUrl.slice(0, 100)}"`);
  const proxyToken = value('PROXY_TOKEN');
  if (proxyToken !== undefined && (proxyToken.length < 16 || !/^[\x21-\x7e]+$/.test(proxyToken))) {
    fail('PROXY_TOKEN must be at least 16 printable characters without spaces');
  }
  const taskTokenSecret = value('TASK_TOKEN_SECRET');
  if (taskTokenSecret !== undefined && taskTokenSecret.length < MIN_SECRET_LENGTH)
    fail(`TASK_TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  const callbackSecret = value('CALLBACK_SECRET');
  const callbackSecretPrevious = value('CALLBACK_SECRET_PREVIOUS');
  for (const [name, secret] of [
    ['CALLBACK_SECRET', callbackSecret],
    ['CALLBACK_SECRET_PREVIOUS', callbackSecretPrevious],
  ] as const) {
    if (secret !== undefined && !CALLBACK_SECRET_SHAPE.test(secret))
      fail(`${name} must be at least 16 characters of A-Z, a-z, 0-9, _ or - (it goes in a URL path)`);
  }
  if (callbackSecretPrevious !== undefined && callbackSecret === undefined)
    fail('CALLBACK_SECRET_PREVIOUS is set without CALLBACK_SECRET');
  const allowedOrigins = (value('ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/?#\s]+$/i.test(origin))
      fail(`ALLOWED_ORIGINS: "${origin.slice(0, 100)}" is not an origin like https://app.example.com`);
  }
  const host = value('HOST') ?? '127.0.0.1';
  const portText = value('PORT') ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) fail(`PORT must be a port number, got "${portText.slice(0, 20)}"`);
  const limits = readLimits(value, fail);
  const ops = readOpsSettings(value, fail, port);
  const redis = readRedisSettings(value, fail);
  return {
    apiKey,
    baseUrl,
    proxyToken,
    taskTokenSecret,
    allowedOrigins,
    callbackSecret,
    callbackSecretPrevious,
    host,
    port,
    limits,
    ops,
    redis,
  };
}

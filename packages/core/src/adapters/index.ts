// What the runtime packages share beyond the client: the rule for a client from the environment
// and the SSE wire format. Exported from core for `@vidgo-sdk/node`, `/deno`, `/cloudflare` and
// the edge proxy, not for applications (they belong on `@vidgo-sdk/core/internal` once it exists).
export {
  connectionFromEnvironment,
  requiresApiKey,
  type ClientEnvironment,
  type EnvironmentConnection,
  type EnvironmentValue,
  type VidgoEnvironmentVariable,
} from './client-from-env.ts';
export {
  encodeSsePing,
  encodeSseRetry,
  encodeSseTaskEvent,
  encodeSseWatchFailed,
  SSE_HEADERS,
  SSE_TASK_EVENT,
  SSE_WATCH_FAILED_EVENT,
  type SseTaskEvent,
  type SseWatchFailure,
} from './sse-encoding.ts';

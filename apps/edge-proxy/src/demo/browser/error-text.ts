import { VidgoAPIError, VidgoError } from '@vidgo-sdk/core/lite';

/** The `detail` of a proxy error body (`{"detail": "..."}`), when it has one. */
export function detailOf(body: unknown): string | undefined {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  return typeof detail === 'string' && detail.trim() ? detail : undefined;
}

/** What a person reads when a call to the proxy failed: the proxy's own words, and the status. */
export function errorText(error: unknown): string {
  if (error instanceof VidgoAPIError)
    return `${detailOf(error.body) ?? (error.rawBody.trim().slice(0, 200) || 'no details')} (HTTP ${error.status})`;
  // The proxy gave up watching: its own sentence, without the call's name before it.
  if (VidgoError.is(error) && error.code === 'watch_failed')
    return (error as { detail?: string }).detail ?? error.message;
  if (VidgoError.is(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

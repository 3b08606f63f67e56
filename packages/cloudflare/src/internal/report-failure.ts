import { VidgoError } from '@vidgo-sdk/core';

// Failures about the task itself are the viewer's business; these are the operator's to fix.
const VIEWERS_BUSINESS = ['not_found', 'permission_denied'];
const OPERATORS_PROBLEM = ['authentication', 'configuration', 'internal'];

/**
 * Logs a failure the operator must hear of (the service's key refused, no key, Vidgo down): the
 * viewer got a fixed sentence, the log gets the error's message, which names no secret.
 */
export function reportFailure(what: string, error: unknown): void {
  const code = VidgoError.is(error) ? error.code : 'internal';
  if (VIEWERS_BUSINESS.includes(code)) return;
  const text = `TaskWatcher: ${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  if (OPERATORS_PROBLEM.includes(code)) console.error(text);
  else console.warn(text);
}

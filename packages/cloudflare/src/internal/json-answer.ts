import { failureMessage } from '../watch-message.ts';

/** A JSON response. */
export function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The 400 for a task id the core refuses: `{ code, detail }`, as the watcher's `watch-failed` messages say it. */
export function invalidTaskIdAnswer(error: unknown): Response {
  const { code, detail } = failureMessage(error);
  return answer(400, { code, detail });
}

/** A path segment decoded, or null when it is not valid percent-encoding. */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

import { answer, decodeSegment } from './json-answer.ts';

/** What a request to the TaskWatcher asks for; an answer when it asks for nothing it serves. */
export type WatchRoute = { kind: 'watch'; taskId: string | null; model?: string; lastEventId: string | null };
export type WatcherRoute =
  | WatchRoute
  | { kind: 'state' }
  | { kind: 'refresh' }
  | { kind: 'answer'; response: Response };

const EVENTS_PATH = /^\/api\/generate\/status\/([^/]+)\/events$/;

/** `GET /watch?taskId=…`, `GET /api/generate/status/:taskId/events`, `GET /state`, `POST /refresh`. */
export function watcherRoute(request: Request): WatcherRoute {
  const url = new URL(request.url);
  const events = EVENTS_PATH.exec(url.pathname);
  if (url.pathname === '/watch' || events) {
    if (request.method !== 'GET') {
      return { kind: 'answer', response: answer(405, { detail: 'Method not allowed' }, { allow: 'GET' }) };
    }
    const model = url.searchParams.get('model') ?? undefined;
    return {
      kind: 'watch',
      taskId: events ? decodeSegment(events[1]!) : url.searchParams.get('taskId'),
      lastEventId: request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
      ...(model ? { model } : {}),
    };
  }
  if (url.pathname === '/state' && request.method === 'GET') return { kind: 'state' };
  if (url.pathname === '/refresh' && request.method === 'POST') return { kind: 'refresh' };
  const detail = 'Not found: GET /watch?taskId=…, GET /api/generate/status/:taskId/events, GET /state, POST /refresh';
  return { kind: 'answer', response: answer(404, { detail }) };
}

import type { Fault } from '../simulator-types.ts';
import { errorResponse, gatewayPage, reasonPhrase, textResponse, type ErrorShape } from './responses.ts';

type StatusFault = Extract<Fault, { type: 'status' }>;

/** The answer of a `status` fault, in the body style it asks for. */
export function statusFaultResponse(fault: StatusFault, shape: ErrorShape): Response {
  const { status } = fault;
  const message = fault.message ?? reasonPhrase(status);
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  switch (fault.body ?? shape) {
    case 'detail':
      return errorResponse('detail', status, message, headers);
    case 'error':
      return errorResponse('error', status, message, headers);
    case 'text':
      return textResponse(status, message, 'text/plain; charset=utf-8', headers);
    case 'html':
      return textResponse(status, gatewayPage(status), 'text/html', headers);
    case 'json-garbage':
      // Announced as JSON, cut off before the closing brace.
      return textResponse(status, `{"detail":${JSON.stringify(message)}`, 'application/json', headers);
  }
}

/** HTTP 200 whose body is not JSON at all, though it claims to be. */
export function malformedResponse(): Response {
  return textResponse(200, 'not json', 'application/json');
}

/** The same answer with its body cut in the middle, as when a connection breaks mid-body. */
export async function truncatedResponse(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(text.slice(0, Math.floor(text.length / 2)), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

export type ErrorShape = 'detail' | 'error';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  // Spelled as the docs show the plain-text 408 body.
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

// The `error.type` values the docs list; 402, 408 and 504 have none documented.
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'insufficient_credits_error',
  403: 'permission_denied_error',
  404: 'resource_not_found_error',
  408: 'timeout_error',
  429: 'rate_limit_error',
  500: 'internal_error',
  502: 'upstream_error',
  503: 'service_error',
  504: 'upstream_error',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? `HTTP ${status}`;
}

export function errorType(status: number): string {
  return ERROR_TYPES[status] ?? (status < 500 ? 'invalid_request_error' : 'internal_error');
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return textResponse(status, JSON.stringify(body), 'application/json', headers);
}

export function textResponse(
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, {
    status,
    statusText: reasonPhrase(status),
    headers: { 'content-type': contentType, ...headers },
  });
}

/** An error in one of the two documented JSON shapes. */
export function errorResponse(
  shape: ErrorShape,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body = shape === 'detail' ? { detail: message } : { code: status, error: { message, type: errorType(status) } };
  return jsonResponse(status, body, headers);
}

/** What an nginx in front of the API answers with. */
export function gatewayPage(status: number): string {
  const title = `${status} ${reasonPhrase(status)}`;
  return [
    '<html>',
    `<head><title>${title}</title></head>`,
    '<body>',
    `<center><h1>${title}</h1></center>`,
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}

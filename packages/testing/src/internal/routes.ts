export type RouteMatch =
  | { route: 'status'; taskId: string }
  | { route: 'submit' }
  | { route: 'other'; answer: 'not-found' }
  | { route: 'other'; answer: 'method-not-allowed'; allow: string };

const STATUS = /^\/api\/generate\/status\/([^/]+)$/;
const SUBMIT = '/api/generate/submit';

/**
 * Matches the way the API's server does: the whole path is percent-decoded before routing, so an
 * id holding an encoded `/` finds no route, as on the real service.
 */
export function matchRoute(method: string, pathname: string, basePath: string): RouteMatch {
  const decoded = unquote(pathname);
  if (!decoded.startsWith(`${basePath}/`)) return { route: 'other', answer: 'not-found' };
  const path = decoded.slice(basePath.length);
  const status = STATUS.exec(path);
  if (status?.[1] !== undefined) {
    return method === 'GET'
      ? { route: 'status', taskId: status[1] }
      : { route: 'other', answer: 'method-not-allowed', allow: 'GET' };
  }
  if (path === SUBMIT) {
    return method === 'POST' ? { route: 'submit' } : { route: 'other', answer: 'method-not-allowed', allow: 'POST' };
  }
  return { route: 'other', answer: 'not-found' };
}

// Like Python's `unquote`: malformed escapes stay as they are instead of throwing.
function unquote(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

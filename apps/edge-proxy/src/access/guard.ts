import { isServableTaskId, type VerifiedTaskToken } from '@vidgo-sdk/task-token';
import type { Context, MiddlewareHandler } from 'hono';
import type { OnRefused, RefusalReason } from '../ops/refusal-reasons.ts';
import { notLocal } from './local-request.ts';
import type { ClientAddress, PreAuthLimit } from './pre-auth-limit.ts';
import { digest, PROXY_TOKEN_PRINCIPAL, type Principal } from './principal.ts';
import { sameSecret } from './same-secret.ts';

export interface AccessRules {
  proxyToken?: string;
  verifyTaskToken?: (token: string) => Promise<VerifiedTaskToken>;
  /** No credential configured and client addresses visible: requests from this machine are served. */
  loopbackOpen: boolean;
  clientAddress: ClientAddress;
  preAuthLimit: PreAuthLimit;
  /** The per-principal limit, met only after the credential is verified. */
  principalLimit: PrincipalLimit;
  /** Told of each refusal, by reason (the metrics count them). */
  refused?: OnRefused;
}

/** Takes one request from a principal's allowance: undefined when allowed, else the seconds to wait. */
export interface PrincipalLimit {
  take(key: string): number | undefined | Promise<number | undefined>;
  /** Principals counted in this process, where it counts them (the in-process buckets). */
  readonly size?: number;
}

export type GuardedEnv = { Variables: { principal: Principal } };

// A bearer value of a real credential is well under this; longer ones are refused unread.
const BEARER = /^Bearer ([\x21-\x7e]{1,2048})$/;

/**
 * The gate of every API route: the pre-auth limit by address, then the task id's shape, then a
 * verified credential (PROXY_TOKEN, a per-task token for this task, or — with no credential
 * configured — a request from this machine), then the limit of that principal. Nothing before
 * the last step reaches upstream or keeps memory per credential.
 */
export function guard(
  rules: AccessRules,
  { queryToken = false }: { queryToken?: boolean } = {},
): MiddlewareHandler<GuardedEnv> {
  return async (c, next) => {
    const refused = (reason: RefusalReason) => rules.refused?.(reason);
    const wait = await rules.preAuthLimit(c.req.raw, c.env);
    if (wait !== undefined) {
      refused('pre_auth_rate_limit');
      return tooMany(c, wait);
    }
    const taskId = c.req.param('taskId');
    if (taskId !== undefined && !isServableTaskId(taskId)) {
      refused('invalid_task_id');
      return c.json({ detail: 'Invalid task id' }, 400);
    }

    const principal = await authenticate(c, rules, queryToken);
    if ('detail' in principal) {
      refused(principal.reason);
      return refuse(c, principal.detail);
    }
    if (principal.taskId !== undefined && principal.taskId !== taskId) {
      refused('other_task');
      return c.json({ detail: 'This token opens another task' }, 403);
    }
    const limited = await rules.principalLimit.take(principal.key);
    if (limited !== undefined) {
      refused('rate_limit');
      return tooMany(c, limited);
    }
    c.set('principal', principal);
    await next();
  };
}

interface Refusal {
  detail: string;
  reason: RefusalReason;
}

/** The verified principal, or why there is none (401). */
async function authenticate(c: Context, rules: AccessRules, queryToken: boolean): Promise<Principal | Refusal> {
  const authorization = c.req.header('authorization');
  let token: string | undefined;
  // Only a per-task token may ride in a URL (EventSource sends no headers): URLs end up in logs
  // and histories, where a token for one task, soon expired, costs little and PROXY_TOKEN all.
  let inUrl = false;
  if (authorization !== undefined) {
    token = BEARER.exec(authorization)?.[1];
    if (token === undefined)
      return { detail: 'The Authorization header is not a bearer token', reason: 'bad_credential' };
  } else if (queryToken) {
    token = c.req.query('token');
    inUrl = token !== undefined;
  }
  if (token !== undefined) {
    if (!inUrl && rules.proxyToken !== undefined && sameSecret(token, rules.proxyToken)) return PROXY_TOKEN_PRINCIPAL;
    if (!rules.verifyTaskToken) return { detail: 'Wrong proxy token', reason: 'bad_credential' };
    try {
      const claims = await rules.verifyTaskToken(token);
      return {
        kind: 'task-token',
        key: await digest(`${claims.taskId}\n${claims.tokenId ?? claims.expiresAt}`),
        taskId: claims.taskId,
      };
    } catch {
      return { detail: 'Wrong, expired or malformed token', reason: 'bad_credential' };
    }
  }
  if (!rules.loopbackOpen) return { detail: 'A token is required', reason: 'missing_credential' };
  const address = rules.clientAddress(c.req.raw, c.env);
  const why = notLocal(c.req.raw, address);
  if (why)
    return {
      detail: `This proxy has no credential configured and serves this machine only: the request is ${why}`,
      reason: 'not_local',
    };
  return { kind: 'local', key: `local:${address}` };
}

function refuse(c: Context, detail: string) {
  // Not-local refusals are 403: a credential would not change the answer of a loopback-only proxy.
  if (detail.startsWith('This proxy has no credential')) return c.json({ detail }, 403);
  c.header('WWW-Authenticate', 'Bearer');
  return c.json({ detail }, 401);
}

function tooMany(c: Context, seconds: number) {
  c.header('Retry-After', String(Math.min(60, seconds)));
  return c.json({ detail: 'Too many requests' }, 429);
}

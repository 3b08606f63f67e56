import { taskTokenVerifier } from '@vidgo-sdk/task-token';
import { tokenBuckets } from '../limits/token-buckets.ts';
import type { OnRefused } from '../ops/refusal-reasons.ts';
import type { Settings } from '../settings.ts';
import type { AccessRules, PrincipalLimit } from './guard.ts';
import { addressLimit, type ClientAddress, type PreAuthLimit } from './pre-auth-limit.ts';

export interface AccessRuntime {
  /** The connection's address: the socket's on Node and Deno, CF-Connecting-IP on Workers. */
  clientAddress: ClientAddress;
  /** Whether that address can tell a request from this machine (not on Workers). */
  canSeeClientAddress: boolean;
  /** Verifies per-task tokens when set: the operator's TASK_TOKEN_SECRET, or the demo's own. */
  taskTokenSecret?: string;
  /** Replaces the in-memory pre-auth limit (Workers' Rate Limiting binding). */
  preAuthLimit?: PreAuthLimit;
  /** Replaces the in-memory per-principal limit (counted in Redis across replicas). */
  principalLimit?: PrincipalLimit;
  now?: () => number;
  /** Told of each refusal (the metrics). */
  onRefused?: OnRefused;
}

/**
 * The access rules the settings make. Requests from this machine are served without a credential
 * only when the operator configured none; a demo's own task-token secret does not count.
 */
export function accessRules(settings: Settings, runtime: AccessRuntime): AccessRules {
  const { limits } = settings;
  const clock = runtime.now ? { now: runtime.now } : {};
  const secret = settings.taskTokenSecret ?? runtime.taskTokenSecret;
  return {
    ...(settings.proxyToken ? { proxyToken: settings.proxyToken } : {}),
    ...(secret ? { verifyTaskToken: taskTokenVerifier({ secret, ...clock }) } : {}),
    loopbackOpen: !settings.proxyToken && !settings.taskTokenSecret && runtime.canSeeClientAddress,
    clientAddress: runtime.clientAddress,
    preAuthLimit: runtime.preAuthLimit ?? addressLimit(limits.preAuthRatePerMinute, runtime.clientAddress, runtime.now),
    principalLimit: runtime.principalLimit ?? tokenBuckets(limits.ratePerMinute, clock),
    ...(runtime.onRefused ? { refused: runtime.onRefused } : {}),
  };
}

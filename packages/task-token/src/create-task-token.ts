import { SignJWT } from 'jose';
import { signingKey } from './signing-key.ts';
import { isServableTaskId } from './task-id-rule.ts';

/** The options of `createTaskToken`: the shared secret, and how long the token lasts. */
export interface CreateTaskTokenOptions {
  /** The proxy's `TASK_TOKEN_SECRET` (at least 32 characters). Server side only. */
  secret: string;
  /** How long the token opens the task. Default 3600 (an hour: long enough for a video). */
  expiresInSeconds?: number;
  /** The token's own id (`jti`): the proxy limits each token on its own. Default: a random UUID. */
  tokenId?: string;
  /** The current time in epoch ms; tests pass a virtual clock's. */
  now?: () => number;
}

/**
 * A token that lets one browser read ONE task through the edge proxy: its status and its event
 * stream, until it expires. Mint it on your backend beside the submit, hand both to the page.
 *
 * ```ts
 * const { task_id } = await vidgo.submitTask({ model: 'sora-2', input: { prompt } });
 * const token = await createTaskToken(task_id, { secret: env.TASK_TOKEN_SECRET, expiresInSeconds: 3600 });
 * return Response.json({ task_id, token });
 * ```
 */
export async function createTaskToken(taskId: string, options: CreateTaskTokenOptions): Promise<string> {
  const { secret, expiresInSeconds = 3600, tokenId = crypto.randomUUID(), now = Date.now } = options;
  const key = signingKey(secret, 'createTaskToken');
  if (!isServableTaskId(taskId))
    throw new TypeError('createTaskToken: the task id must be 1 to 128 characters of A-Z, a-z, 0-9, _ or -');
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0)
    throw new TypeError('createTaskToken: expiresInSeconds must be a whole number > 0');
  if (typeof tokenId !== 'string' || tokenId.length === 0 || tokenId.length > 128)
    throw new TypeError('createTaskToken: tokenId must be 1 to 128 characters');
  const issuedAt = Math.floor(now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(taskId)
    .setJti(tokenId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + expiresInSeconds)
    .sign(key);
}

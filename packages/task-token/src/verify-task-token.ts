import { errors, type JWTPayload, jwtVerify } from 'jose';
import { signingKey } from './signing-key.ts';
import { isServableTaskId } from './task-id-rule.ts';
import { TaskTokenError } from './task-token-error.ts';

/** What a valid token says, as `taskTokenVerifier` resolves it. */
export interface VerifiedTaskToken {
  /** `sub`: the one task the token opens. */
  taskId: string;
  /** `jti`, when the token has one. */
  tokenId?: string;
  /** `exp`, in epoch seconds. */
  expiresAt: number;
}

/** The options of `taskTokenVerifier`. */
export interface TaskTokenVerifierOptions {
  /** The proxy's `TASK_TOKEN_SECRET`, the one the backend mints with. */
  secret: string;
  /** The current time in epoch ms. Default `Date.now`; tests pass a virtual clock's. */
  now?: () => number;
  /** Allowed clock skew between the minting backend and the proxy. Default 5 s. */
  clockToleranceSeconds?: number;
}

// A real token is a few hundred bytes; anything longer is refused before any work is done.
const MAX_TOKEN_LENGTH = 2048;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Checks task tokens with one secret: HS256 only (`alg: none` and every other algorithm are
 * refused by jose), `exp` and `sub` required, `nbf` and `iat` honoured. Resolves with the claims,
 * or rejects with a `TaskTokenError` whose message never quotes the token.
 */
export function taskTokenVerifier({
  secret,
  now = Date.now,
  clockToleranceSeconds = 5,
}: TaskTokenVerifierOptions): (token: string) => Promise<VerifiedTaskToken> {
  const key = signingKey(secret, 'taskTokenVerifier');
  return async (token) => {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      throw new TaskTokenError('malformed', 'The task token is not a compact JWT');
    }
    const currentDate = new Date(now());
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
        currentDate,
        clockTolerance: clockToleranceSeconds,
      }));
    } catch (error) {
      throw refusal(error);
    }
    // jose checks `iat` only against a maximum age: a token issued in the future is refused here.
    if (payload.iat !== undefined && payload.iat > currentDate.getTime() / 1000 + clockToleranceSeconds) {
      throw new TaskTokenError('not-yet-valid', 'The task token was issued in the future');
    }
    if (!isServableTaskId(payload.sub))
      throw new TaskTokenError('invalid-claims', 'The task token names no valid task id');
    if (payload.jti !== undefined && (typeof payload.jti !== 'string' || payload.jti.length > 128)) {
      throw new TaskTokenError('invalid-claims', 'The task token has an invalid jti');
    }
    return {
      taskId: payload.sub,
      expiresAt: payload.exp!,
      ...(payload.jti !== undefined ? { tokenId: payload.jti } : {}),
    };
  };
}

function refusal(error: unknown): TaskTokenError {
  if (error instanceof errors.JWTExpired) return new TaskTokenError('expired', 'The task token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'nbf'
      ? new TaskTokenError('not-yet-valid', 'The task token is not valid yet')
      : new TaskTokenError('invalid-claims', `The task token's "${error.claim}" claim is missing or invalid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new TaskTokenError('bad-signature', 'The task token is not signed with this secret');
  return new TaskTokenError('malformed', 'The task token is not a valid HS256 JWT');
}

import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTaskToken, TaskTokenError, taskTokenVerifier } from '../src/index.ts';

const SECRET = 'task-token-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 10, 30, 12);
const key = new TextEncoder().encode(SECRET);
const verify = taskTokenVerifier({ secret: SECRET, now: () => NOW });
const refusedWith = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof TaskTokenError ? error.code : `other: ${String(error)}`),
  );

describe('createTaskToken and taskTokenVerifier', () => {
  it('round-trips the task id, a token id and the expiry', async () => {
    const token = await createTaskToken('task-unified-1757165031-uyujaw3d', {
      secret: SECRET,
      expiresInSeconds: 600,
      now: () => NOW,
    });
    const claims = await verify(token);
    expect(claims.taskId).toBe('task-unified-1757165031-uyujaw3d');
    expect(claims.expiresAt).toBe(NOW / 1000 + 600);
    expect(claims.tokenId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an expired token, and one used before its nbf or iat', async () => {
    const expired = await createTaskToken('task-1', { secret: SECRET, expiresInSeconds: 60, now: () => NOW - 120_000 });
    expect(await refusedWith(verify(expired))).toBe('expired');
    const early = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('task-1')
      .setExpirationTime(NOW / 1000 + 600)
      .setNotBefore(NOW / 1000 + 300)
      .sign(key);
    expect(await refusedWith(verify(early))).toBe('not-yet-valid');
    const future = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('task-1')
      .setIssuedAt(NOW / 1000 + 300)
      .setExpirationTime(NOW / 1000 + 600)
      .sign(key);
    expect(await refusedWith(verify(future))).toBe('not-yet-valid');
  });

  it('refuses alg none, other algorithms, other secrets and tampered payloads', async () => {
    const unsigned = new UnsecuredJWT({})
      .setSubject('task-1')
      .setExpirationTime(NOW / 1000 + 600)
      .encode();
    expect(await refusedWith(verify(unsigned))).not.toBe('accepted');
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('task-1')
      .setExpirationTime(NOW / 1000 + 600)
      .sign(new Uint8Array(64).fill(7));
    expect(await refusedWith(verify(hs512))).not.toBe('accepted');
    const foreign = await createTaskToken('task-1', { secret: 'another-secret-of-32-characters-xx', now: () => NOW });
    expect(await refusedWith(verify(foreign))).toBe('bad-signature');
    const genuine = await createTaskToken('task-1', { secret: SECRET, now: () => NOW });
    const [header, , signature] = genuine.split('.');
    const payload = base64url.encode(JSON.stringify({ sub: 'task-2', exp: NOW / 1000 + 600 }));
    expect(await refusedWith(verify(`${header}.${payload}.${signature}`))).toBe('bad-signature');
  });

  it('requires exp and a servable sub', async () => {
    const noExpiry = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('task-1').sign(key);
    expect(await refusedWith(verify(noExpiry))).toBe('invalid-claims');
    const badSubject = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('../etc')
      .setExpirationTime(NOW / 1000 + 600)
      .sign(key);
    expect(await refusedWith(verify(badSubject))).toBe('invalid-claims');
  });

  it('refuses garbage and oversized tokens without quoting them', async () => {
    for (const token of ['', 'not.a.jwt!', 'a'.repeat(16_000), `${'a'.repeat(3000)}.b.c`]) {
      const error = await verify(token).catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(TaskTokenError);
      expect((error as Error).message).not.toContain(token.slice(0, 20) || '\u0000');
    }
  });

  it('refuses short secrets and unservable ids when minting', async () => {
    await expect(createTaskToken('task-1', { secret: 'short' })).rejects.toThrow(/at least 32 characters/);
    expect(() => taskTokenVerifier({ secret: 'short' })).toThrow(/at least 32 characters/);
    await expect(createTaskToken('a/b', { secret: SECRET })).rejects.toThrow(/task id/);
    await expect(createTaskToken('task-1', { secret: SECRET, expiresInSeconds: 0 })).rejects.toThrow(
      /expiresInSeconds/,
    );
  });
});

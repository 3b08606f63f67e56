export type AuthResult = { auth: 'ok'; apiKey: string } | { auth: 'missing' | 'invalid' };

/** Reads `Authorization: Bearer <key>`. The key goes no further than the caller's hands. */
export function authenticate(header: string | null, apiKeys: ReadonlySet<string>): AuthResult {
  if (header === null || header.trim() === '') return { auth: 'missing' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  const apiKey = match?.[1];
  return apiKey !== undefined && apiKeys.has(apiKey) ? { auth: 'ok', apiKey } : { auth: 'invalid' };
}

/** Shorter secrets are refused: HS256 is only as strong as its key. */
export const MIN_SECRET_LENGTH = 32;

export function signingKey(secret: string, operation: string): Uint8Array {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`${operation}: the secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
  }
  return new TextEncoder().encode(secret);
}

/** Who a request is, once verified. `key` has a fixed size, whatever the credential looked like. */
export interface Principal {
  kind: 'proxy-token' | 'task-token' | 'local';
  key: string;
  /** A per-task token opens this one task. */
  taskId?: string;
}

export const PROXY_TOKEN_PRINCIPAL: Principal = { kind: 'proxy-token', key: 'proxy-token' };

/** A short, fixed-size digest: the limits' keys hold no token bytes and cannot grow with them. */
export async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let binary = '';
  for (const byte of bytes.subarray(0, 16)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
}

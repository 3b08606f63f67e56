/** Upstream answers are a few hundred bytes; anything past this is refused before it is held. */
export const MAX_UPSTREAM_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * `fetch`, with the answer's body cut off at `maxBytes`: a declared Content-Length over it fails
 * at once, and a body that streams past it errors when it does, so no more than `maxBytes` is
 * ever buffered (the core reads the body whole).
 */
export function cappedFetch(fetchFunction: typeof fetch, maxBytes = MAX_UPSTREAM_BODY_BYTES): typeof fetch {
  return async (input, init) => {
    const response = await fetchFunction(input, init);
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new BodyTooLargeError(`the answer declares ${declared} bytes, over the ${maxBytes}-byte limit`);
    }
    if (!response.body) return response;
    return new Response(response.body.pipeThrough(byteLimit(maxBytes)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** Passes bytes through until `maxBytes`, then errors the stream (which cancels its source). */
export function byteLimit(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(new BodyTooLargeError(`the answer is over the ${maxBytes}-byte limit`));
      else controller.enqueue(chunk);
    },
  });
}

/** Reads a request body as text, refusing (undefined) one over `maxBytes`. */
export async function readCappedText(request: Request, maxBytes: number): Promise<string | undefined> {
  if (Number(request.headers.get('content-length')) > maxBytes) return undefined;
  if (!request.body) return '';
  try {
    return await new Response(request.body.pipeThrough(byteLimit(maxBytes))).text();
  } catch {
    return undefined;
  }
}

export interface ErrorBody {
  /** The parsed JSON, when the body was JSON. */
  body: unknown;
  /** The body's own words, when it has any. */
  message?: string;
}

/**
 * Reads any error body Vidgo or a gateway in front of it sends: `{"detail": "..."}`,
 * `{"detail": [{"msg": ...}]}`, `{"error": {"message", "type"}}`, or plain text. An HTML page
 * has no words worth quoting (its title repeats the status line), so it gives no message.
 */
export function readErrorBody(text: string): ErrorBody {
  // biome-ignore lint/suspicious/noExplicitAny: any JSON shape is read tolerantly, field by field.
  const body = parseJson(text) as any;
  const { detail, error } = body ?? {};
  const words =
    body === undefined
      ? /^\s*</.test(text) || text
      : Array.isArray(detail)
        ? detail
            .map((item) => item?.msg ?? item)
            .filter((words) => typeof words === 'string')
            .join('; ')
        : (error?.message ?? detail ?? error ?? body?.message);
  const message = typeof words === 'string' ? words.replace(/\s+/g, ' ').trim().slice(0, 300) : '';
  return { body, message: message || undefined };
}

/** The JSON in `text`, or undefined when there is none. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {}
}

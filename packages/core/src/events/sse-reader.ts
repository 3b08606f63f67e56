/** What a Server-Sent Events stream has said so far, besides its events. */
export interface SseReader {
  /** Decoded text, in pieces cut anywhere (mid-line, between `\r` and `\n`). */
  push(text: string): void;
  /** The `id` of the last event dispatched: sent back as `Last-Event-ID` on a reconnect. */
  lastEventId: string;
  /** The server's `retry:`, in ms, once it sent one. */
  retryMs?: number;
}

/**
 * The WHATWG event-stream parser, the part EventSource runs, for a `fetch` body: lines end in
 * CRLF, LF or CR; `:` starts a comment; `data:` lines join with `\n`; a blank line dispatches
 * (nothing, when no data came); an `id` with NUL and a `retry` that is not digits are ignored.
 * A half event left at the end of the stream is dropped, as the standard says.
 */
export function sseReader(dispatch: (type: string, data: string) => void): SseReader {
  let rest = '';
  let type = '';
  let data: string | undefined;
  let id = '';
  let afterCr = false;
  const line = (text: string) => {
    if (!text) {
      reader.lastEventId = id;
      if (data !== undefined) dispatch(type || 'message', data);
      data = undefined;
      type = '';
      return;
    }
    const colon = text.indexOf(':');
    if (!colon) return;
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + (text[colon + 1] === ' ' ? 2 : 1));
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) reader.retryMs = +value;
  };
  const reader: SseReader = {
    lastEventId: '',
    push(text) {
      // A CR that ended the last piece was a line end; a LF starting this one is its other half.
      const skip = afterCr && text[0] === '\n';
      if (text) afterCr = false;
      rest += skip ? text.slice(1) : text;
      for (let match: RegExpExecArray | null; (match = /\r\n|\r|\n/.exec(rest)); ) {
        line(rest.slice(0, match.index));
        rest = rest.slice(match.index + match[0].length);
        afterCr = match[0] === '\r' && !rest;
      }
    },
  };
  return reader;
}

/** One Server-Sent Event, as far as the benchmark cares. */
export interface SseEvent {
  event?: string;
  id?: string;
  data?: string;
}

/**
 * Reads an HTTP/1.1 response carrying an SSE stream, from raw socket bytes: the head, then the
 * body (chunked or not), then the events. Strings in latin1 keep one character per byte, so
 * chunk sizes can be counted in characters; the JSON is only read for its ASCII `status`.
 */
export function createSseReader(handlers: {
  onHead(status: number): void;
  onEvent(event: SseEvent): void;
  onEnd(): void;
}) {
  let head = true;
  let chunked = false;
  let pending = '';
  let dataLeft = 0;
  let crlfLeft = 0;
  let text = '';
  let ended = false;

  const readEvents = (piece: string) => {
    text += piece;
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event: SseEvent = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue; // a comment (`: ping`) or a bare field name
        const field = line.slice(0, colon);
        if (field === 'event' || field === 'id' || field === 'data') event[field] = line.slice(colon + 1).trimStart();
      }
      if (event.event || event.data) handlers.onEvent(event);
    }
  };

  return (bytes: Buffer) => {
    if (ended) return;
    pending += bytes.toString('latin1');
    if (head) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = pending.slice(0, end).split('\r\n');
      handlers.onHead(Number(lines[0]!.split(' ')[1]));
      chunked = lines.some((line) => /^transfer-encoding:\s*chunked/i.test(line));
      pending = pending.slice(end + 4);
      head = false;
    }
    if (!chunked) {
      readEvents(pending);
      pending = '';
      return;
    }
    for (;;) {
      if (dataLeft > 0) {
        const piece = pending.slice(0, dataLeft);
        pending = pending.slice(piece.length);
        dataLeft -= piece.length;
        readEvents(piece);
        if (dataLeft > 0) return;
      }
      if (crlfLeft > 0) {
        const skipped = Math.min(crlfLeft, pending.length);
        pending = pending.slice(skipped);
        crlfLeft -= skipped;
        if (crlfLeft > 0) return;
      }
      const lineEnd = pending.indexOf('\r\n');
      if (lineEnd < 0) return;
      const size = parseInt(pending.slice(0, lineEnd), 16);
      pending = pending.slice(lineEnd + 2);
      if (size === 0) {
        ended = true;
        handlers.onEnd();
        return;
      }
      dataLeft = size;
      crlfLeft = 2;
    }
  };
}

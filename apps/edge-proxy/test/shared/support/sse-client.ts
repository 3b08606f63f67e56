export interface ReceivedEvent {
  id?: string;
  event: string;
  data: string;
  /** When it arrived, epoch ms. */
  at: number;
}

export interface SseClient {
  status: number;
  events: ReceivedEvent[];
  /** Resolves when the server ended the stream, or it broke (a replica died). */
  closed: Promise<'ended' | 'broken'>;
  close(): void;
}

/** An EventSource as far as the tests care, over fetch: the events with their ids and arrival times. */
export async function openEvents(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: ReceivedEvent[] = [];
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream'))
    return { status: response.status, events, closed: Promise.resolve('ended'), close: () => {} };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const closed = (async (): Promise<'ended' | 'broken'> => {
    let text = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'ended';
        text += value;
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.event)
            events.push({ id: fields.id, event: fields.event, data: fields.data ?? '', at: Date.now() });
        }
      }
    } catch {
      return 'broken';
    }
  })();
  return { status: response.status, events, closed, close: () => controller.abort() };
}

/** The `task` events' states, as `status:progress`. */
export const states = (client: SseClient): string[] =>
  client.events
    .filter((event) => event.event === 'task')
    .map((event) => {
      const task = JSON.parse(event.data) as { status: string; progress?: number };
      return `${task.status}:${task.progress ?? ''}`;
    });

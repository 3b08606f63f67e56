// Server-Sent Events as a browser's EventSource would see them, read to the end of the stream.

export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Every event of the stream with its parsed JSON `data`, once the server has ended it. Comments are skipped. */
export async function readEvents(response: Response): Promise<ServerSentEvent[]> {
  const text = await response.text();
  const events: ServerSentEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const fields = block.split(/\r?\n/).filter((line) => line && !line.startsWith(':'));
    const value = (name: string) =>
      fields
        .filter((line) => line.startsWith(`${name}:`))
        .map((line) => line.slice(name.length + 1).replace(/^ /, ''))
        .join('\n');
    const data = value('data');
    if (data) events.push({ event: value('event') || 'message', data: JSON.parse(data) });
  }
  return events;
}

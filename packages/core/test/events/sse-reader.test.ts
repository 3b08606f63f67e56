import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sseReader } from '../../src/events/sse-reader.ts';

/** Feeds `pieces` and returns what was dispatched, with the reader's id and retry after. */
function read(...pieces: string[]) {
  const events: [string, string][] = [];
  const reader = sseReader((type, data) => events.push([type, data]));
  for (const piece of pieces) reader.push(piece);
  return { events, lastEventId: reader.lastEventId, retryMs: reader.retryMs };
}

const STREAM =
  'retry: 5000\n\n: ping\n\nid: e1.1\nevent: task\ndata: {"a":1}\n\n' +
  'event: watch-failed\r\ndata: first\r\ndata:second\r\n\r\nid: e1.2\rdata: plain\r\r';

describe('sseReader, the event-stream format as EventSource reads it', () => {
  it('reads events, comments, multi-line data and every kind of line end', () => {
    expect(read(STREAM)).toEqual({
      events: [
        ['task', '{"a":1}'],
        ['watch-failed', 'first\nsecond'],
        ['message', 'plain'],
      ],
      lastEventId: 'e1.2',
      retryMs: 5000,
    });
  });

  it('reads the same, wherever the text is cut (a CRLF split in two included)', () => {
    const whole = read(STREAM);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 12 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), STREAM.length];
        expect(read(...at.slice(1).map((end, index) => STREAM.slice(at[index], end)))).toEqual(whole);
      }),
      { seed: 12, numRuns: 300 },
    );
    expect(read('data: x\r', '\ndata: y\r\n', '\r\n').events).toEqual([['message', 'x\ny']]);
    // An empty piece (a decoder holding half a character) between the CR and its LF changes nothing.
    expect(read('data: x\r', '', '\ndata: y\n\n').events).toEqual([['message', 'x\ny']]);
  });

  it('ignores an id holding NUL, a retry that is not digits, and unknown fields', () => {
    expect(read('id: ok\n\nid: b\0d\nretry: 1s\nfoo: bar\ndata\n\n')).toEqual({
      events: [['message', '']],
      lastEventId: 'ok',
      retryMs: undefined,
    });
  });

  it('drops a half event at the end, and keeps its id out of Last-Event-ID', () => {
    expect(read('id: 1\ndata: a\n\nid: 2\ndata: b')).toEqual({
      events: [['message', 'a']],
      lastEventId: '1',
      retryMs: undefined,
    });
  });

  it('dispatches nothing for a blank event, but takes its id', () => {
    expect(read('id: 7\n\n')).toEqual({ events: [], lastEventId: '7', retryMs: undefined });
  });
});

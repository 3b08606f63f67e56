import { describe, expect, it } from 'vitest';
import { replayFor, sendTo, type SharedWatcher } from '../../src/shared/shared-entry.ts';
import type { WatchEnd, WatchEvent } from '../../src/watch/watcher.ts';

const event = (id: string, status: string, progress: number): WatchEvent => ({
  id,
  task: { task_id: 'task-1', status, files: [], progress },
});

function viewer(options: Partial<SharedWatcher> = {}) {
  const sent: string[] = [];
  const ends: WatchEnd[] = [];
  const state: SharedWatcher = {
    watcher: { send: (sentEvent) => sent.push(sentEvent.id), ping: () => {}, end: (how) => ends.push(how ?? {}) },
    ready: true,
    queue: [],
    ...options,
  };
  return { state, sent, ends };
}

describe('what a viewer on a replica is sent', () => {
  it('each stream event once, in order, whether it comes from the replay or the reader', () => {
    const { state, sent } = viewer();
    for (const item of [event('5-0', 'running', 10), event('5-0', 'running', 10), event('4-0', 'running', 5)])
      sendTo(state, item);
    sendTo(state, event('6-0', 'running', 20));
    expect(sent).toEqual(['5-0', '6-0']);
  });

  it('a state seen from one loop is not sent again from another, and progress never goes back', () => {
    const { state, sent } = viewer();
    sendTo(state, event('local-1', 'running', 30));
    // Redis came back: the holder's stream repeats the state, then an older reading, then news.
    sendTo(state, event('9-0', 'running', 30));
    sendTo(state, event('9-1', 'running', 25));
    sendTo(state, event('9-2', 'running', 40));
    expect(sent).toEqual(['local-1', '9-2']);
  });

  it('the terminal event ends the stream, and nothing comes after it', () => {
    const { state, sent, ends } = viewer();
    expect(sendTo(state, event('1-0', 'finished', 100))).toBe(true);
    expect(sendTo(state, event('2-0', 'running', 50))).toBe(false);
    expect(sent).toEqual([]);
    expect(ends).toEqual([{ last: event('1-0', 'finished', 100) }]);
  });

  it('waits for its replay: live events queue until then', () => {
    const { state, sent } = viewer({ ready: false });
    sendTo(state, event('3-0', 'running', 10));
    expect(sent).toEqual([]);
    expect(state.queue.map((queued) => queued.id)).toEqual(['3-0']);
  });
});

describe('replayFor', () => {
  const history = [event('1-0', 'running', 1), event('2-0', 'running', 2), event('3-0', 'running', 3)];
  it('gives what came after the Last-Event-ID, when the history holds it', () => {
    expect(replayFor(history, '1-0').map((item) => item.id)).toEqual(['2-0', '3-0']);
    expect(replayFor(history, '3-0')).toEqual([]);
  });
  it('gives where things stand for a new viewer, or an id it does not know', () => {
    expect(replayFor(history, undefined).map((item) => item.id)).toEqual(['3-0']);
    expect(replayFor(history, 'e1.4').map((item) => item.id)).toEqual(['3-0']);
    expect(replayFor([], undefined)).toEqual([]);
  });
});

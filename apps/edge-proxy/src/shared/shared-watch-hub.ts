import { isTerminal } from '@vidgo-sdk/core';
import { heartbeat } from '../watch/heartbeat.ts';
import type { WatchEnd, WatchEvent, Watcher } from '../watch/watcher.ts';
import { keepLease } from './lease-keeper.ts';
import { type Change, pollUpstream } from './poll-upstream.ts';
import { remember, replayFor, sendTo, type SharedEntry, type SharedWatcher } from './shared-entry.ts';
import { streamReader } from './stream-reader.ts';
import type { SharedWatchHub, SharedWatchHubOptions } from './shared-watch-hub-options.ts';
import type { StreamEntry } from './task-stream.ts';

/**
 * The watch hub of a replica among several: one upstream loop per task across all of them (the
 * lease holder's), whose changes go through the task's Redis Stream to every replica's viewers,
 * with stream ids as event ids. While Redis is away each replica polls for its own viewers, as
 * the in-process hub does, and goes back to the stream when Redis returns.
 */
export function createSharedWatchHub(options: SharedWatchHubOptions): SharedWatchHub {
  const { clients, leases, streams, client, source, cache, log, clock, owner, leaseMs } = options;
  const { heartbeatMs = 15_000, maxWatchMs = 3_600_000, lingerMs = 10_000, maxLoops = 1000 } = options;
  const entries = new Map<string, SharedEntry>();
  const beat = heartbeat(clock, heartbeatMs, () => {
    for (const entry of entries.values()) for (const viewer of entry.watchers.values()) viewer.watcher.ping();
  });
  const reader = streamReader(clients, (taskId, read) => {
    const entry = entries.get(taskId);
    if (entry?.synced) for (const item of read) receive(entry, item);
  });
  let takeovers = 0;
  let releasing = false;
  let localSequence = 0;
  const shared = () => clients.mode() === 'shared';

  const drop = (entry: SharedEntry, viewer: SharedWatcher) => {
    if (entry.watchers.delete(viewer.watcher)) beat.left();
  };
  const end = (entry: SharedEntry) => {
    if (entries.get(entry.taskId) === entry) entries.delete(entry.taskId);
    entry.done = true;
    if (entry.linger !== undefined) clock.clearTimeout(entry.linger);
    entry.poll?.abort();
    reader.unfollow(entry.taskId);
    void entry.lease?.stop();
  };
  const dispatch = (entry: SharedEntry, event: WatchEvent) => {
    if (entry.done) return;
    remember(entry, event);
    for (const viewer of [...entry.watchers.values()]) if (sendTo(viewer, event)) drop(entry, viewer);
    if (isTerminal(event.task)) {
      void cache.put(event.task).catch(() => {});
      end(entry);
    }
  };
  const finish = (entry: SharedEntry, how: WatchEnd) => {
    for (const viewer of entry.watchers.values()) viewer.watcher.end(how);
    beat.left(entry.watchers.size);
    entry.watchers.clear();
    end(entry);
  };
  const fail = (entry: SharedEntry, detail: string) => finish(entry, { failure: { detail } });
  // Set by close: a stream that opens after it gets the same ending at once.
  let closedWith: WatchEnd | undefined;
  const receive = (entry: SharedEntry, item: StreamEntry) => {
    if (item.task) dispatch(entry, { id: item.id, task: item.task });
    else if (item.failure !== undefined) fail(entry, item.failure);
  };

  // A change this replica read upstream: into the stream when Redis is there, else straight to its viewers.
  const emit = async (entry: SharedEntry, change: Change) => {
    if ('task' in change) options.onPolled?.(change.task);
    if (shared()) {
      try {
        await streams.publish(entry.taskId, change);
        return;
      } catch {
        // Redis went away between the check and the call: as if it had been away.
      }
    }
    if ('task' in change) dispatch(entry, { id: `local-${++localSequence}`, task: change.task });
    else fail(entry, change.failure);
  };

  const poll = (entry: SharedEntry) => pollUpstream(entry, { client, log, maxWatchMs, emit });

  const holdLease = (entry: SharedEntry) => {
    if (releasing || entry.done || entry.lease) return;
    entry.lease = keepLease(entry.taskId, {
      store: leases,
      owner,
      leaseMs,
      clock,
      onAcquired(takeover) {
        if (takeover) takeovers++;
        if (!entry.done && shared()) poll(entry);
      },
      onLost() {
        entry.poll?.abort();
      },
    });
  };

  // Reads the whole stream once (it is short), then follows it; viewers waiting get their replay.
  const join = async (entry: SharedEntry) => {
    try {
      const read = await streams.range(entry.taskId);
      if (entry.done) return;
      entry.history = [];
      for (const item of read) if (item.task) remember(entry, { id: item.id, task: item.task });
      entry.synced = true;
      reader.follow(entry.taskId, read.at(-1)?.id ?? '0-0');
      for (const viewer of [...entry.watchers.values()]) replay(entry, viewer);
      const last = entry.history.at(-1);
      if (last && isTerminal(last.task)) return dispatch(entry, last);
      holdLease(entry);
    } catch {
      goLocal(entry);
    }
  };
  // Redis is away: this replica polls for its own viewers, as the in-process hub would.
  const goLocal = (entry: SharedEntry) => {
    if (entry.done) return;
    void entry.lease?.stop();
    entry.lease = undefined;
    entry.synced = true;
    for (const viewer of [...entry.watchers.values()]) replay(entry, viewer);
    if (!entry.poll) poll(entry);
  };
  const replay = (entry: SharedEntry, viewer: SharedWatcher) => {
    const afterId = viewer.ready ? viewer.cursor : viewer.lastEventId;
    const queued = viewer.queue;
    viewer.queue = [];
    viewer.ready = true;
    for (const event of [...replayFor(entry.history, afterId), ...queued])
      if (sendTo(viewer, event)) return drop(entry, viewer);
  };

  clients.onModeChange((mode) => {
    for (const entry of entries.values()) {
      if (mode === 'degraded') {
        goLocal(entry);
        continue;
      }
      // Back: the lease holder polls again; this replica stops its own loop and reads the stream.
      entry.poll?.abort();
      entry.poll = undefined;
      entry.synced = false;
      void join(entry);
    }
  });

  const leave = (entry: SharedEntry, watcher: Watcher) => {
    const viewer = entry.watchers.get(watcher);
    if (!viewer) return;
    drop(entry, viewer);
    if (entry.watchers.size > 0 || entry.done) return;
    entry.linger = clock.setTimeout(() => end(entry), lingerMs);
  };

  return {
    subscribe(taskId, watcher, { lastEventId, current } = {}) {
      if (closedWith) {
        watcher.end(closedWith);
        return () => {};
      }
      let entry = entries.get(taskId);
      if (!entry) {
        if (current && isTerminal(current)) {
          watcher.end({ last: { id: `local-${++localSequence}`, task: current } });
          return () => {};
        }
        entry = {
          taskId,
          watchers: new Map(),
          history: [],
          synced: false,
          done: false,
          ...(current ? { current } : {}),
        };
        entries.set(taskId, entry);
        if (shared()) void join(entry);
        else goLocal(entry);
      }
      if (entry.linger !== undefined) clock.clearTimeout(entry.linger);
      entry.linger = undefined;
      const viewer: SharedWatcher = { watcher, ready: false, queue: [], ...(lastEventId ? { lastEventId } : {}) };
      entry.watchers.set(watcher, viewer);
      beat.joined();
      if (entry.synced) replay(entry, viewer);
      const joined = entry;
      return () => leave(joined, watcher);
    },
    latest: (taskId) => entries.get(taskId)?.history.at(-1)?.task,
    hasRoomFor: (taskId) => entries.has(taskId) || entries.size < maxLoops,
    async hint(taskId) {
      const task = await source.get(taskId, { fresh: true });
      const entry = entries.get(taskId);
      if (shared()) {
        // To every replica that watches it, this one included, through the stream.
        const published = await streams.publish(taskId, { task }, true).catch(() => undefined);
        if (published !== undefined || !entry) return;
      }
      if (entry) dispatch(entry, { id: `local-${++localSequence}`, task });
    },
    get loops() {
      return [...entries.values()].filter((entry) => entry.poll).length;
    },
    get watchers() {
      return beat.watchers;
    },
    get leasesHeld() {
      return [...entries.values()].filter((entry) => entry.lease?.held).length;
    },
    get takeovers() {
      return takeovers;
    },
    async releaseLeases() {
      releasing = true;
      const held = [...entries.values()].filter((entry) => entry.lease);
      for (const entry of held) if (entry.lease?.held) entry.poll?.abort();
      await Promise.all(held.map((entry) => entry.lease?.stop()));
      for (const entry of held) entry.lease = undefined;
    },
    close(how = { failure: { detail: 'The proxy is shutting down' } }) {
      closedWith = how;
      for (const entry of [...entries.values()]) finish(entry, how);
      reader.stop();
      beat.stop();
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/types.ts';
import { adaptiveStrategy } from '../../src/wait/adaptive-strategy.ts';
import { observe, type WaitState } from '../../src/wait/wait-state.ts';

const T0 = Date.parse('2025-11-12T10:30:00Z');
const IMAGE: [number, number] = [15_000, 60_000];

function stateAfter(observations: [number, Partial<Task>][], expected: [number, number] = IMAGE): WaitState {
  const state: WaitState = { taskId: 't', startedAt: T0, deadline: T0 + 900_000, attempts: 0, failures: 0, expected };
  for (const [at, fields] of observations) {
    observe(
      state,
      { task_id: 't', status: 'running', files: [], created_time: '2025-11-12T10:30:00', ...fields },
      T0 + at,
    );
  }
  return state;
}

describe('adaptiveStrategy', () => {
  it('waits half the shortest typical duration while the task is queued', () => {
    expect(adaptiveStrategy(stateAfter([[0, { status: 'not_started', progress: 0 }]]), T0)).toBe(7500);
    expect(adaptiveStrategy(stateAfter([[0, { status: 'not_started' }]], [90_000, 300_000]), T0)).toBe(45_000);
  });

  it('sleeps through the time in which no task of this kind finishes, when progress says nothing', () => {
    const state = stateAfter([[5000, { progress: 0 }]]);
    expect(adaptiveStrategy(state, T0 + 5000)).toBe(10_000);
    expect(adaptiveStrategy(stateAfter([[20_000, { progress: 0 }]]), T0 + 20_000)).toBeLessThanOrEqual(0);
  });

  it('predicts the finish from the rate of progress and sleeps a share of what remains', () => {
    // 0 % at 2 s, 40 % at 22 s: 2 % a second, 30 s to go.
    const state = stateAfter([
      [2000, { progress: 0 }],
      [22_000, { progress: 40 }],
    ]);
    expect(adaptiveStrategy(state, T0 + 22_000)).toBe(15_000);
    // With a baseline longer than what remains, it trusts the estimate more.
    const later = stateAfter([
      [2000, { progress: 0 }],
      [42_000, { progress: 80 }],
    ]);
    expect(adaptiveStrategy(later, T0 + 42_000)).toBeCloseTo(7000);
  });

  it('never extrapolates further ahead than twice the span the rate was measured over', () => {
    // 10 % in 5 s says 45 s to go; a slow start must not make it sleep through a fast finish.
    const state = stateAfter([
      [20_000, { progress: 0 }],
      [25_000, { progress: 10 }],
    ]);
    expect(adaptiveStrategy(state, T0 + 25_000)).toBe(10_000);
  });

  it('aims just past a finish it can predict precisely, to catch it in one poll', () => {
    // 0 % at 0 s, 90 % at 30 s: 3 points a second, 3.3 s to go, over a 30 s baseline.
    const state = stateAfter([
      [0, { progress: 0 }],
      [30_000, { progress: 90 }],
    ]);
    expect(adaptiveStrategy(state, T0 + 30_000)).toBeCloseTo(3333 + 250, 0);
    // A video's progress ticks too slowly for that precision: it keeps to a share of what remains.
    const video = stateAfter(
      [
        [0, { progress: 0 }],
        [180_000, { progress: 90 }],
      ],
      [90_000, 300_000],
    );
    expect(adaptiveStrategy(video, T0 + 180_000)).toBe(14_000);
  });

  it('drops the prediction when progress stops moving as the rate says it should', () => {
    const state = stateAfter([
      [2000, { progress: 0 }],
      [12_000, { progress: 45 }],
      [20_000, { progress: 45 }],
    ]);
    expect(adaptiveStrategy(state, T0 + 20_000)).toBeLessThanOrEqual(0);
  });

  it('measures afresh when progress goes backwards, and never answers NaN or a negative wait that grows', () => {
    const state = stateAfter([
      [2000, { progress: 10 }],
      [6000, { progress: 30 }],
      [10_000, { progress: 5 }],
    ]);
    expect(state.anchor).toEqual([T0 + 10_000, 5]);
    expect(state.moved).toBeUndefined();
    const delay = adaptiveStrategy(state, T0 + 10_000);
    expect(Number.isFinite(delay)).toBe(true);
  });

  it('backs off once the task is later than the longest typical duration', () => {
    const state = stateAfter([[100_000, { progress: 0 }]]);
    expect(adaptiveStrategy(state, T0 + 100_000)).toBe(10_000);
  });

  it('backs off exponentially after failures and on unknown statuses', () => {
    const state = stateAfter([[0, { status: 'upscaling' }]]);
    state.failures = 3;
    expect(adaptiveStrategy(state, T0)).toBe(8000);
    state.failures = 0;
    expect(adaptiveStrategy(state, T0)).toBe(1000);
  });
});

describe('observe', () => {
  it("believes created_time read as UTC when it fits the wait, and otherwise counts from the wait's start", () => {
    expect(stateAfter([[5000, { created_time: '2025-11-12T10:29:50' }]]).createdAt).toBe(T0 - 10_000);
    // UTC+8, UTC−5, the docs' example seen a year later, garbage: the wait's start.
    for (const created_time of [
      '2025-11-12T18:30:00',
      '2025-11-12T05:30:00',
      '2024-11-12T10:30:00',
      'yesterday',
      undefined,
    ]) {
      expect(stateAfter([[5000, { created_time }]]).createdAt).toBe(T0);
    }
  });

  it('backs off a slow task by how long this wait has watched it, never by a misread created_time', () => {
    // created_time read as hours old (a zone behind UTC, from a state saved by an earlier version).
    const state = { ...stateAfter([[5000, { progress: 0 }]]), createdAt: T0 - 5 * 3_600_000 };
    expect(adaptiveStrategy(state, T0 + 5000)).toBeLessThanOrEqual(0);
  });

  it('reports a change only when status or progress changed', () => {
    const state = stateAfter([[0, { progress: 10 }]]);
    const task: Task = { task_id: 't', status: 'running', files: [], progress: 10 };
    expect(observe(state, task, T0 + 2000)).toBe(false);
    expect(observe(state, { ...task, progress: 11 }, T0 + 4000)).toBe(true);
    expect(observe(state, { ...task, progress: 11, status: 'finished' }, T0 + 6000)).toBe(true);
  });
});

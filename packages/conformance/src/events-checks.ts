import { equal, isError, ok, rejects } from './assert.ts';
import { eventsFixture, type EventsFixtureOptions } from './events-fixture.ts';
import type { ConformanceHarness, ConformanceTarget } from './target.ts';

const KEY = 'vk_conformance_events_1234567890';
const TOKEN = 'task-token.conformance-events.0123456789';

/**
 * `watchTaskEvents` on the runtime's own streams, TextDecoder and timers: against the proxy's
 * events route as `eventsFixture` plays it over the simulator, on virtual time.
 */
export function defineEventsChecks({ test }: ConformanceHarness, { core, testing }: ConformanceTarget): void {
  const setup = (options: Partial<EventsFixtureOptions> = {}) => {
    const clock = new testing.VirtualClock();
    const simulator = testing.createVidgoSimulator({ clock, apiKeys: [KEY] });
    const fixture = eventsFixture(simulator, { apiKey: KEY, token: TOKEN, ...options });
    const follow = async (taskId: string, extra: Record<string, unknown> = {}) => {
      const seen: string[] = [];
      const events = core.watchTaskEvents('https://proxy.example', taskId, {
        token: TOKEN,
        fetch: fixture.fetch,
        clock,
        random: () => 0,
        ...extra,
      });
      await clock.run(
        (async () => {
          for await (const task of events) seen.push(`${task.status} ${task.progress}`);
        })(),
      );
      return seen;
    };
    return { clock, simulator, fixture, follow };
  };
  const story = { queuedMs: 1000, durationMs: 20_000, progress: 'stepwise' } as const;
  const CHANGES = ['not_started 0', 'running 0', 'running 45', 'finished 100'];

  test('watchTaskEvents yields each change over the stream, the terminal task last, with the token sent', async () => {
    const { simulator, fixture, follow } = setup();
    const id = simulator.createTask(story);
    equal(await follow(id), CHANGES, 'changes');
    equal(
      fixture.requests.map((request) => [request.path, request.authorization]),
      [[`/api/generate/status/${id}/events`, `Bearer ${TOKEN}`]],
      'requests',
    );
  });

  test("watchTaskEvents resumes a lost stream after the server's retry, with Last-Event-ID", async () => {
    const { simulator, fixture, follow } = setup({ cutAfter: 2 });
    const id = simulator.createTask(story);
    equal(await follow(id), CHANGES, 'changes, each once');
    const [first, second] = fixture.requests;
    equal([fixture.requests.length, second?.lastEventId], [2, '2'], 'requests and the Last-Event-ID sent');
    ok(second!.at - first!.at >= 5000, `reconnected after ${second!.at - first!.at} ms, before the retry of 5000`);
  });

  test('watchTaskEvents is refused with typed errors, at once, quoting no token', async () => {
    const unknown = setup();
    isError(await rejects(unknown.follow('task-unknown'), '404'), 'NotFoundError', { status: 404 }, '404');
    const wrong = setup({ token: 'another-token-0000000000' });
    const id = wrong.simulator.createTask(story);
    const error = await rejects(wrong.follow(id), '401');
    isError(error, 'AuthenticationError', { status: 401, operation: 'watchTaskEvents', taskId: id }, '401');
    ok(!JSON.stringify(error).includes(TOKEN) && !String(error).includes(TOKEN), 'the token leaked');
    equal([unknown.fixture.requests.length, wrong.fixture.requests.length], [1, 1], 'requests');
    ok(core.VidgoError.is(error) && error instanceof core.AuthenticationError, 'a VidgoError of its class');
  });

  test('watchTaskEvents polls the status route where the proxy cannot stream', async () => {
    const { simulator, fixture, follow } = setup({ json: true });
    const id = simulator.createTask(story);
    const seen = await follow(id, { pollIntervalMs: 2000 });
    equal([seen[0], seen.at(-1)], ['not_started 0', 'finished 100'], 'first and last');
    const paths = new Set(fixture.requests.slice(1).map((request) => request.path));
    equal([...paths], [`/api/generate/status/${id}`], 'then only the status route');
  });

  test('watchTaskEvents: an abort rejects with its reason, leaving nothing scheduled', async () => {
    const { simulator, clock } = setup();
    const fixture = eventsFixture(simulator, { apiKey: KEY, token: TOKEN });
    const id = simulator.createTask({ queuedMs: 600_000 });
    const controller = new AbortController();
    const events = core.watchTaskEvents('https://proxy.example', id, {
      token: TOKEN,
      fetch: fixture.fetch,
      clock,
      signal: controller.signal,
    });
    equal((await clock.run(events.next())).value?.status, 'not_started', 'first task');
    const next = rejects(events.next(), 'aborted');
    await clock.advance(10_000);
    const reason = new Error('left');
    controller.abort(reason);
    equal(await next, reason, 'rejection');
    equal(clock.pendingTimers, 0, 'timers left');
  });
}

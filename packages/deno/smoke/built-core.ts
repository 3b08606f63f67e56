// Smoke: Deno using the BUILT core (packages/core/dist, as npm serves it), after
// `pnpm --filter @vidgo-sdk/core build`. Run without the `@vidgo-sdk/source` condition, so that
// this package's own `@vidgo-sdk/core` import (npm:@vidgo-sdk/core) resolves to dist/index.js too,
// exactly as for a Deno user of the published package. Talks to the simulator's fetch face.
// Run, not type-checked: dist/index.d.ts imports its chunk as `./input-errors-….js`, which Deno maps
// to the `.d.ts` only inside an installed npm package, not in this workspace's packages/core.
import assert from 'node:assert/strict';
import * as core from '../../core/dist/index.js';
import * as lite from '../../core/dist/lite.js';
import * as adapter from '../src/mod.ts';
import { createVidgoSimulator, VirtualClock } from '../../testing/src/index.ts';

const apiKey = 'vk_smoke_0123456789';
const clock = new VirtualClock();
const simulator = createVidgoSimulator({ clock, apiKeys: [apiKey] });
const options = { apiKey, baseUrl: simulator.baseUrl, fetch: simulator.fetch, clock };
const id = simulator.createTask({ model: 'gpt-image-2', queuedMs: 1000, durationMs: 20_000 });

// dist/index.js: the full client.
const vidgo = core.createVidgoClient(options);
assert.equal((await vidgo.getTask(id)).status, 'not_started');
const finished = await clock.run(vidgo.waitForTask(id, { model: 'gpt-image-2' }));
assert.equal(finished.status, 'finished');
assert.ok(core.isTerminal(finished));
const missing = await vidgo.getTask('task-unified-0-none').catch((error: unknown) => error);
assert.ok(missing instanceof core.NotFoundError && core.VidgoError.is(missing), `404: ${String(missing)}`);
assert.equal(missing.code, 'not_found');

// dist/lite.js: status and submit only.
const small = lite.createVidgoClient(options);
assert.equal((await small.getTask(id)).status, 'finished');
assert.equal('waitForTask' in small, false);
const submitted = await small.submitTask({ model: 'sora-2', input: { prompt: 'waves' } });
assert.ok(simulator.getTask(submitted.task_id));

// This package over the built core: one copy of every class.
assert.equal(adapter.NotFoundError, core.NotFoundError, '@vidgo-sdk/deno re-exports the same core module');
assert.equal((await adapter.createVidgoClient(options).getTask(id)).task_id, id);

console.log(
  `smoke: Deno ${Deno.version.deno} ran core's dist/index.js and dist/lite.js ` +
    '(getTask, waitForTask, errors, submit) and @vidgo-sdk/deno over them',
);

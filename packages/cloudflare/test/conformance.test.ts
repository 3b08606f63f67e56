// The portable conformance suite in workerd: the checks run inside the `conformance` Worker (see
// conformance-worker.ts), configured by this project with or without nodejs_compat, and each one
// is a test here.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import type { CheckResult } from './conformance-worker.ts';

const { CONFORMANCE, NODEJS_COMPAT } = env;
const nodejsCompat = NODEJS_COMPAT === 'true';

const { names, runtime } = await (await CONFORMANCE.fetch('https://conformance/checks')).json<{
  names: string[];
  runtime: Record<string, string>;
}>();

it(`the checks run in workerd ${nodejsCompat ? 'with' : 'without'} nodejs_compat`, () => {
  // Without nodejs_compat there is no `process`; and no shim of any kind: the simulator's main
  // entry (no msw) loads as it is, so workerd's globals are what the suite sees.
  expect(runtime).toEqual(
    nodejsCompat
      ? { process: 'object', Buffer: 'function', localStorage: 'undefined' }
      : { process: 'undefined', Buffer: 'undefined', localStorage: 'undefined' },
  );
  // The real-server checks are there: the simulator server's URL reached the Worker.
  expect(names.some((name) => name.startsWith('over real HTTP'))).toBe(true);
  // workerd has no file system: the download checks are skipped, by `download: null`.
  expect(names.filter((name) => name.startsWith('download:'))).toEqual([]);
});

for (const name of names) {
  it(name, async () => {
    const result = await (
      await CONFORMANCE.fetch(`https://conformance/run?name=${encodeURIComponent(name)}`)
    ).json<CheckResult>();
    if (!result.ok) throw new Error(result.error);
  });
}

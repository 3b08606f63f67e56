// The example as a person runs it (`pnpm start`: simulator, edge proxy process, backend), with the
// page in headless Chromium: create a task, follow it to the end through the proxy.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../src/stack.ts';

// Debian's Chromium (never `playwright install`, which downloads); CI installs it with apt.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI) {
  it('has Chromium to run the example page in', () => {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
  });
} else if (missing) console.warn(`\n!! SKIPPED the browser-follow example: no Chromium at ${CHROMIUM}\n`);

describe.skipIf(missing)('examples/browser-follow, in Chromium', () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    stack = await startStack({ port: 0, proxyPort: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('creates a task on the backend and follows it through the proxy to its file', async () => {
    const page = await browser!.newPage();
    const problems: string[] = [];
    const requests: { url: string; authorization?: string }[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('request', (request) =>
      requests.push({ url: request.url(), authorization: request.headers().authorization }),
    );
    await page.goto(stack!.url);
    // Every status the page shows, in order.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const status = document.getElementById('status')!;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true });
    });
    await page.getByRole('button', { name: 'Create an image' }).click();
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'finished', null, {
      timeout: 30_000,
    });

    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    // Queued for 1.5 s: the stream opens on the queued task. What comes between depends on when the proxy polls.
    expect(seen.slice(0, 2)).toEqual(['submitting…', 'not_started']);
    expect(seen.at(-1)).toBe('finished');
    await expect(page.locator('#files a').getAttribute('href')).resolves.toMatch(/^https:\/\/storage\.vidgo\.ai\//);
    await expect(page.locator('#progress').evaluate((bar: HTMLProgressElement) => bar.value)).resolves.toBe(100);

    // The stream went to the proxy, on another origin, with the token as a header: never in a URL,
    // and the page never spoke to Vidgo (here, the simulator) itself.
    const events = requests.filter((request) => request.url.startsWith(`${stack!.proxyUrl}/api/generate/status/`));
    expect(events.map((request) => new URL(request.url).pathname)).toEqual([
      expect.stringMatching(/^\/api\/generate\/status\/task-[\w-]+\/events$/),
    ]);
    expect(events[0]!.authorization).toMatch(/^Bearer ey/);
    expect(requests.filter((request) => /token=/.test(request.url))).toEqual([]);
    expect(
      requests.every((request) => request.url.startsWith(stack!.url) || request.url.startsWith(stack!.proxyUrl)),
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

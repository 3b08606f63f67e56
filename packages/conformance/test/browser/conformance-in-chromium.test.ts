// The portable conformance suite in headless Chromium: the core's browser bundle, in a page served
// over HTTP from 127.0.0.1, against the simulator on another port (another origin, so every call
// crosses CORS, preflights included). Each check is one vitest test, counted in the totals.
import { createServer, type Server } from 'node:http';
import * as core from '@vidgo-sdk/core';
import * as testing from '@vidgo-sdk/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineConformanceSuite } from '../../src/index.ts';
import { browserBundles } from './support/browser-bundles.ts';
import { chromiumMissing, CHROMIUM, INSTALL_CHROMIUM, launchChromium } from './support/chromium.ts';
import type { CheckResult } from './support/page-entry.ts';

const apiKey = 'vk_conformance_chromium_0123456789';

// The names, from the same suite registered here: vitest collects tests before any page exists.
const names: string[] = [];
defineConformanceSuite(
  { test: (name) => void names.push(name) },
  { core, testing, server: { url: 'http://127.0.0.1:1', apiKey }, download: null },
);

if (chromiumMissing && process.env.CI) {
  it('has Chromium to run the conformance suite in', () => {
    throw new Error(`No Chromium at ${CHROMIUM}: install it with ${INSTALL_CHROMIUM}`);
  });
} else if (chromiumMissing) {
  console.warn(`\n!! SKIPPED the conformance suite in Chromium: no Chromium at ${CHROMIUM} (${INSTALL_CHROMIUM})\n`);
}

describe.skipIf(chromiumMissing)('conformance, in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page | undefined;
  let pages: Server | undefined;
  let simulatorServer: testing.SimulatorServer | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    const bundles = await browserBundles();
    simulatorServer = await testing
      .createVidgoSimulator({
        clock: testing.realClock,
        apiKeys: [apiKey],
        submitScript: () => ({ queuedMs: 0, durationMs: 300 }),
      })
      .listen({ cors: true });
    const files: Record<string, [string, string]> = {
      '/': [
        'text/html; charset=utf-8',
        '<!doctype html><script type="importmap">{"imports":{"@vidgo-sdk/core":"/core.js"}}</script>' +
          '<script type="module" src="/suite.js"></script>',
      ],
      '/core.js': ['text/javascript', bundles.core],
      '/suite.js': ['text/javascript', bundles.suite],
    };
    pages = createServer((request, response) => {
      const file = files[new URL(request.url ?? '/', 'http://x').pathname];
      response.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
      response.end(file?.[1] ?? 'not found');
    });
    await new Promise<void>((resolve) => pages!.listen(0, '127.0.0.1', resolve));
    const { port } = pages.address() as { port: number };
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const query = new URLSearchParams({ server: simulatorServer.url, key: apiKey });
    await page.goto(`http://127.0.0.1:${port}/?${query}`);
    await page.waitForFunction(() => 'conformance' in globalThis, null, { timeout: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await simulatorServer?.close();
    await new Promise((resolve) => (pages ? pages.close(resolve) : resolve(undefined)));
  });

  it('the page registered the same checks, without an error', async () => {
    const registered = await page!.evaluate(
      () => (globalThis as unknown as { conformance: { names: string[] } }).conformance.names,
    );
    expect(registered).toEqual(names);
    expect(problems).toEqual([]);
  });

  for (const name of names) {
    it(name, async () => {
      const result = await page!.evaluate(
        (check) =>
          (globalThis as unknown as { conformance: { run(name: string): Promise<CheckResult> } }).conformance.run(
            check,
          ),
        name,
      );
      if (!result.ok) throw new Error(result.error);
    }, 20_000);
  }
});

// Headless Chromium for the tests that need a real browser (the conformance suite, the demo page,
// the browser example). Node only: not part of the portable suite that `.` exports.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { it } from 'vitest';

// Debian's Chromium (never `playwright install`, which downloads); CI installs it with apt.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const INSTALL_CHROMIUM = 'apt-get update && apt-get install -y chromium';

/** Whether Chromium is missing here. */
export const chromiumMissing = !existsSync(CHROMIUM);

/**
 * Call at the top of a test file: when Chromium is missing, a failing test in CI (one that CI's
 * totals count), elsewhere a loud skip. Returns whether the file's browser tests should be skipped.
 */
export function skipWithoutChromium(what: string): boolean {
  if (chromiumMissing && process.env.CI) {
    it(`has Chromium to run ${what} in`, () => {
      throw new Error(`No Chromium at ${CHROMIUM}: ${what} needs it. Install it with: ${INSTALL_CHROMIUM}`);
    });
  } else if (chromiumMissing) {
    const rule = '!'.repeat(78);
    const warning = [
      `!! SKIPPED ${what}: no Chromium at ${CHROMIUM}.`,
      `!! Install it with: ${INSTALL_CHROMIUM}`,
      '!! (In CI, with CI set, this fails instead.)',
    ];
    console.warn(['', rule, ...warning, rule, ''].join('\n'));
  }
  return chromiumMissing;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });

/** A browser with a profile of its own, and the context's options (viewport, reduced motion…). */
export const launchChromiumProfile = (
  profile: string,
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true, ...options });

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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

/** Whether Chromium is missing here: in CI a failure the totals count, elsewhere a loud skip (the callers decide). */
export const chromiumMissing = !existsSync(CHROMIUM);

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });

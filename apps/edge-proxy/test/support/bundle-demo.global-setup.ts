import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The app imports the demo page's bundled script: make it before any test loads the app. */
export default function bundleDemo(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/bundle-demo.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}

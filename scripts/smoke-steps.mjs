// What the packed-package smoke scripts (packages/*/scripts/smoke.mjs) share: a temporary
// directory, commands run with their output kept for a failure, named steps reported one line
// each, packing workspace packages as they would be published, and the closing count.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The `bun` binary of the workspace (bun 1.4.4, a devDependency of @vidgo-sdk/node that its
 * postinstall links from @oven/bun-*): the smoke tests run the packed packages under it too.
 */
export function bunBinary() {
  const path = join(repo, 'packages', 'node', 'node_modules', 'bun', 'bin', 'bun.exe');
  if (!existsSync(path)) throw new Error(`no bun at ${path}: run \`pnpm install\` (bun's postinstall links it)`);
  return path;
}

/**
 * Starts a smoke run: `label` names it in the closing line, `tempPrefix` its directory (removed at
 * the end unless VIDGO_SMOKE_KEEP is set), `env(work)` the environment of its commands.
 */
export async function startSmoke({ label, tempPrefix, env = () => process.env }) {
  const started = Date.now();
  const results = [];
  const work = await mkdtemp(join(tmpdir(), tempPrefix));
  const commandEnv = env(work);

  /** Runs a command; returns its output, throws with its last lines when it exits other than `expectCode` (0). */
  function run(command, args, { expectCode = 0, ...options } = {}) {
    const result = spawnSync(command, args, { encoding: 'utf8', env: commandEnv, timeout: 300_000, ...options });
    if (result.error) throw result.error;
    if (result.status !== expectCode) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${output}`);
    }
    return result;
  }

  /** One named check; a `fatal` one that fails ends the run, since the later ones build on it. */
  async function step(name, body, { fatal = false } = {}) {
    const start = Date.now();
    try {
      const detail = await body();
      results.push({ name, ok: true });
      console.log(`ok    ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
    } catch (error) {
      results.push({ name, ok: false });
      console.log(`FAIL  ${name}\n${String(error?.message ?? error).replace(/^/gm, '      ')}`);
      if (fatal) await finish();
    }
  }

  async function finish() {
    const failed = results.filter((result) => !result.ok).length;
    if (process.env.VIDGO_SMOKE_KEEP) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${label}: ${results.length - failed} passed, ${failed} failed in ${seconds} s`);
    process.exit(failed ? 1 : 0);
  }

  /** `pnpm pack`s each of `names` (folders under packages/) into `destination`; returns their tarballs by name. */
  async function pack(names, destination) {
    const packed = {};
    for (const name of names) {
      const before = new Set(await readdir(destination));
      run('pnpm', ['pack', '--pack-destination', destination], { cwd: join(repo, 'packages', name) });
      const [file] = (await readdir(destination)).filter((entry) => !before.has(entry));
      if (!file) throw new Error(`no tarball for ${name}`);
      packed[name] = join(destination, file);
    }
    return packed;
  }

  return { work, env: commandEnv, run, step, finish, pack };
}

// Where the relative links of a README may point. Every README links only to files that exist in
// the repository; the README of a package published to a registry (npm or JSR) links only inside
// that package, since a registry shows the README without the repository around it.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', '.wrangler', 'coverage']);
// The generated API reference (`pnpm run docs`) copies the package READMEs.
const GENERATED = join('docs', 'api');

/** Every README.md under `root`, outside dependencies and build output. */
export async function findReadmes(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && path !== join(root, GENERATED)) await walk(path);
      else if (entry.isFile() && entry.name === 'README.md') found.push(path);
    }
  };
  await walk(root);
  return found.sort();
}

/** The link targets of a Markdown text: inline links and images, reference definitions, HTML href/src. */
export function linkTargets(markdown: string): string[] {
  // Code shows links as text; it links nothing.
  const prose = markdown.replace(/^ {0,3}(```|~~~)[\s\S]*?^ {0,3}\1/gm, '').replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1]!);
  for (const match of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(match[1]!);
  for (const match of prose.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/gi)) targets.push(match[1]!);
  return targets;
}

export interface LinkProblem {
  readme: string;
  target: string;
  problem: string;
}

/**
 * The problems of one README's relative links. `published` is the folder of the registry package
 * the README ships with, when it does.
 */
export function linkProblems(
  root: string,
  readme: string,
  markdown: string,
  published: string | undefined,
): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    const path = decodeURIComponent(target.replace(/[?#].*$/, ''));
    const resolved = path.startsWith('/') ? join(root, path) : resolve(dirname(readme), path);
    const inside = (dir: string) => resolved === dir || resolved.startsWith(dir + sep);
    const report = (problem: string) => problems.push({ readme: relative(root, readme), target, problem });
    if (!inside(root)) report('points outside the repository');
    else if (published && !inside(published)) report('points outside its package (a registry shows no such link)');
    else if (!existsSync(resolved)) report('names no file');
  }
  return problems;
}

/**
 * The folder of the package that `path` ships in, when that package goes to a registry: npm (not
 * private) or JSR (a deno.json with a name). The nearest folder with a package.json decides.
 */
export async function publishedFolder(path: string, root: string): Promise<string | undefined> {
  for (let dir = path; dir.startsWith(root) && dir !== root; dir = dirname(dir)) {
    const read = (name: string) => readFile(join(dir, name), 'utf8').catch(() => undefined);
    const npm = await read('package.json');
    if (npm === undefined) continue;
    // deno.json may hold comments: a top-level name is all that is looked for.
    const jsr = /^\s{2}"name"\s*:/m.test((await read('deno.json')) ?? (await read('deno.jsonc')) ?? '');
    return !JSON.parse(npm).private || jsr ? dir : undefined;
  }
  return undefined;
}

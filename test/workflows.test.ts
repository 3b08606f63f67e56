import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain script, with no declarations of its own
import { lintWorkflow, lintWorkflows, workflowsDir } from '../scripts/lint-workflows.mjs';

interface Finding {
  file: string;
  line: number;
  message: string;
}

const repo = join(import.meta.dirname, '..');
const read = (path: string) => readFile(join(repo, path), 'utf8');

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const { files, findings } = await lintWorkflows(workflowsDir);
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
    expect(findings.map(({ file, line, message }: Finding) => `${file}:${line}: ${message}`)).toEqual([]);
  });

  it('actionlint reports a mistaken workflow (an unknown matrix key, a bad permission)', async () => {
    const broken = (await read('.github/workflows/ci.yml'))
      .replace('matrix.node }}', 'matrix.nodes }}')
      .replace('contents: read', 'contents: readonly');
    const messages = ((await lintWorkflow(broken, 'ci.yml')) as Finding[]).map((finding) => finding.message);
    expect(messages.some((message) => message.includes('nodes'))).toBe(true);
    expect(messages.some((message) => message.includes('readonly'))).toBe(true);
  });

  it("CI runs the README's test command on Node 20, 22 and 24", async () => {
    const readme = await read('README.md');
    const command = /^(pnpm test)\s+#/m.exec(readme)?.[1];
    expect(command).toBe('pnpm test');
    const ci = await read('.github/workflows/ci.yml');
    expect(ci).toMatch(/^\s+node: \[20, 22, 24\]$/m);
    expect(ci).toContain(`- run: ${command}\n`);
  });

  it('release opens the version PR with changesets, publishes to npm with provenance and to JSR', async () => {
    const release = await read('.github/workflows/release.yml');
    const scripts: Record<string, string> = JSON.parse(await read('package.json')).scripts;
    expect(release).toMatch(/uses: changesets\/action@v\d/);
    expect(release).toMatch(/^\s+id-token: write$/m);
    const publish = /^\s+publish: pnpm run ([\w:-]+)$/m.exec(release)?.[1];
    expect(scripts[publish ?? '']).toContain('pnpm -r publish --provenance');
    expect(release).toMatch(/^\s+run: node scripts\/deno\.mjs publish$/m);
  });
});

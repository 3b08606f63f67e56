// Prints the min+gzip weight of what a browser app pays for each use of the core, bundled by
// esbuild from the sources (the same code tsup ships). Exits non-zero when a budget is exceeded.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const source = (entry) => fileURLToPath(new URL(`../src/${entry}.ts`, import.meta.url));
// The budgets were 2.5 kB and 4 kB when the client had no per-call options and its errors kept their
// fields on getters. What came since is the contract, not fat: per-call timeoutMs / maxRetries /
// headers checked as the client's are, fields own and serializable on every error, the key scrubbed
// from every field an error keeps, and a schedule that holds whatever zone `created_time` is in.
// Three trimming passes found no more than 60 B to take out without dropping one of them.
const budgets = [
  {
    name: 'core/lite: createVidgoClient + getTask',
    entry: 'lite',
    limit: 2700,
    code: `createVidgoClient().getTask('task-1');`,
  },
  {
    name: 'core: createVidgoClient + waitForTask',
    entry: 'index',
    limit: 4400,
    code: `createVidgoClient().waitForTask('task-1');`,
  },
];

// The events client costs at most 1.5 kB over `./lite`: measured beside the lite client (a page that
// reads a task and follows it, as the edge proxy's demo does), against the lite budget plus 1.5 kB.
budgets.push({
  name: 'core/lite + watchTaskEvents',
  entry: 'lite',
  limit: budgets.find((budget) => budget.entry === 'lite').limit + 1500,
  code: `import { watchTaskEvents } from ${JSON.stringify(source('events/watch-task-events'))};
createVidgoClient().getTask('task-1');
watchTaskEvents('https://proxy.example', 'task-1').next();`,
});

let failed = false;
for (const { name, entry, limit, code } of budgets) {
  const result = await build({
    stdin: {
      contents: `import { createVidgoClient } from ${JSON.stringify(source(entry))};\n${code}`,
      resolveDir: process.cwd(),
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const bytes = result.outputFiles[0].contents;
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const ok = gzip <= limit;
  failed ||= !ok;
  const sizes = `${String(bytes.length).padStart(6)} B min  ${String(gzip).padStart(5)} B min+gzip`;
  console.log(`${name.padEnd(42)} ${sizes}  (budget ${limit} B) ${ok ? 'ok' : 'OVER'}`);
}
process.exitCode = failed ? 1 : 0;

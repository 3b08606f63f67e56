// Checks that what JSR would publish (deno.json) and what the workspace resolves (package.json)
// name the same package, version and entry points, and that every import in src/ resolves on JSR.
//   deno run --allow-read=.,../core/package.json scripts/check-exports.ts
// With --write (and --allow-write=deno.json), copies the versions from the package.json files into
// deno.json instead: run it after `changeset version`.

interface Manifest {
  name?: string;
  version?: string;
  exports?: string | Record<string, unknown>;
  imports?: Record<string, string>;
  publish?: { include?: string[]; exclude?: string[] };
  dependencies?: Record<string, string>;
}

const readJson = async (path: string): Promise<Manifest> => JSON.parse(await Deno.readTextFile(path));
const npm = await readJson('package.json');
const core = await readJson('../core/package.json');
const coreSpecifier = `npm:@vidgo-sdk/core@^${core.version}`;

if (Deno.args.includes('--write')) {
  const text = await Deno.readTextFile('deno.json');
  const updated = text
    .replace(/("version":\s*)"[^"]*"/, `$1"${npm.version}"`)
    .replace(/("@vidgo-sdk\/core":\s*)"[^"]*"/, `$1"${coreSpecifier}"`)
    .replace(/("@vidgo-sdk\/core\/internal":\s*)"[^"]*"/, `$1"${coreSpecifier}/internal"`);
  await Deno.writeTextFile('deno.json', updated);
  console.log(`deno.json: version ${npm.version}, @vidgo-sdk/core → ${coreSpecifier}`);
}

const deno = await readJson('deno.json');
const problems: string[] = [];
const fail = (message: string) => problems.push(message);

// One shape for both: entry point name → file.
const entries = (exports: Manifest['exports'], what: string): Map<string, string> => {
  const map = new Map<string, string>();
  const object = typeof exports === 'string' ? { '.': exports } : (exports ?? {});
  for (const [name, target] of Object.entries(object)) {
    if (name === './package.json') continue;
    if (typeof target === 'string') map.set(name, target);
    else
      fail(
        `${what} exports["${name}"] should be a plain path: ` +
          'this package ships TypeScript sources, with no build or conditions',
      );
  }
  return map;
};
const jsrEntries = entries(deno.exports, 'deno.json');
const workspaceEntries = entries(npm.exports, 'package.json');

if (deno.name !== npm.name) fail(`name: deno.json has ${deno.name}, package.json has ${npm.name}`);
if (deno.version !== npm.version)
  fail(`version: deno.json has ${deno.version}, package.json has ${npm.version} (run check:exports --write)`);
if (deno.imports?.['@vidgo-sdk/core'] !== coreSpecifier) {
  fail(
    `deno.json imports["@vidgo-sdk/core"] is ${deno.imports?.['@vidgo-sdk/core']}, ` +
      `expected ${coreSpecifier} (core's version; run check:exports --write)`,
  );
}
if (deno.imports?.['@vidgo-sdk/core/internal'] !== `${coreSpecifier}/internal`) {
  fail(
    `deno.json imports["@vidgo-sdk/core/internal"] is ${deno.imports?.['@vidgo-sdk/core/internal']}, ` +
      `expected ${coreSpecifier}/internal (run check:exports --write)`,
  );
}
if (jsrEntries.size === 0) fail('deno.json declares no exports');
for (const name of new Set([...jsrEntries.keys(), ...workspaceEntries.keys()])) {
  const jsr = jsrEntries.get(name);
  const workspace = workspaceEntries.get(name);
  if (jsr !== workspace)
    fail(`entry point "${name}": deno.json → ${jsr ?? '(none)'}, package.json → ${workspace ?? '(none)'}`);
}

// Every entry point exists and is published; tests are not.
const include = deno.publish?.include ?? [];
for (const [name, target] of jsrEntries) {
  const path = target.replace(/^\.\//, '');
  try {
    if (!(await Deno.stat(path)).isFile) fail(`entry point "${name}": ${target} is not a file`);
  } catch {
    fail(`entry point "${name}": ${target} does not exist`);
  }
  if (!include.some((prefix) => path.startsWith(prefix.replace(/^\.\//, ''))))
    fail(`entry point "${name}": ${target} is outside publish.include`);
}
if (include.some((prefix) => prefix.replace(/^\.\//, '').startsWith('test')))
  fail('publish.include should leave out the tests (test/)');

// JSR resolves only relative imports, `node:` built-ins and what deno.json maps: a bare import that
// works here through node_modules would break the published package.
const mapped = Object.keys(deno.imports ?? {});
for await (const path of walk('src')) {
  const source = await Deno.readTextFile(path);
  for (const [, specifier = ''] of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g)) {
    if (specifier.startsWith('.')) {
      if (!specifier.endsWith('.ts')) fail(`${path}: relative import ${specifier} should end in .ts`);
    } else if (!specifier.startsWith('node:') && !mapped.includes(specifier)) {
      fail(`${path}: ${specifier} is not in deno.json imports, so it would not resolve on JSR`);
    }
  }
}

if (problems.length > 0) {
  console.error(
    `check:exports: ${problems.length} problem(s)\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
  );
  Deno.exit(1);
}
console.log(
  `check:exports: ${deno.name}@${deno.version}: ` +
    `deno.json and package.json export the same ${jsrEntries.size} entry point(s) ` +
    `(${[...jsrEntries].map(([name, target]) => `${name} → ${target}`).join(', ')}); core is ${coreSpecifier}`,
);

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.isFile && path.endsWith('.ts')) yield path;
  }
}

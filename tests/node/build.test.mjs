// Runs `npm run build` once (a few seconds), then checks what the package would publish.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { constants, gzipSync } from 'node:zlib';
import { join, posix } from 'node:path';
import { before, test } from 'node:test';
import { promisify } from 'node:util';
import { bundleGraph } from '../../scripts/bundle-graph.mjs';
import { bundleDir, bundleEntry, registrationEntries, root, sourceFiles } from '../../scripts/entries.mjs';

const exists = (file) => existsSync(join(root, file));
const read = (file) => readFileSync(join(root, file), 'utf8');
/** Marker of libphonenumber's metadata (a key of metadata.*.json, kept by minification). */
const phoneMetadata = 'country_calling_codes';
// A sample contact of the simulated contact center (src/adapters/simulated/directory-data.ts): its
// presence in a file means the simulated center is in it.
const simulatedMarker = 'Margaret Chen';

let build;
before(async () => {
  try {
    build = await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: root, timeout: 300_000 });
  } catch (error) {
    build = { error, stdout: error.stdout, stderr: error.stderr };
  }
});

test('npm run build succeeds', () => {
  assert.ok(!build.error, `build failed:\n${build.stdout}\n${build.stderr}`);
});

test('dist/ has every module its files import: the .js and .d.ts files no package entry reaches are all that is left out', () => {
  if (build.error) return assert.fail('the build failed');
  // The build deletes what no entry of the exports map reaches (scripts/package-files.mjs); what is
  // left must hold together: every relative import of a shipped file is shipped.
  const files = readdirSync(join(root, 'dist'), { recursive: true })
    .map((file) => String(file).split('\\').join('/'))
    .filter((file) => !file.startsWith('bundle/') && /\.(js|d\.ts)$/.test(file));
  const dangling = [];
  for (const file of files) {
    const code = read(`dist/${file}`);
    for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
      const target = posix.join(posix.dirname(`dist/${file}`), specifier);
      const wanted = file.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : target;
      if (!exists(wanted)) dangling.push(`${file} → ${specifier}`);
    }
  }
  assert.deepEqual(dangling, [], 'imports of files that are not in dist/');
});

test('the shipped manifest (dist/custom-elements.json) has every element of custom-elements.json, as committed', async () => {
  if (build.error) return assert.fail('the build failed');
  const { elementsOf } = await import('../../scripts/manifest-integrations.mjs');
  const shipped = JSON.parse(read('dist/custom-elements.json'));
  const committed = JSON.parse(read('custom-elements.json'));
  assert.deepEqual(elementsOf(shipped), elementsOf(committed));
  for (const mod of shipped.modules) {
    assert.ok(mod.declarations.every((d) => d.customElement), `${mod.path}: a declaration that is not a custom element`);
    assert.ok(exists(mod.path) && exists(mod.typeDefinitionPath), `${mod.path}: not built`);
  }
});

test('every src/<tag>.ts registration entry is in the exports map and built', (t) => {
  const entries = registrationEntries();
  if (!entries.length) return t.skip('no src/<tag>.ts registration entry yet');
  const { exports } = JSON.parse(read('package.json'));
  for (const { tag } of entries) {
    const target = exports[`./${tag}.js`];
    assert.ok(target, `package.json exports has no "./${tag}.js": run npm run exports`);
    for (const file of [target.types, target.default]) assert.ok(exists(file), `${file} (exports "./${tag}.js") was not built`);
  }
});

test('every exports map target whose source exists was built', (t) => {
  const { exports } = JSON.parse(read('package.json'));
  const pending = [];
  for (const [subpath, target] of Object.entries(exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
      // Not built from src/: the manifest, and the React and Vue types the build generates from it.
      if (!file.startsWith('./dist/') || /^\.\/dist\/(react|vue)\.d\.ts$/.test(file)) {
        assert.ok(exists(file), `${file} (exports "${subpath}") does not exist`);
        continue;
      }
      const source = file.startsWith(`./${bundleDir}/`) ? 'src/index.ts' : file.slice(2).replace(/^dist\//, 'src/').replace(/(\.d)?\.ts$|\.js$/, '.ts');
      if (!exists(source)) pending.push(`${subpath} (${source})`);
      else assert.ok(exists(file), `${file} (exports "${subpath}") was not built from ${source}`);
    }
  }
  if (pending.length) t.diagnostic(`not written yet: ${[...new Set(pending)].join(', ')}`);
});

test('bundle: self-contained entry; sip.js, phone metadata and the simulated contact center only loaded lazily', (t) => {
  if (!exists('src/index.ts')) return t.skip('no src/index.ts yet');
  assert.ok(exists(bundleEntry), `${bundleEntry} was not built`);
  const dir = join(root, bundleDir);
  const graph = bundleGraph(dir, join(root, bundleEntry));
  // What a page fetches before the entry runs: the entry and its static imports, all bundled.
  assert.deepEqual(graph.externalStatic, [], 'the bundle must not import bare specifiers statically');
  // The chunks the entry fetches as it runs (the other elements) are no place for them either.
  for (const file of [...graph.eager, ...graph.atLoad]) {
    const code = readFileSync(join(dir, file), 'utf8');
    assert.ok(!/^chunks\/sip-js-/.test(file), `${file}: sip.js is loaded eagerly`);
    assert.ok(!code.includes(phoneMetadata), `${file}: libphonenumber metadata is loaded eagerly`);
    assert.ok(!code.includes(simulatedMarker), `${file}: the simulated contact center is loaded eagerly`);
    assert.ok(!code.includes('Lit is in dev mode'), `${file}: lit's development build was bundled`);
  }
  // Before an offer can show: no popup placement (fetched when the first popup opens) and none of
  // the interaction window's words (issue 22).
  for (const file of graph.eager) {
    const code = readFileSync(join(dir, file), 'utf8');
    assert.ok(!code.includes('name:"flip"'), `${file}: Floating UI is loaded before an offer can show`);
    for (const words of ['Instant call transfer', 'Finish the consultation first.', 'Only 0-9, *, # and A-D can be sent.']) {
      assert.ok(!code.includes(words), `${file}: the window's words ("${words}") load before an offer can show`);
    }
  }
  for (const file of graph.atLoad) {
    assert.ok(!readFileSync(join(dir, file), 'utf8').includes('name:"flip"'), `${file}: Floating UI is fetched at load, not when the first popup opens`);
  }
  // sip.js: either a lazy chunk or a lazy bare import (when not installed), never anything else.
  assert.deepEqual(graph.externalDynamic.filter((specifier) => specifier !== 'sip.js'), [], 'only sip.js may stay a bare import()');
  assert.ok(graph.lazy.some((file) => readFileSync(join(dir, file), 'utf8').includes(simulatedMarker)), '<callback-desk simulated> cannot load the simulated contact center lazily from the bundle');
  const usesPhoneLibrary = sourceFiles().some((file) => read(file).includes('libphonenumber-js'));
  if (usesPhoneLibrary) {
    const lazyMetadata = graph.lazy.filter((file) => readFileSync(join(dir, file), 'utf8').includes(phoneMetadata));
    assert.ok(lazyMetadata.length > 0, 'src/ uses libphonenumber-js, but no lazy chunk of the bundle holds its metadata');
  }
});

test('size budget: what a drop-in page loads before the entry runs, and what it fetches as it runs, stay within bench/size-budget.json', (t) => {
  if (build.error) return t.skip('the build failed');
  const budget = JSON.parse(read('bench/size-budget.json'));
  const dir = join(root, bundleDir);
  const { eager, atLoad } = bundleGraph(dir, join(root, bundleEntry));
  // Per file, as `npm run size` counts it: each file is its own request, gzip level 9.
  const gzip = (files) => files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: constants.Z_BEST_COMPRESSION }).length, 0);
  const parts = [
    { what: 'eager part', files: eager, bytes: gzip(eager), budget: budget.eagerGzipBytes },
    { what: 'chunks fetched at load', files: atLoad, bytes: gzip(atLoad), budget: budget.atLoadGzipBytes },
  ];
  for (const { what, files, bytes, budget: limit } of parts) {
    t.diagnostic(`${what}: ${(bytes / 1024).toFixed(1)} KB min+gzip in ${files.length} files (budget ${(limit / 1024).toFixed(1)} KB)`);
    assert.ok(bytes <= limit, `the drop-in bundle's ${what} grew to ${bytes} bytes min+gzip, past its budget of ${limit} (bench/size-budget.json): shrink it, load the new part lazily, or raise the budget with a reason in the commit`);
  }
});

test('Genesys Cloud adapter: the SDK gives types only (no built file names purecloud-platform-client-v2), and a drop-in page loads none of it at start', (t) => {
  if (build.error) return t.skip('the build failed');
  if (!exists('src/adapters/genesys-cloud/index.ts')) return t.skip('no Genesys Cloud adapter yet');
  const sdk = 'purecloud-platform-client-v2';
  const built = (dir) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(js|d\.ts)$/.test(entry.name))
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  const naming = built('dist').filter((file) => readFileSync(file, 'utf8').includes(sdk));
  assert.deepEqual(naming, [], `built files that name ${sdk}`);
  assert.ok(exists(`${bundleDir}/adapters/genesys-cloud.bundle.js`), 'the drop-in adapters/genesys-cloud.bundle.js was not built');
  const dir = join(root, bundleDir);
  const { eager, atLoad } = bundleGraph(dir, join(root, bundleEntry));
  for (const file of [...eager, ...atLoad]) {
    assert.ok(!readFileSync(join(dir, file), 'utf8').includes('/api/v2/notifications/channels'), `${file}: the Genesys Cloud adapter is loaded with the bundle`);
  }
});

test('npm pack ships every exports map target and nothing from tests, demo, src, scripts or bench', async (t) => {
  if (build.error) return t.skip('the build failed');
  // Listed from the files just built (this file's before() hook), scripts off: no second build.
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, timeout: 60_000 });
  const packed = JSON.parse(stdout)[0];
  const files = new Set(packed.files.map((f) => f.path));
  // Source maps point at src/, which is not published, and were most of the tarball (issue 19).
  assert.deepEqual([...files].filter((path) => path.endsWith('.map')), [], 'source maps in the package');
  const budget = JSON.parse(read('bench/size-budget.json'));
  t.diagnostic(`npm tarball: ${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${packed.entryCount} files (budget ${budget.tarballPackedBytes} B packed)`);
  assert.ok(packed.size <= budget.tarballPackedBytes, `the packed tarball is ${packed.size} bytes, over its budget of ${budget.tarballPackedBytes} (bench/size-budget.json)`);
  const pkg = JSON.parse(read('package.json'));
  const targets = Object.values(pkg.exports)
    .flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
    .map((path) => path.replace(/^\.\//, ''));
  assert.deepEqual(targets.filter((path) => !files.has(path)), [], 'exports map targets missing from the package');
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'dist/custom-elements.json', bundleEntry]) assert.ok(files.has(file), `${file} is packed`);
  const stray = [...files].filter((path) => /^(tests|demo|src|scripts|bench|docs|\.ci|node_modules)\//.test(path) || /\.(test|spec)\.(js|d\.ts)$/.test(path));
  assert.deepEqual(stray, [], 'files that must not be published');
});

test('the errors and adapter contracts, and the model, cost their own bytes only (side-effect-free entries, issue 19)', async (t) => {
  if (build.error) return t.skip('the build failed');
  const { rollup } = await import('rollup');
  const pkg = JSON.parse(read('package.json'));
  const target = (subpath) => {
    const value = pkg.exports[subpath];
    return join(root, (typeof value === 'string' ? value : value.import ?? value.default).replace(/^\.\//, ''));
  };
  // One name imported the way a consumer's bundler would, tree-shaken; lit and the rest external.
  const bytes = async (file, name) => {
    const virtual = '\0consumer';
    const bundle = await rollup({
      input: virtual,
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && id !== virtual,
      plugins: [{ name: 'consumer', resolveId: (id) => (id === virtual ? id : null), load: (id) => (id === virtual ? `export { ${name} } from ${JSON.stringify(file)};` : null) }],
      onwarn: () => {},
    });
    try {
      const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
      return gzipSync(output.map((o) => o.code ?? '').join('\n'), { level: constants.Z_BEST_COMPRESSION }).length;
    } finally {
      await bundle.close();
    }
  };
  const errors = await bytes(target('./adapters.js'), 'AdapterError');
  const model = await bytes(target('./model.js'), 'transition');
  t.diagnostic(`AdapterError from callback-elements/adapters.js: ${errors} B gzip; transition from callback-elements/model.js: ${model} B gzip`);
  assert.ok(errors <= 1_500, `importing AdapterError costs ${errors} B gzip: the entry pulls in more than the error`);
  assert.ok(model <= 4_000, `importing transition costs ${model} B gzip: the model entry pulls in more than the model`);
});

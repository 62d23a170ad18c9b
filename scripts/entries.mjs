// The package's public entry points, derived from the file layout so that the rollup config, the
// exports map in package.json and the node tests all agree without a hand-kept list.
//
// - `src/<tag>.ts` (top level, name with a hyphen, like every custom element name) registers one tag.
// - `src/index.ts` registers every tag and re-exports everything.
// - `src/adapters/index.ts` (contracts), `src/adapters/<name>/index.ts`, `src/model/index.ts`.
// - `src/testing/index.ts`: `callback-elements/testing`, the contract suites (the adapter kit).
import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root, ending without a separator. */
export const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** The drop-in bundle: a directory, because lazy chunks (phone metadata, locales, sip.js) sit beside it. */
export const bundleDir = 'dist/bundle';
export const bundleEntryFile = 'callback-elements.bundle.js';
export const bundleEntry = `${bundleDir}/${bundleEntryFile}`;

/** The bundle's entry source: what shows and accepts an offer, the rest loaded in parallel (see src/bundle.ts). */
export const bundleSource = 'src/bundle.ts';

/**
 * The adapters that are not in the bundle's entry (each would add its code, and the SIP one a lazy
 * sip.js, to every drop-in page), as entries of their own beside it: `adapters/<name>.bundle.js`.
 * They share the entry's chunks, so an adapter from here and the elements from the entry agree on
 * classes such as `AdapterError`.
 */
export const bundleAdapters = ['genesys-cloud', 'gms', 'phone', 'simulated', 'sipjs', 'workspace'];
export const bundleAdapterFile = (name) => `adapters/${name}.bundle.js`;

const posix = (path) => path.split(sep).join('/');
const isSource = (file) => file.endsWith('.ts') && !/\.(d|test|spec)\.ts$/.test(file);

/** Every TypeScript module under src/, repository-relative with forward slashes, sorted. */
export function sourceFiles(dir = root) {
  const src = join(dir, 'src');
  if (!existsSync(src)) return [];
  return readdirSync(src, { recursive: true })
    .map((file) => posix(join('src', String(file))))
    .filter(isSource)
    .sort();
}

/** `src/<tag>.ts` registration entries: `[{ tag, source }]`, sorted by tag. */
export function registrationEntries(dir = root) {
  const src = join(dir, 'src');
  if (!existsSync(src)) return [];
  return readdirSync(src, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isSource(entry.name) && /^[a-z][a-z0-9]*(-[a-z0-9]+)+\.ts$/.test(entry.name))
    .map((entry) => ({ tag: entry.name.slice(0, -3), source: `src/${entry.name}` }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

/** `src/foo/bar.ts` → `dist/foo/bar.js` (or `.d.ts`). */
export const distFile = (source, ext = '.js') => source.replace(/^src\//, 'dist/').replace(/\.ts$/, ext);

/**
 * The public entries, in exports-map order: `[{ subpath, source }]`. Fixed entries are listed even
 * before their source exists, so the published API does not depend on who merged first.
 */
export function publicEntries(dir = root) {
  const adapters = existsSync(join(dir, 'src/adapters'))
    ? readdirSync(join(dir, 'src/adapters'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(dir, 'src/adapters', entry.name, 'index.ts')))
        .map((entry) => entry.name)
    : [];
  const adapterNames = [...new Set(['simulated', ...adapters])].sort();
  return [
    { subpath: '.', source: 'src/index.ts' },
    ...registrationEntries(dir).map(({ tag, source }) => ({ subpath: `./${tag}.js`, source })),
    { subpath: './adapters.js', source: 'src/adapters/index.ts' },
    ...adapterNames.map((name) => ({ subpath: `./adapters/${name}.js`, source: `src/adapters/${name}/index.ts` })),
    { subpath: './model.js', source: 'src/model/index.ts' },
    // The adapter kit: the contract suites every adapter here passes, for adapters written elsewhere.
    { subpath: './testing', source: 'src/testing/index.ts' },
  ];
}

/** `package.json` `exports`: types first in every condition object. */
export function exportsMap(dir = root) {
  const map = {};
  for (const { subpath, source } of publicEntries(dir)) {
    map[subpath] = { types: `./${distFile(source, '.d.ts')}`, default: `./${distFile(source)}` };
  }
  // The drop-in bundle, already bundled and registered, for tools that cannot resolve bare imports:
  // what shows an offer at once, everything else through its `ready` promise (see src/bundle.ts).
  map['./bundle'] = { types: `./${distFile(bundleSource, '.d.ts')}`, default: `./${bundleEntry}` };
  for (const name of bundleAdapters.filter((adapter) => existsSync(join(dir, 'src/adapters', adapter, 'index.ts')))) {
    map[`./bundle/adapters/${name}.js`] = {
      types: `./dist/adapters/${name}/index.d.ts`,
      default: `./${bundleDir}/${bundleAdapterFile(name)}`,
    };
  }
  // Types only, generated by the build from custom-elements.json (scripts/manifest-integrations.mjs):
  // every tag as a React 19 intrinsic element and as a Vue 3 global component.
  map['./react'] = { types: './dist/react.d.ts' };
  map['./vue'] = { types: './dist/vue.d.ts' };
  // The shipped manifest, written by the build (its custom elements only: scripts/package-files.mjs).
  map['./custom-elements.json'] = './dist/custom-elements.json';
  map['./package.json'] = './package.json';
  return map;
}

/**
 * `package.json` `sideEffects`: the registration entries, `index.js` (it imports all of them, so a
 * bare `import 'callback-elements'` must not be dropped by webpack) and the bundle (dist/bundle/;
 * the unbundled dist/bundle.js is not shipped: no entry reaches it).
 */
export function sideEffects(dir = root) {
  return [
    './dist/index.js',
    ...registrationEntries(dir).map(({ source }) => `./${distFile(source)}`),
    `./${bundleDir}/**`,
  ];
}

// Sizes for `npm run bench` (figure a), min+gzip (level 9), built exactly as the drop-in bundle is
// (rollup.config.mjs's bundleConfig: lit's production build, esbuild minify), in memory:
//
// - each element's ESM entry (`src/<tag>.ts`) with the shared chunks it imports statically, from
//   one build of all entries, so shared code is counted with every element that loads it;
// - all elements together: one bundle importing every `src/<tag>.ts` (lazy chunks excluded);
// - baselines: lit alone (one minimal LitElement), lit with its helpers, and the 16 Shoelace 2
//   components a desk like ours would be built from (bench/fixtures/shoelace-baseline.js), bundled
//   the same way.
//
// The drop-in bundle itself is measured by scripts/size.mjs (bench/size.json), not here.
// Writes bench/element-sizes.json; prints a table.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { bundleConfig } from '../rollup.config.mjs';
import { registrationEntries, root } from '../scripts/entries.mjs';

const gzip = (code) => gzipSync(Buffer.from(code), { level: constants.Z_BEST_COMPRESSION }).length;
const brotli = (code) => brotliCompressSync(Buffer.from(code), { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length;

/** src/ twins of the files package.json declares to have side effects (`./dist/x.js` → `src/x.ts`). */
const registrations = new Set(
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    .sideEffects.filter((file) => /^\.\/dist\/[^*]+\.js$/.test(file))
    .map((file) => join(root, file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'))),
);

/**
 * package.json's `sideEffects` names files of dist/; built from src/, node-resolve would call their
 * src/ twins side-effect free and drop every `import './call-status.js'`.
 */
const registrationSideEffects = {
  name: 'bench-registration-side-effects',
  async resolveId(source, importer, options) {
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && registrations.has(resolved.id) ? { ...resolved, moduleSideEffects: true } : null;
  },
};

/**
 * The html`` minifier fails on a template it cannot parse (Shoelace's `<${tag}>`, a static-html
 * dynamic tag); for the baselines, such a file keeps its templates as written, everything else is
 * minified. Our own sources never take this path (the drop-in build fails on it).
 */
const tolerant = (plugin) =>
  plugin?.name === 'minify-html-literals' && typeof plugin.transform === 'function'
    ? {
        ...plugin,
        async transform(...args) {
          try {
            return await plugin.transform.apply(this, args);
          } catch (error) {
            if (!String(args[1]).includes('/node_modules/@shoelace-style/')) throw error;
            return null;
          }
        },
      }
    : plugin;

/** The drop-in bundle's rollup options for `input`, plus `plugins` first. */
function config(input, plugins = []) {
  const base = bundleConfig(input);
  // Warnings are the drop-in build's business (npm run build shows them); keep the table readable.
  return { ...base, onwarn: () => {}, plugins: [registrationSideEffects, ...plugins, ...base.plugins.map(tolerant)] };
}

/** Builds `input` ({ name: path }) in memory; returns the output chunks by file name. */
async function build(input) {
  const bundle = await rollup(config(input));
  try {
    const { output } = await bundle.generate({ format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' });
    return new Map(output.filter((o) => o.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  } finally {
    await bundle.close();
  }
}

/** An entry and every chunk it imports statically: what loads before it runs. */
function eager(chunks, fileName, seen = new Set()) {
  if (seen.has(fileName) || !chunks.has(fileName)) return seen;
  seen.add(fileName);
  for (const dep of chunks.get(fileName).imports) eager(chunks, dep, seen);
  return seen;
}

/** Each file is its own request, so gzip is summed per file (as scripts/size.mjs does). */
const measure = (chunks, files) => ({
  files: files.length,
  min: files.reduce((n, f) => n + Buffer.byteLength(chunks.get(f).code), 0),
  gzip: files.reduce((n, f) => n + gzip(chunks.get(f).code), 0),
  brotli: files.reduce((n, f) => n + brotli(chunks.get(f).code), 0),
});

async function single(name, path) {
  const chunks = await build({ [name]: path });
  return measure(chunks, [...eager(chunks, `${name}.js`)]);
}

export async function elementSizes() {
  const entries = registrationEntries();
  const litAlone = await single('lit', join(root, 'bench/fixtures/lit-baseline.ts'));
  const litHelpers = await single('lit-helpers', join(root, 'bench/fixtures/lit-helpers-baseline.ts'));
  const shoelace = await single('shoelace', join(root, 'bench/fixtures/shoelace-baseline.js'));

  const chunks = await build(Object.fromEntries(entries.map(({ tag, source }) => [tag, join(root, source)])));
  const elements = entries.map(({ tag }) => ({ tag, ...measure(chunks, [...eager(chunks, `${tag}.js`)]) }));
  const union = new Set(entries.flatMap(({ tag }) => [...eager(chunks, `${tag}.js`)]));
  const allEntriesChunked = measure(chunks, [...union]);

  // One module importing every element entry: the smallest "everything" a page can load.
  const all = await (async () => {
    const virtual = '\0bench-all-elements';
    const bundle = await rollup(
      config(virtual, [
        {
          name: 'bench-all-elements',
          resolveId: (id) => (id === virtual ? id : null),
          load: (id) => (id === virtual ? entries.map(({ source }) => `import ${JSON.stringify(join(root, source))};`).join('\n') : null),
        },
      ]),
    );
    try {
      const { output } = await bundle.generate({ format: 'es', entryFileNames: 'all.js', chunkFileNames: 'chunks/[name]-[hash].js' });
      const map = new Map(output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
      const lazy = [...map.keys()].filter((f) => !eager(map, 'all.js').has(f));
      // The lazy chunks too (the popup placement, the phone library, the simulator's UI...): fetched
      // only when first needed, reported beside, not hidden.
      return { ...measure(map, [...eager(map, 'all.js')]), lazyChunks: lazy.length, withLazyChunks: measure(map, [...map.keys()]) };
    } finally {
      await bundle.close();
    }
  })();

  return { baseline: { litAlone, litHelpers, shoelace }, elements, allElementsOneBundle: all, allElementEntriesChunked: allEntriesChunked };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await elementSizes();
  const lit = result.baseline.litAlone.gzip;
  const row = (label, s) => console.log(`${label.padEnd(34)} ${kb(s.min).padStart(9)} min ${kb(s.gzip).padStart(9)} min+gz ${kb(s.brotli).padStart(9)} min+br  ×${(s.gzip / lit).toFixed(1)} lit`);
  row('lit alone (baseline)', result.baseline.litAlone);
  row('lit + context, localize, floating-ui', result.baseline.litHelpers);
  row('Shoelace 2, 16 components', result.baseline.shoelace);
  for (const e of result.elements) row(e.tag, e);
  row('all elements, one bundle', result.allElementsOneBundle);
  row('  with its lazy chunks', result.allElementsOneBundle.withLazyChunks);
  row('all element entries, chunked', result.allElementEntriesChunked);
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench/element-sizes.json'), `${JSON.stringify({ ...result, measuredAt: new Date().toISOString() }, null, 2)}\n`);
  console.log('written to bench/element-sizes.json');
}

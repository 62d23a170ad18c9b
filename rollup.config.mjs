// Two builds (run by scripts/build.mjs, which also cleans dist/ and emits the .d.ts files):
//
// 1. `dist/**`: unbundled ESM mirroring src/, for npm users and their bundlers. Every bare import
//    (lit, @lit/*, @floating-ui/dom, libphonenumber-js, sip.js) stays external. Minified as the
//    bundle is (esbuild, and the markup and CSS in html`` and css`` templates), since the package
//    ships no source maps: exported names stay, and the .d.ts files beside them carry the docs. That
//    took about 80 KB off the packed tarball (issue 19, target under 500 KB).
//
// 2. `dist/bundle/`: the drop-in build for `<script type="module" src=".../callback-elements.bundle.js">`.
//    Everything is bundled with lit's production build (no 'development' export condition) and
//    minified. It is a directory, not a single file, because what `src/` loads with `import()` stays
//    lazy: rollup emits it as `dist/bundle/chunks/<name>-<hash>.js`, fetched on first use relative to
//    the entry. That covers the libphonenumber metadata (`import('libphonenumber-js/min')`),
//    @lit/localize locales, and sip.js: when sip.js is installed it becomes a lazy chunk too, so
//    the SIP adapter works from the bundle with no import map. If it is not installed the build
//    keeps `import('sip.js')` as a bare external and says so; the page then needs an import map
//    entry for "sip.js" (or the npm build). The entry's name is stable; only chunks carry hashes.
//    A build-time check fails the build if sip.js or the phone metadata is ever reachable from the
//    entry through static imports.
//    The GMS, phone and SIP adapters are entries of their own beside it (`adapters/<name>.bundle.js`),
//    so a page on the simulated contact center does not carry their code; they share the entry's
//    chunks, so classes such as AdapterError are one class across the scripts.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { bundleAdapterFile, bundleAdapters, bundleDir, bundleEntryFile, bundleSource, root, sourceFiles } from './scripts/entries.mjs';

const tsconfig = join(root, 'tsconfig.json');
// The decorator settings (experimentalDecorators, useDefineForClassFields: false) come from tsconfig.json.
const typescript = () => esbuild({ tsconfig, target: 'es2022' });

const isBare = (id) => !id.startsWith('.') && !id.startsWith('\0') && !isAbsolute(id);

/** Rollup warnings that mean a broken output rather than noise. */
const fatalWarnings = new Set(['UNRESOLVED_IMPORT', 'MISSING_EXPORT', 'SHIMMED_EXPORT', 'CIRCULAR_REEXPORT']);
function onwarn(warning, warn) {
  // A module with only types (an adapter contract) compiles to an empty file: expected.
  if (warning.code === 'EMPTY_BUNDLE') return;
  if (fatalWarnings.has(warning.code)) throw new Error(`${warning.code}: ${warning.message}`);
  warn(warning);
}

export function libraryConfig(inputs = sourceFiles()) {
  return {
    input: inputs.map((file) => join(root, file)),
    external: isBare,
    plugins: [minifyHTML({ failOnError: true }), typescript(), minify({ target: 'es2022', legalComments: 'eof' })],
    onwarn,
    output: {
      dir: join(root, 'dist'),
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: join(root, 'src'),
      entryFileNames: '[name].js',
      // Keep each file's imports as written: a transitive import hoisted into an entry would make
      // `dist/` differ from `src/` for no gain (npm users' bundlers do their own chunking).
      hoistTransitiveImports: false,
      sourcemap: true,
    },
  };
}

/** Modules that must only ever load through `import()`. */
const lazyOnly = [
  { what: 'sip.js', test: (id) => id === 'sip.js' || /[\\/]node_modules[\\/]sip\.js[\\/]/.test(id) },
  { what: 'libphonenumber metadata', test: (id) => /[\\/]libphonenumber-js[\\/]metadata\.[a-z]+\.json(\.js)?$/.test(id) },
];

/** Resolves sip.js into a lazy chunk if it is installed, else keeps it a bare external import. */
function optionalSipJs() {
  let warned = false;
  return {
    name: 'optional-sip.js',
    async resolveId(id, importer, options) {
      if (id !== 'sip.js') return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      if (resolved && !resolved.external) return resolved;
      if (!warned) {
        warned = true;
        this.warn('sip.js is not installed: the bundle keeps import("sip.js") as a bare import, so using the SIP adapter from the bundle needs an import map entry for "sip.js".');
      }
      return { id: 'sip.js', external: true };
    },
  };
}

/** Fails the build if a lazy-only module is reachable from the entry through static imports. */
function assertLazy() {
  return {
    name: 'assert-lazy',
    generateBundle(_options, bundle) {
      for (const entry of Object.values(bundle).filter((file) => file.type === 'chunk' && file.isEntry)) {
        const seen = new Set();
        const visit = (fileName) => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          const chunk = bundle[fileName];
          if (!chunk) return; // an external import
          for (const { what, test } of lazyOnly) {
            const offender = [...chunk.imports, ...chunk.moduleIds].find(test);
            if (offender) this.error(`${what} must stay lazy, but ${offender} is statically reachable from ${entry.fileName} (in ${fileName}).`);
          }
          chunk.imports.forEach(visit);
        };
        visit(entry.fileName);
      }
    },
  };
}

/**
 * `chunks/<name>-<hash>.js`, named after the npm package for code from node_modules; the chunk of
 * sip.js (with src/adapters/sipjs/sip-parts.ts, which picks what the adapters use of it) is sip-js.
 */
function chunkFileNames(chunk) {
  const id = chunk.facadeModuleId ?? chunk.moduleIds.at(-1) ?? '';
  const sip = chunk.moduleIds.some(lazyOnly[0].test) ? 'sip.js' : undefined;
  const pkg = sip ?? /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id)?.[1];
  const name = (pkg ?? chunk.name).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return `chunks/${name || 'chunk'}-[hash].js`;
}

/** The entry (`src/core.ts`: all but the simulated contact center) and the adapters beside it. */
function bundleInputs() {
  const inputs = { [bundleEntryFile.replace(/\.js$/, '')]: join(root, bundleSource) };
  for (const name of bundleAdapters) {
    const source = join(root, 'src/adapters', name, 'index.ts');
    if (existsSync(source)) inputs[bundleAdapterFile(name).replace(/\.js$/, '')] = source;
  }
  return inputs;
}

export function bundleConfig(input = bundleInputs()) {
  return {
    input,
    plugins: [
      optionalSipJs(),
      // The markup and CSS in html`` and css`` templates, which esbuild leaves as written.
      minifyHTML({ failOnError: true }),
      typescript(),
      // Default conditions plus 'browser'; never 'development', so lit's production build is used.
      nodeResolve({ browser: true }),
      minify({ target: 'es2022', legalComments: 'eof' }),
      assertLazy(),
    ],
    onwarn,
    output: {
      dir: join(root, bundleDir),
      format: 'es',
      // Stable names: `callback-elements.bundle.js` and `adapters/<name>.bundle.js`; only chunks carry hashes.
      entryFileNames: '[name].js',
      chunkFileNames,
      sourcemap: true,
    },
  };
}

/** The builds that have something to build yet (the project fills src/ incrementally). */
export default function configs() {
  const inputs = sourceFiles();
  return [
    ...(inputs.length ? [libraryConfig(inputs)] : []),
    ...(existsSync(join(root, bundleSource)) ? [bundleConfig()] : []),
  ];
}

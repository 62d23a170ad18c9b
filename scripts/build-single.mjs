// `npm run build:single`: the drop-in library as ONE file, dist/single/callback-elements.js, for a
// host that can copy only one file (a CRM's "upload a script" field, a static-file allowlist).
//
// The drop-in bundle (dist/bundle/, `npm run build`) is a folder: what shows an offer runs at once
// and the rest arrives in chunks fetched beside it. This file has everything in it instead: the
// entry's exports (every element, `ready`, the adapter contracts and errors), every adapter entry's
// exports (GMS, Genesys Cloud, Workspace, phone, SIP, the simulated contact center), the Spanish
// words and the phone-number metadata. Nothing is fetched later, so it is bigger to load (the size
// is printed) and every element is there at once. The one part left out is sip.js itself: the SIP
// adapter's `import('./sip-parts.js')` becomes `import('sip.js')`, so a page that uses SIP from this
// file maps "sip.js" with an import map to sip.js's ESM build (lib/index.js); every other page never
// loads it. The file is not in the npm package (which has the folder and the npm modules).
import { rollup } from 'rollup';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleConfig } from '../rollup.config.mjs';
import { bundleAdapters, bundleSource, root } from './entries.mjs';

export const singleFile = 'dist/single/callback-elements.js';

const ENTRY = '\0callback-elements-single';
const SIP_PARTS = join(root, 'src/adapters/sipjs/sip-parts.ts');
const modules = [bundleSource, ...bundleAdapters.map((name) => `src/adapters/${name}/index.ts`)];
const source = modules.map((file) => `export * from ${JSON.stringify(join(root, file))};`).join('\n');

const singleEntry = {
  name: 'single-entry',
  resolveId(id) {
    return id === ENTRY ? id : null;
  },
  load(id) {
    return id === ENTRY ? source : null;
  },
};

/** The SIP adapter's parts of sip.js, loaded with import(), become the page's "sip.js" (import map). */
const sipFromPage = {
  name: 'sip-from-page',
  async resolveId(id, importer, options) {
    if (id === 'sip.js') return { id: 'sip.js', external: true };
    if (!importer || !id.endsWith('sip-parts.js')) return null;
    const resolved = await this.resolve(id.replace(/\.js$/, '.ts'), importer, { ...options, skipSelf: true });
    return resolved?.id === SIP_PARTS ? { id: 'sip.js', external: true } : null;
  },
};

const base = bundleConfig({ single: ENTRY });
const config = {
  ...base,
  plugins: [singleEntry, sipFromPage, ...base.plugins.filter((plugin) => plugin.name !== 'optional-sip.js' && plugin.name !== 'assert-lazy')],
  onwarn(warning, warn) {
    // Two entries exporting one name would silently drop it from the file.
    if (warning.code === 'AMBIGUOUS_EXTERNAL_NAMESPACES' || warning.code === 'NAMESPACE_CONFLICT') throw new Error(`${warning.code}: ${warning.message}`);
    base.onwarn(warning, warn);
  },
};

const bundle = await rollup(config);
try {
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  const [chunk, ...rest] = output.filter((file) => file.type === 'chunk');
  if (rest.length) throw new Error(`build-single: expected one file, got ${output.length}`);
  const staticBare = chunk.imports.filter((id) => !id.startsWith('.'));
  if (staticBare.length) throw new Error(`build-single: the file imports ${staticBare.join(', ')} statically; a page could not load it alone`);
  mkdirSync(join(root, 'dist/single'), { recursive: true });
  writeFileSync(join(root, singleFile), chunk.code);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`${singleFile}: ${kb(Buffer.byteLength(chunk.code))} min, ${kb(gzipSync(chunk.code, { level: 9 }).length)} min+gzip (sip.js not included: import map)`);
} finally {
  await bundle.close();
}

// `npm run examples`: bundles the framework examples (examples/<name>/app.ts[x]) with esbuild into
// examples/<name>/dist/, the way an app that depends on callback-elements would be built. They import
// the library by its package name; esbuild resolves that self-reference through package.json's
// exports map, so they get dist/ exactly as npm users do. Runs `npm run build` first when dist/ is
// missing or older than src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { root } from './entries.mjs';

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** Newest modification time of the files under a folder (0 when it is missing). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

const builtMarker = join(root, 'dist', 'callback-desk.js');
if (!existsSync(builtMarker) || statSync(builtMarker).mtimeMs < newest(join(root, 'src'))) {
  console.log('examples: dist/ is missing or older than src/, running npm run build first');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => ({ name, entry: ['app.tsx', 'app.ts'].map((file) => join(root, 'examples', name, file)).find(existsSync) }))
  .filter((example) => example.entry);

for (const { name, entry } of examples) {
  const outdir = join(root, 'examples', name, 'dist');
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { app: entry },
    outdir,
    bundle: true,
    // Lazy parts of the library (phone-number metadata, locales) stay lazy, as in an app's build.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    // React's and Vue's production builds, as an app would ship them.
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
  console.log(`examples → examples/${name}/dist/app.js (${seconds()})`);
}

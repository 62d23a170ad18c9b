// `npm run build`: cleans dist/, then runs in parallel the rollup builds of rollup.config.mjs
// (unbundled ESM in dist/, drop-in bundle in dist/bundle/) and tsc for the .d.ts files in dist/, and
// writes from custom-elements.json the manifest the package ships (dist/custom-elements.json: its
// custom elements only, see scripts/package-files.mjs), VS Code's custom data
// (dist/vscode.{html,css}-custom-data.json) and the React 19 JSX and Vue 3 types (dist/react.d.ts,
// dist/vue.d.ts: `callback-elements/react`, `/vue`). Last, it deletes the .js and .d.ts files no
// entry of the exports map reaches.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';
import { bundleDir, root, sourceFiles } from './entries.mjs';
import { writeFrameworkTypes, writeVsCodeData } from './manifest-integrations.mjs';
import { pruneUnreachable, shippedManifest } from './package-files.mjs';

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

async function runRollup(config) {
  const bundle = await rollup(config);
  try {
    const { output } = await bundle.write(config.output);
    const files = output.filter((file) => !file.fileName.endsWith('.map'));
    console.log(`rollup → ${config.output.dir.slice(root.length + 1)}: ${files.length} files (${seconds()})`);
  } finally {
    await bundle.close();
  }
}

function runTsc() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // No declaration maps: they would point into src/, which the package does not ship.
  const args = [tsc, '-p', 'tsconfig.json', '--emitDeclarationOnly', '--declarationMap', 'false'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        console.log(`tsc → dist: declarations (${seconds()})`);
        resolve();
      } else {
        reject(new Error(`tsc exited with code ${code}`));
      }
    });
  });
}

await rm(join(root, 'dist'), { recursive: true, force: true });

const builds = configs();
if (!builds.some((config) => config.output.dir === join(root, bundleDir))) {
  console.warn('build: no src/index.ts yet, so no bundle.');
}
const results = await Promise.allSettled([
  ...builds.map(runRollup),
  ...(sourceFiles().length ? [runTsc()] : []),
]);
const failures = results.filter((result) => result.status === 'rejected');
for (const { reason } of failures) console.error(reason instanceof Error ? reason.message : reason);
if (failures.length) {
  console.error(`build failed (${seconds()})`);
  process.exit(1);
}
let manifestPaths = [];
if (existsSync(join(root, 'custom-elements.json'))) {
  const manifest = shippedManifest(JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')));
  writeFileSync(join(root, 'dist/custom-elements.json'), `${JSON.stringify(manifest)}\n`);
  writeVsCodeData(manifest, join(root, 'dist'));
  writeFrameworkTypes(manifest, join(root, 'dist'));
  manifestPaths = manifest.modules.flatMap((mod) => [mod.path, mod.typeDefinitionPath]).filter(Boolean);
  console.log('custom-elements.json → dist/custom-elements.json, dist/vscode.{html,css}-custom-data.json, dist/react.d.ts, dist/vue.d.ts');
}
const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pruned = pruneUnreachable(root, exports, manifestPaths);
console.log(`dist: ${pruned.length} .js and .d.ts files no package entry reaches, deleted`);
console.log(`build done in ${seconds()}`);

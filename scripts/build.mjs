// `npm run build`: cleans dist/, then runs in parallel the rollup builds of rollup.config.mjs
// (unbundled ESM in dist/, drop-in bundle in dist/bundle/) and tsc for the .d.ts files in dist/, and
// writes from custom-elements.json VS Code's custom data (dist/vscode.{html,css}-custom-data.json) and
// the React 19 JSX and Vue 3 types (dist/react.d.ts, dist/vue.d.ts: `callback-elements/react`, `/vue`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';
import { bundleDir, root, sourceFiles } from './entries.mjs';
import { writeFrameworkTypes, writeVsCodeData } from './manifest-integrations.mjs';

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
if (existsSync(join(root, 'custom-elements.json'))) {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  writeVsCodeData(manifest, join(root, 'dist'));
  writeFrameworkTypes(manifest, join(root, 'dist'));
  console.log('custom-elements.json → dist/vscode.{html,css}-custom-data.json, dist/react.d.ts, dist/vue.d.ts');
}
console.log(`build done in ${seconds()}`);

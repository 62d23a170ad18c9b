// `npm run size`: builds when the bundle is missing or older than src/ (or with --build), then
// prints the minified, min+gzip (level 9) and min+Brotli (quality 11) sizes of the bundle entry, of everything a page loads
// before the entry runs (entry + statically imported chunks) and of each lazy chunk, and writes
// them to bench/size.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundleGraph } from './bundle-graph.mjs';
import { bundleDir, bundleEntry, root, sourceFiles } from './entries.mjs';

const entryPath = join(root, bundleEntry);
const inputs = [...sourceFiles(), 'package.json', 'package-lock.json', 'tsconfig.json', 'rollup.config.mjs'];
const newestInput = Math.max(...inputs.map((file) => join(root, file)).filter(existsSync).map((file) => statSync(file).mtimeMs));

if (process.argv.includes('--build') || !existsSync(entryPath) || statSync(entryPath).mtimeMs < newestInput) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!existsSync(entryPath)) {
  console.error(`size: no ${bundleEntry} (the bundle needs src/index.ts).`);
  process.exit(1);
}

const dir = join(root, bundleDir);
const measure = (file) => {
  const code = readFileSync(join(dir, file));
  return {
    file,
    min: code.length,
    gzip: gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length,
  };
};
const total = (files) => ({
  files: files.map((f) => f.file),
  min: files.reduce((sum, f) => sum + f.min, 0),
  gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  brotli: files.reduce((sum, f) => sum + f.brotli, 0),
});

const graph = bundleGraph(dir, entryPath);
const eager = graph.eager.map(measure);
const lazy = graph.lazy.map(measure);
const report = {
  entry: eager[0],
  // Each file is a separate request, so the gzip total is the sum of per-file gzip sizes.
  eager: total(eager),
  // Fetched as the entry runs, without waiting for it: the rest of the elements (src/bundle.ts's `ready`).
  atLoad: total(graph.atLoad.map(measure)),
  lazy: lazy.filter((chunk) => !graph.atLoad.includes(chunk.file)),
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
const row = (label, { min, gzip, brotli }) => console.log(`${label.padEnd(48)} ${kb(min)} min ${kb(gzip)} min+gzip ${kb(brotli)} min+br`);
row(`entry  ${report.entry.file}`, report.entry);
row(`eager  (${report.eager.files.length} file${report.eager.files.length === 1 ? '' : 's'})`, report.eager);
row(`at load, not awaited (${report.atLoad.files.length} file${report.atLoad.files.length === 1 ? '' : 's'})`, report.atLoad);
for (const chunk of report.lazy) row(`lazy   ${chunk.file}`, chunk);
if (graph.externalDynamic.length) console.log(`not bundled, imported lazily: ${graph.externalDynamic.join(', ')}`);

// The npm package as `npm pack` would write it (from the dist/ there is: run after a build).
const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
if (pack.status === 0) {
  const { size, unpackedSize, entryCount } = JSON.parse(pack.stdout)[0];
  report.tarball = { packed: size, unpacked: unpackedSize, files: entryCount };
  console.log(`${'npm package (npm pack)'.padEnd(48)} ${kb(size)} packed ${kb(unpackedSize)} unpacked, ${entryCount} files`);
}

mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench/size.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('written to bench/size.json');

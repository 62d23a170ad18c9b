// Which source modules make up the drop-in bundle's eager part and the chunks it fetches at load
// (issue 22): `node bench/eager-breakdown.mjs [--at-load] [--top N]` after `npm run build`.
// Reads each built file's source map (no dependency: the VLQ mappings are decoded here) and gives
// every source its minified bytes and its marginal min+gzip bytes (the file gzipped at level 9
// with and without that source's bytes), the figure that falls if the module leaves the chunk.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { bundleGraph } from '../scripts/bundle-graph.mjs';
import { bundleDir, bundleEntry, root } from '../scripts/entries.mjs';

const gzip = (text) => gzipSync(text, { level: constants.Z_BEST_COMPRESSION }).length;
const base64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Each generated segment as [line, column, source index], in order. */
function segments(mappings) {
  const out = [];
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',').filter(Boolean)) {
      const fields = [];
      for (let i = 0, value = 0, shift = 0; i < segment.length; i++) {
        const digit = base64[segment[i]];
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      out.push([lineIndex, column, fields.length > 1 ? source : -1]);
    }
  });
  return out;
}

/** The file's text split into [source name, text] runs, following its source map. */
function runs(dir, file) {
  const code = readFileSync(join(dir, file), 'utf8');
  const map = JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8'));
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const name = (index) => (index < 0 ? '(unmapped)' : relative(root, join(dir, 'chunks', map.sources[index])).replace(/^.*node_modules\//, ''));
  const segs = segments(map.mappings);
  const out = [];
  let at = 0;
  let current = '(unmapped)';
  for (const [line, column, source] of segs) {
    const offset = lineStarts[line] + column;
    if (offset > at) out.push([current, code.slice(at, offset)]);
    at = Math.max(at, offset);
    current = name(source);
  }
  out.push([current, code.slice(at)]);
  return { code, runs: out };
}

const atLoad = process.argv.includes('--at-load');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 40;
const dir = join(root, bundleDir);
const graph = bundleGraph(dir, join(root, bundleEntry));
const rows = new Map();
for (const file of atLoad ? graph.atLoad : graph.eager) {
  const { code, runs: parts } = runs(dir, file);
  const whole = gzip(code);
  const bySource = new Map();
  for (const [source, text] of parts) bySource.set(source, (bySource.get(source) ?? 0) + text.length);
  for (const [source, min] of bySource) {
    const without = parts.filter(([s]) => s !== source).map(([, text]) => text).join('');
    const row = rows.get(source) ?? { source, min: 0, gzip: 0, files: [] };
    row.min += min;
    row.gzip += whole - gzip(without);
    row.files.push(file.replace(/^chunks\//, '').replace(/-[\w-]{8}\.js$/, ''));
    rows.set(source, row);
  }
}
const sorted = [...rows.values()].sort((a, b) => b.gzip - a.gzip);
const sum = (key) => sorted.reduce((total, row) => total + row[key], 0);
console.log(`${atLoad ? 'at load' : 'eager'}: ${sorted.length} sources, ${sum('min')} B min, marginal gzip summed ${sum('gzip')} B`);
for (const row of sorted.slice(0, top)) console.log(`${String(row.gzip).padStart(6)} gz ${String(row.min).padStart(7)} min  ${row.source}  [${row.files.join(', ')}]`);

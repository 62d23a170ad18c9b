// web-test-runner config for the browser benchmarks (`npm run bench`, scripts/bench.mjs), kept apart
// from web-test-runner.config.mjs so that no timing ever runs in `npm test`. Differences from it:
// lit's production build (no 'development' export condition: dev mode's checks would be timed
// too), Chromium with `--expose-gc`, long timeouts, the CDP commands of bench/cdp-plugin.mjs, and
// the built drop-in bundle (dist/bundle/) served gzipped, as a web server would: the first-load
// bench's slow network sees the bytes a real page would fetch.
import '../scripts/loopback-only.mjs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromeLauncher, defaultReporter, summaryReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { cdpBenchPlugin } from './cdp-plugin.mjs';

if (!chromiumPath) {
  throw new Error('No Chromium found: run `bash scripts/ensure-chromium.sh` or set CHROME_PATH.');
}

const gzipped = new Map();
/**
 * Koa middleware: dist/bundle/*.js and the bench's static pages (bench/fixtures/*.html) as they are
 * on disk, gzipped (level 9), before wtr's own plugins see them (no web socket script injected).
 */
async function gzipBuiltBundle(ctx, next) {
  const type = /^\/dist\/bundle\/[\w./-]+\.js$/.test(ctx.path) ? 'application/javascript' : /^\/bench\/fixtures\/[\w.-]+\.html$/.test(ctx.path) ? 'text/html' : null;
  if (!type || ctx.path.includes('..') || !ctx.acceptsEncodings('gzip')) return next();
  // BENCH_BUNDLE_DIR: a copy of dist/bundle kept apart (while another build rewrites dist/).
  const bundleDir = process.env.BENCH_BUNDLE_DIR;
  const file = bundleDir && ctx.path.startsWith('/dist/bundle/') ? join(bundleDir, ctx.path.slice('/dist/bundle/'.length)) : join(process.cwd(), ctx.path);
  let info;
  try {
    info = await stat(file);
  } catch {
    return next();
  }
  let entry = gzipped.get(file);
  if (entry?.mtimeMs !== info.mtimeMs) {
    entry = { mtimeMs: info.mtimeMs, body: gzipSync(await readFile(file), { level: 9 }) };
    gzipped.set(file, entry);
  }
  ctx.type = type;
  ctx.set('Content-Encoding', 'gzip');
  ctx.set('Vary', 'Accept-Encoding');
  ctx.body = entry.body;
}

export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  files: ['bench/*.bench.ts', '!bench/sip-latency.bench.ts'],
  nodeResolve: { exportConditions: ['production'] },
  middleware: [gzipBuiltBundle],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), cdpBenchPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: [...chromiumArgs, '--js-flags=--expose-gc', '--window-size=1280,900'],
      },
    }),
  ],
  // One file at a time: a background tab gets no animation frames, and parallel files would
  // share the two cores with each other's timings.
  concurrency: 1,
  testsFinishTimeout: 540_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 300_000 } },
  // BENCH_QUICK=1: a smoke run (few repetitions) that checks each bench runs; its figures mean nothing.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script>window.benchQuick = ${process.env.BENCH_QUICK === '1'};</script><script type="module" src="${testFramework}"></script></body></html>`,
  reporters: [defaultReporter(), summaryReporter({ flatten: false })],
};

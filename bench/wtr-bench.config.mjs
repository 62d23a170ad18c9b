// web-test-runner config for the browser benchmarks (`npm run bench`, scripts/bench.mjs), kept apart
// from web-test-runner.config.mjs so that no timing ever runs in `npm test`. Differences from it:
// lit's production build (no 'development' export condition: dev mode's checks would be timed
// too), Chromium with `--expose-gc`, long timeouts, and the CDP commands of bench/cdp-plugin.mjs.
import '../scripts/loopback-only.mjs';
import { chromeLauncher, defaultReporter, summaryReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { cdpBenchPlugin } from './cdp-plugin.mjs';

if (!chromiumPath) {
  throw new Error('No Chromium found: run `bash scripts/ensure-chromium.sh` or set CHROME_PATH.');
}

export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  files: ['bench/*.bench.ts', '!bench/sip-latency.bench.ts'],
  nodeResolve: { exportConditions: ['production'] },
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
  reporters: [defaultReporter(), summaryReporter({ flatten: false })],
};

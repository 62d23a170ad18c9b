import './scripts/loopback-only.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { closingLineReporter } from './scripts/closing-line-reporter.mjs';
import { gmsContractServerPlugin } from './tests/gms-server/plugin.mjs';
import { genesysCloudServerPlugin } from './tests/genesys-cloud-server/plugin.mjs';
import { workspaceContractServerPlugin } from './tests/workspace-server/plugin.mjs';
import { kamailioPlugin } from './tests/sip/plugin.mjs';
import { forcedColorsPlugin } from './tests/setup/forced-colors-plugin.mjs';
import { cdpBenchPlugin } from './bench/cdp-plugin.mjs';
import { selectedEngines, testBrowsers } from './scripts/test-browsers.mjs';
import { secondTry, secondTryPageScript, secondTryRetries } from './scripts/second-try.mjs';

// Chromium, Firefox ESR and WebKitGTK, chosen by TEST_BROWSERS (default Chromium; npm test runs all
// three); the files that need WebRTC or Chromium's DevTools protocol run in Chromium only
// (scripts/test-browsers.mjs says why for each).
const engines = testBrowsers(['tests/**/*.test.ts', '!tests/node/**']);
// WebKitGTK alone: a failing test runs once more, and the run ends naming each one that did
// (scripts/second-try.mjs says why).
const retries = secondTryRetries(selectedEngines());
const secondTries = retries ? secondTry() : undefined;

export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  files: engines.files,
  groups: engines.groups,
  nodeResolve: { exportConditions: ['development'] },
  middleware: secondTries ? [secondTries.middleware] : [],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // The GMS contract server, for tests/adapters/gms.test.ts; its URL is at /__gms-url.
    gmsContractServerPlugin(),
    // The Genesys Cloud contract server (Platform API and notification WebSocket), for
    // tests/adapters/genesys-cloud*.test.ts; its URL is at /__genesys-cloud-url.
    genesysCloudServerPlugin(),
    // The Workspace API contract server (REST + CometD), for tests/adapters/workspace*.test.ts; its URL is at /__workspace-url.
    workspaceContractServerPlugin(),
    // The tests' own Kamailio (SIP over WebSocket on ws://127.0.0.1:15080) for the real-SIP tests;
    // /__sip-env tells them where it is and whether the network is loopback only.
    kamailioPlugin(),
    // executeServerCommand('emulate-forced-colors', { active }) for the forced-colors theming test.
    forcedColorsPlugin(),
    // executeServerCommand('bench-memory'): heap after forced GC, the renderer's DOM node and
    // listener counts, for the shift tests (tests/elements/shift-*.test.ts).
    cdpBenchPlugin(),
    // What an engine's launcher lacks (WebKitGTK: setViewport), see scripts/test-browsers.mjs.
    ...engines.plugins,
    ...(secondTries ? [secondTries.plugin] : []),
  ],
  browsers: engines.browsers,
  // One engine at a time, for the same reason as one file at a time.
  concurrentBrowsers: 1,
  // One test file at a time: a second, background tab gets no animation frames in headless
  // Chromium, and fixture() of a plain element waits on one (seen as random 10 s timeouts).
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000, retries } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), closingLineReporter()],
  // Tests fail on lit dev-mode warnings: tests/setup/lit-warnings.ts turns them into errors.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"></head>
  <body>
    <script>
      globalThis.litIssuedWarnings = new Set(['dev-mode']);
      globalThis.__litWarnings = [];
      const warn = console.warn.bind(console);
      console.warn = (...args) => {
        const text = args.map(String).join(' ');
        if (/lit\\.dev\\/msg|Lit is in dev mode|class-field-shadowing|change-in-update/.test(text)) globalThis.__litWarnings.push(text);
        warn(...args);
      };
    </script>
    <script>
      // The agent's pending work (IndexedDB) outlives a page, and every test file shares this
      // origin: each file starts with none, as it does with localStorage cleared.
      indexedDB.deleteDatabase('callback-elements');
    </script>
    <script type="module" src="${testFramework}"></script>
    ${retries ? secondTryPageScript : ''}
  </body>
</html>`,
};

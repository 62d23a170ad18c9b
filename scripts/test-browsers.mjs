// The browsers the tests run in, chosen by TEST_BROWSERS (a comma-separated list of `chromium`,
// `firefox`, `webkit`; `npm test` runs each of the three in turn, a bare `wtr` runs Chromium only).
// All three come from Debian packages (scripts/ensure-chromium.sh, scripts/ensure-browsers.sh):
// browser downloads by Puppeteer, Playwright or geckodriver do not work on this project's machines.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as puppeteerCore from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines TEST_BROWSERS names (default: Chromium only), checked. */
export function selectedEngines(value = process.env.TEST_BROWSERS) {
  const engines = (value || 'chromium').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  for (const engine of engines) {
    if (!ENGINES.includes(engine)) {
      throw new Error(`TEST_BROWSERS: unknown engine "${engine}" (known: ${ENGINES.join(', ')})`);
    }
  }
  return engines;
}

/**
 * Test files that run in Chromium only, each with the reason. Everything else runs in all three.
 *
 * Real SIP calls with WebRTC media between user agents over loopback (the tests' Kamailio, in the
 * network namespace with `lo` only): every test file that imports the real-SIP guard
 * (tests/helpers/sip-env.ts), the sip.js test harness or the tests' SIP phone, found by reading
 * the files, so a new one is never left to fail in the other engines.
 * - WebKitGTK from Debian is built without WebRTC: no RTCPeerConnection at all.
 * - Firefox ESR gathers no ICE candidate in the loopback-only namespace (tried with
 *   media.peerconnection.ice.loopback and the host-address preferences), and with no sound device
 *   AudioContext.resume() never resolves, so no call ever gets media.
 */
const REAL_SIP = /from '[./]*(?:helpers\/sip-env|adapters\/sipjs-harness|helpers\/sip-peer|sipjs-harness)\.js'/;

function realSipFiles() {
  const found = [];
  const root = fileURLToPath(new URL('..', import.meta.url));
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts') && REAL_SIP.test(readFileSync(join(root, path), 'utf8'))) found.push(path);
    }
  };
  walk('tests');
  return found.sort();
}

export const CHROMIUM_ONLY = [
  ...realSipFiles(),
  // Heap, DOM-node and listener counts come from Chromium's DevTools protocol
  // (bench/cdp-plugin.mjs); neither WebDriver BiDi nor WebKitWebDriver has them.
  'tests/elements/shift-release.*.test.ts',
];

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitForDriver(port, driver) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not answer /status within 20 s');
}

const MINIBROWSER = [
  process.env.MINIBROWSER_PATH,
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
].filter(Boolean).find((p) => existsSync(p));

/**
 * WebKitGTK's MiniBrowser through WebKitWebDriver (Debian's webkit2gtk-driver). webdriverio does not
 * start the driver: this launcher spawns it on a free loopback port and stops it with the run.
 * MiniBrowser has no headless mode: run under `xvfb-run -a` (scripts/test.sh does).
 */
class WebKitGtkLauncher extends WebdriverLauncher {
  constructor() {
    super({
      hostname: '127.0.0.1',
      port: 0,
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        // Navigating to the next test file returns at once instead of waiting for the page's load:
        // once, in a loaded full run, WebKit never reported a load and the navigation command hung
        // until undici's 300 s header timeout, which @web/test-runner-webdriver does not catch
        // (queueStartSession), stopping the whole run. Now a page that never starts its tests fails
        // that file after wtr's testsStartTimeout and the run goes on.
        pageLoadStrategy: 'none',
        // Without it webdriverio asks for BiDi, which WebKitWebDriver refuses ("Failed to match capabilities").
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: MINIBROWSER,
          // window.open without a click (tests/elements/callback-desk.pages.test.ts opens a second
          // page), as headless Chromium and Firefox allow under automation.
          args: ['--automation', '--javascript-can-open-windows-automatically=true'],
        },
      },
    });
  }

  async initialize(config) {
    await super.initialize(config);
    this.name = 'WebKit';
    if (!MINIBROWSER) throw new Error('No MiniBrowser: run `bash scripts/ensure-browsers.sh` (webkit2gtk-driver)');
    if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      throw new Error('WebKitGTK needs a display: run the tests under `xvfb-run -a` (as npm test does)');
    }
    const port = await freePort();
    this.webDriver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore' });
    this.options.port = port;
    await waitForDriver(port, this.webDriver);
  }

  async stop() {
    await super.stop();
    this.webDriver?.kill();
    this.webDriver = undefined;
  }
}

function launcherFor(engine) {
  switch (engine) {
    case 'chromium':
      if (!chromiumPath) {
        throw new Error('No Chromium found: run `bash scripts/ensure-chromium.sh` or set CHROME_PATH.');
      }
      return chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } });
    case 'firefox': {
      const executablePath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
      if (!existsSync(executablePath)) {
        throw new Error('No Firefox ESR found: run `bash scripts/ensure-browsers.sh` or set FIREFOX_PATH.');
      }
      // puppeteer-core over WebDriver BiDi: no geckodriver needed.
      return chromeLauncher({
        puppeteer: puppeteerCore,
        launchOptions: { browser: 'firefox', executablePath, headless: true },
      });
    }
    case 'webkit':
      return new WebKitGtkLauncher();
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

/**
 * wtr's `browsers` and `groups` for the selected engines: the Chromium-only files run in Chromium
 * alone; a run without Chromium leaves them out.
 */
export function testBrowsers(files, engines = selectedEngines()) {
  const launchers = new Map(engines.map((engine) => [engine, launcherFor(engine)]));
  const others = engines.some((engine) => engine !== 'chromium');
  const plugins = launchers.has('webkit') ? [webKitViewportPlugin()] : [];
  if (!others) return { files, browsers: [...launchers.values()], groups: [], plugins };
  const shared = [...files, ...CHROMIUM_ONLY.map((glob) => `!${glob}`)];
  const groups = launchers.has('chromium')
    ? [{ name: 'chromium-only', files: CHROMIUM_ONLY, browsers: [launchers.get('chromium')] }]
    : [];
  return { files: shared, browsers: [...launchers.values()], groups, plugins };
}

/**
 * `executeServerCommand('window-viewport', { width, height })`: WebKitGTK's launcher has no
 * setViewport; this sizes MiniBrowser's window so that its page gets that viewport
 * (tests/helpers/viewport.ts uses it there, setViewport elsewhere).
 */
export function webKitViewportPlugin() {
  return {
    name: 'webkit-viewport',
    async executeCommand({ command, payload, session }) {
      if (command !== 'window-viewport') return undefined;
      const driver = session.browser.driver;
      if (!driver) throw new Error('window-viewport: WebKitGTK launcher only');
      const { width, height } = payload;
      let [w, h] = [width, height];
      for (let i = 0; i < 3; i++) {
        await driver.setWindowSize(w, h);
        const [iw, ih] = await driver.execute('return [innerWidth, innerHeight]');
        if (iw === width && ih === height) return true;
        w += width - iw;
        h += height - ih;
      }
      return true;
    },
  };
}

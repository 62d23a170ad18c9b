// Where the test runner, the demo smoke test and the benchmark find Chromium. Browser downloads do
// not work on the machines this project targets, so we use the system browser (Debian: `chromium`).
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);

export const chromiumPath = candidates.find((p) => existsSync(p));

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Flags for a headless Chromium on a closed network, as root or not. */
export const chromiumArgs = [
  ...(isRoot ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // WebRTC between the real-SIP tests' user agents runs over loopback: without this flag ICE
  // gathers no candidate on lo.
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  // Test files run in parallel tabs; a background tab must still get timers and animation frames
  // (fixture() waits on requestAnimationFrame).
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

// `npm start`: the demo on the simulated contact center, served on 127.0.0.1 only.
// `npm run demo:gms` (DEMO_GMS=1): the GMS-mode page, with the GMS contract server.
// `npm run demo:engage` (DEMO_ENGAGE=1): the Genesys Engage page, with the Workspace API and GMS contract servers.
// `npm run demo:cloud` (DEMO_CLOUD=1): the Genesys Cloud page, with the Genesys Cloud contract server.
// `npm run demo:sip` (DEMO_SIP=1): the real-SIP page, with the tests' own Kamailio (tests/sip/,
// SIP over WebSocket on ws://127.0.0.1:15080, 127.0.0.1 only), stopped when this process ends.
import './loopback-only.mjs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import config from '../web-dev-server.config.mjs';

const mode = process.env.DEMO_SIP ? 'sip' : process.env.DEMO_ENGAGE ? 'engage' : process.env.DEMO_CLOUD ? 'cloud' : process.env.DEMO_GMS ? 'gms' : 'simulated';

/** @type {ReturnType<typeof import('../tests/sip/kamailio.mjs').createKamailio> | undefined} */
let kamailio;
if (mode === 'sip') {
  // Installs Debian's kamailio packages when run as root and they are missing; otherwise says what to do.
  const ensure = spawnSync('bash', [fileURLToPath(new URL('./ensure-kamailio.sh', import.meta.url))], { stdio: 'inherit' });
  if (ensure.status !== 0) {
    console.error('\nSIP demo: Kamailio is not available (see above), so it cannot start.');
    process.exit(1);
  }
  const { createKamailio } = await import('../tests/sip/kamailio.mjs');
  kamailio = createKamailio({ cfg: fileURLToPath(new URL('../tests/sip/kamailio.cfg', import.meta.url)), sipPort: 15060, wsPort: 15080 });
  try {
    await kamailio.start();
  } catch (error) {
    console.error(`\nSIP demo: Kamailio could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const server = await startDevServer({
  config,
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
  // In SIP mode this script stops the server and Kamailio itself.
  autoExitProcess: mode !== 'sip',
});

if (kamailio) {
  const running = kamailio;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([server.stop(), running.stop()]);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Any other exit: kamailio.mjs sends Kamailio SIGTERM from its own 'exit' handler, and
  // setpriv --pdeathsig ends it if this process is killed outright.
}

const pages = {
  simulated: ['demo/', 'simulated contact center'],
  gms: ['demo/gms.html', 'GMS adapter against the contract server'],
  engage: ['demo/engage.html', 'Workspace API adapter, GMS composed in, against both contract servers'],
  cloud: ['demo/cloud.html', 'Genesys Cloud adapters against the Genesys Cloud contract server'],
  sip: ['demo/sip.html', `sip.js adapter and Kamailio on ${kamailio?.wsUrl}`],
};
const [page, what] = pages[mode];
console.log(`\nDemo (${what}): http://${config.hostname}:${config.port}/${page}\nPress Ctrl+C to stop.\n`);

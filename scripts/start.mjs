// `npm start`: the demo on the simulated contact center, served on 127.0.0.1 only.
import './loopback-only.mjs';
import { startDevServer } from '@web/dev-server';
import config from '../web-dev-server.config.mjs';

await startDevServer({ config, readCliArgs: false, readFileConfig: false, logStartMessage: false });
const page = process.env.DEMO_GMS ? 'demo/gms.html' : 'demo/';
const what = process.env.DEMO_GMS ? 'GMS adapter against the contract server' : 'simulated contact center';
console.log(`\nDemo (${what}): http://${config.hostname}:${config.port}/${page}\nPress Ctrl+C to stop.\n`);

// `npm start`: the demo on the simulated contact center, served on 127.0.0.1 only.
import './loopback-only.mjs';
import { startDevServer } from '@web/dev-server';
import config from '../web-dev-server.config.mjs';

await startDevServer({ config, readCliArgs: false, readFileConfig: false, logStartMessage: false });
console.log(`\nDemo (simulated contact center): http://${config.hostname}:${config.port}/demo/\nPress Ctrl+C to stop.\n`);

// `npm start`: serves the demo on the simulated contact center. TypeScript sources are compiled
// on the fly, so the demo needs no build step.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { gmsContractServerPlugin } from './tests/gms-server/plugin.mjs';
import { workspaceContractServerPlugin } from './tests/workspace-server/plugin.mjs';
import { genesysCloudServerPlugin } from './tests/genesys-cloud-server/plugin.mjs';

export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 8000),
  open: false,
  watch: false,
  nodeResolve: { exportConditions: ['development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // `npm run demo:gms`: the GMS contract server on 127.0.0.1, its URL at /__gms-url.
    ...(process.env.DEMO_GMS || process.env.DEMO_ENGAGE ? [gmsContractServerPlugin()] : []),
    // `npm run demo:engage`: the Workspace API contract server too, its URL at /__workspace-url.
    ...(process.env.DEMO_ENGAGE ? [workspaceContractServerPlugin()] : []),
    // `npm run demo:cloud`: the Genesys Cloud contract server, its URL at /__genesys-cloud-url.
    ...(process.env.DEMO_CLOUD ? [genesysCloudServerPlugin()] : []),
  ],
};

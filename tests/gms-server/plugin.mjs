import { createGmsServer } from './server.mjs';

/**
 * A web-test-runner plugin that runs the GMS contract server for the length of the test run and
 * tells the test page where it is: `GET /__gms-url` on the test server answers with its base URL.
 */
export function gmsContractServerPlugin() {
  const server = createGmsServer();
  let url = '';
  return {
    name: 'gms-contract-server',
    async serverStart() {
      url = await server.start();
    },
    async serverStop() {
      await server.stop();
    },
    serve(context) {
      if (context.path === '/__gms-url') return { body: url, type: 'text' };
      return undefined;
    },
  };
}

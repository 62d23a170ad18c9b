import { createGenesysCloudServer } from './server.mjs';

/**
 * A web-test-runner plugin that runs the Genesys Cloud contract server for the length of the test
 * run and tells the test page where it is: `GET /__genesys-cloud-url` answers with its base URL.
 */
export function genesysCloudServerPlugin() {
  const server = createGenesysCloudServer();
  let url = '';
  return {
    name: 'genesys-cloud-contract-server',
    async serverStart() {
      url = await server.start();
    },
    async serverStop() {
      await server.stop();
    },
    serve(context) {
      if (context.path === '/__genesys-cloud-url') return { body: url, type: 'text' };
      return undefined;
    },
  };
}

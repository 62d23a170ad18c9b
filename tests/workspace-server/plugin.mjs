import { createWorkspaceServer } from './server.mjs';

/**
 * A web-test-runner plugin that runs the Workspace API contract server for the length of the test
 * run and tells the test page where it is: `GET /__workspace-url` on the test server answers with
 * its base URL.
 */
export function workspaceContractServerPlugin() {
  const server = createWorkspaceServer();
  let url = '';
  return {
    name: 'workspace-contract-server',
    async serverStart() {
      url = await server.start();
    },
    async serverStop() {
      await server.stop();
    },
    serve(context) {
      if (context.path === '/__workspace-url') return { body: url, type: 'text' };
      return undefined;
    },
  };
}

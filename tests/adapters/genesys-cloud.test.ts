import { runCallbackContract } from './contract/callback-contract.js';
import { cloudCallbackHarness } from './genesys-cloud-harness.js';

runCallbackContract('GenesysCloudCallbackAdapter (contract server over HTTP and WebSocket)', cloudCallbackHarness);

import { runTelephonyContract } from './contract/telephony-contract.js';
import { workspaceTelephonyHarness } from './workspace-harness.js';

runTelephonyContract('WorkspaceTelephonyAdapter (Workspace API contract server over HTTP and CometD)', workspaceTelephonyHarness);

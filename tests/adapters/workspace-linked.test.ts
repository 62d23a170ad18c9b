import { WorkspaceCallbackAdapter } from '../../src/adapters/workspace/index.js';
import { waitFor } from '../helpers/wait.js';
import { runLinkedContract } from './contract/linked-contract.js';
import { control as gmsControl, gmsAdapter, KNOWN_DISPOSITION } from './gms-harness.js';
import { advance, agentOptions, control, NUMBERS, offerCallback, type AgentSetup } from './workspace-harness.js';

// Genesys Engage: the Workspace API's callback adapter (GMS composed in) and the agent's DN it
// drives, against both contract servers over HTTP and CometD (issue 18: the linked suite for every
// pairing the library ships).
runLinkedContract('WorkspaceCallbackAdapter over WorkspaceTelephonyAdapter (Workspace API and GMS contract servers)', async () => {
  const { adapter: gms, clock } = await gmsAdapter();
  const agent = await agentOptions();
  const adapter = new WorkspaceCallbackAdapter({ ...agent.options, scheduler: gms, dispositions: [KNOWN_DISPOSITION], clock });
  await adapter.register();
  const setup: AgentSetup = { dn: agent.options.dn, call: (id) => adapter.telephony.getCall(id), inFlight: agent.inFlight };
  return {
    callbacks: adapter,
    telephony: adapter,
    phone: adapter.telephony,
    answers: NUMBERS.answers,
    maxRingMs: 5_000,
    now: () => clock.now(),
    async advance(ms) {
      clock.advance(ms);
      await gmsControl('time', { now: clock.now() });
      await advance(setup, ms);
    },
    offerVoice: () => offerCallback(adapter, agent.options.dn, 'voice'),
    offerWeb: () => offerCallback(adapter, agent.options.dn, 'web-callback'),
    async hangUpRemotely(callId) {
      await control('hangup', { id: adapter.telephony.connIdOf(callId) });
      await waitFor(`call ${callId} ends`, () => adapter.telephony.getCall(callId)?.state === 'ended');
    },
    async dispose() {
      await adapter.dispose();
      gms.dispose();
      await gmsControl('time', {});
    },
  };
});

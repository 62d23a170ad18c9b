import { PhoneCallbackAdapter } from '../../src/adapters/phone/index.js';
import type { Interaction } from '../../src/model/interaction.js';
import { runLinkedContract } from './contract/linked-contract.js';
import { makeSipHarness } from './sipjs-harness.js';

let n = 0;

// The pairing a site on raw SIP ships: callbacks arriving as SIP calls on the sip.js phone, through a
// real Kamailio with real sip.js phones at the far end (issue 18: the linked suite for every pairing).
runLinkedContract('PhoneCallbackAdapter over the sip.js adapter (real Kamailio)', async () => {
  const h = await makeSipHarness();
  const adapter = new PhoneCallbackAdapter({ telephony: h.adapter });
  const fresh = (kind: string) => `cb-${kind}-${Date.now().toString(36)}-${++n}`;
  return {
    callbacks: adapter,
    telephony: adapter,
    phone: h.adapter,
    answers: h.numbers.answers,
    maxRingMs: h.maxRingMs,
    now: h.now,
    advance: h.advance,
    async offerVoice() {
      const id = fresh('voice');
      const offered = new Promise<Interaction>((resolve) => {
        const stop = adapter.onOffer((interaction) => {
          if (interaction.id !== id) return;
          stop();
          resolve(interaction);
        });
      });
      await h.peers.customer.call(h.agentUser, { headers: [`X-Genesys-_CB_SERVICE_ID: ${id}`, 'X-Genesys-firstname: Ana'] });
      return offered;
    },
    offerWeb: async () => adapter.ingest({ _CB_SERVICE_ID: fresh('web'), GMS_Customer_Number: h.numbers.answers, _agent_preview: 'true' }),
    hangUpRemotely: (callId) => h.hangUpRemotely(callId),
    async dispose() {
      adapter.dispose();
      await h.dispose();
    },
  };
});

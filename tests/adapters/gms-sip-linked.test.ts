import type { Interaction } from '../../src/model/interaction.js';
import { waitFor } from '../helpers/wait.js';
import { runLinkedContract } from './contract/linked-contract.js';
import { createOnServer, freshNumber, gmsAdapter, routeToAgent } from './gms-harness.js';
import { makeSipHarness } from './sipjs-harness.js';

// A GMS site whose agents answer on a browser SIP phone: the GMS callback adapter following the
// sip.js adapter's calls, GMS on its contract server, the calls through a real Kamailio with sip.js
// phones at the far end (issue 18: the linked suite for every pairing the library ships).
runLinkedContract('GmsCallbackAdapter over the sip.js adapter (GMS contract server, real Kamailio)', async () => {
  const h = await makeSipHarness();
  const { adapter: gms } = await gmsAdapter({ telephony: h.adapter });
  const routed = async (preview: boolean) => {
    const id = await createOnServer({ _customer_number: freshNumber(), firstname: 'Margaret', lastname: 'Chen' });
    return { id, data: await routeToAgent(id, { preview }) };
  };
  return {
    callbacks: gms,
    telephony: h.adapter,
    phone: h.adapter,
    answers: h.numbers.answers,
    maxRingMs: h.maxRingMs,
    now: h.now,
    advance: h.advance,
    async offerVoice(): Promise<Interaction> {
      const { id, data } = await routed(false);
      // The routed call carries the callback's GMS keys, as a SIP Server puts user data in headers.
      const headers = Object.entries(data).map(([key, value]) => `X-Genesys-${key}: ${String(value)}`);
      await h.peers.customer.call(h.agentUser, { headers });
      return waitFor(`callback ${id} offered with its call`, () => {
        const offered = gms.getInteraction(id);
        return offered?.callId ? offered : undefined;
      });
    },
    offerWeb: async () => gms.ingest((await routed(true)).data),
    hangUpRemotely: (callId) => h.hangUpRemotely(callId),
    async dispose() {
      gms.dispose();
      await h.dispose();
    },
  };
});

import { expect } from '@open-wc/testing';
import { GenesysCloudCallbackAdapter, GenesysCloudSession, GenesysCloudTelephonyAdapter } from '../../src/adapters/genesys-cloud/index.js';
import { waitFor } from '../helpers/wait.js';
import { runLinkedContract, type LinkedHarness } from './contract/linked-contract.js';
import { cloudUrl, control, freshAgent, freshNumber, ringClock, route } from './genesys-cloud-harness.js';

const RING_MS = 150;

async function linked(): Promise<LinkedHarness> {
  const url = await cloudUrl();
  const userId = freshAgent();
  await control('config', { autoRing: false, ringMs: RING_MS });
  await control('time', {});
  const session = new GenesysCloudSession({ baseUrl: url, userId, accessToken: () => `user:${userId}`, timeoutMs: 1_500, backoffMs: 20 });
  const phone = new GenesysCloudTelephonyAdapter({ baseUrl: url, userId, accessToken: () => '', session });
  const callbacks = new GenesysCloudCallbackAdapter({ baseUrl: url, userId, accessToken: () => '', session, telephony: phone });
  await callbacks.connect();
  const clock = ringClock(session, userId);
  const offered = async (media: 'call' | 'callback') => {
    const { conversationId } = await route(userId, { media });
    return waitFor('the offer', () => callbacks.getInteraction(conversationId));
  };
  return {
    callbacks,
    // The phone as the elements are given it: the callback adapter records what it does.
    telephony: callbacks.telephony!,
    phone,
    answers: freshNumber(),
    maxRingMs: RING_MS * 3,
    now: () => Date.now(),
    advance: (ms) => clock.advance(ms),
    offerVoice: () => offered('call'),
    offerWeb: () => offered('callback'),
    async hangUpRemotely(callId) {
      await control(`hangup/${callId}`);
      await clock.sync();
    },
    async dispose() {
      callbacks.dispose();
      phone.dispose();
      session.stop();
      await control('config', { autoRing: true });
    },
  };
}

runLinkedContract('GenesysCloudCallbackAdapter over GenesysCloudTelephonyAdapter (one session)', linked);

describe('GenesysCloudCallbackAdapter.telephony: what the phone did, in the case history', () => {
  let h: LinkedHarness;
  beforeEach(async () => {
    h = await linked();
    await h.phone.register();
  });
  afterEach(() => h.dispose());

  const connected = async () => {
    const offered = await h.offerVoice();
    await h.callbacks.accept(offered.id);
    return h.callbacks.getInteraction(offered.id)!;
  };
  const kinds = (id: string) => h.callbacks.getInteraction(id)!.history.map((e) => e.kind);

  it('the call a preview places carries the web callback and is no interaction of its own', async () => {
    const offered = await h.offerWeb();
    await h.callbacks.accept(offered.id);
    const call = await h.telephony.dial({ number: h.answers, interactionId: offered.id });
    await h.advance(h.maxRingMs);
    await waitFor('connected', () => h.callbacks.getInteraction(offered.id)?.state === 'connected');
    expect(h.callbacks.listInteractions().map((i) => i.id)).to.deep.equal([offered.id]);
    expect(h.callbacks.getInteraction(call.id)).to.equal(undefined);
  });

  it('DTMF digits, masked ones as dots', async () => {
    const interaction = await connected();
    await h.telephony.sendDtmf(interaction.callId!, '12#');
    await h.telephony.sendDtmf(interaction.callId!, '4321', { masked: true });
    const digits = h.callbacks.getInteraction(interaction.id)!.history.flatMap((e) => (e.kind === 'dtmf' ? [e.digits] : []));
    expect(digits).to.deep.equal(['12#', '••••']);
    expect((await control<{ digits: string }>(`far-end/${interaction.callId}`)).digits).to.equal('12#4321');
  });

  it('a blind transfer is a transfer, not the agent hanging up', async () => {
    const interaction = await connected();
    const target = { kind: 'agent' as const, id: 'user-ana', name: 'Ana Ortega' };
    await h.telephony.blindTransfer(interaction.callId!, target);
    await h.advance(0);
    expect(h.callbacks.getInteraction(interaction.id)?.state).to.equal('ended');
    expect(kinds(interaction.id)).to.deep.equal(['accepted', 'transfer']);
    expect((await control<{ transferredTo: string }>(`far-end/${interaction.callId}`)).transferredTo).to.equal('user:user-ana');
  });

  it('a consultation, then a conference', async () => {
    const interaction = await connected();
    const target = { kind: 'contact' as const, id: 'ext-oscar', name: 'Oscar Diaz', address: '+34911234567' };
    const pending = h.telephony.startConsultation(interaction.callId!, target);
    await h.advance(h.maxRingMs);
    const consultation = await pending;
    expect(h.callbacks.getInteraction(interaction.id)?.consultation).to.deep.include({ state: 'connected', callId: consultation.id });
    await h.telephony.completeConference(interaction.callId!, consultation.id);
    await waitFor('the conference', () => !h.callbacks.getInteraction(interaction.id)?.consultation);
    expect(kinds(interaction.id)).to.deep.equal(['accepted', 'hold', 'consultation-started', 'consultation-ended', 'conference']);
    expect((await control<{ joined: string[] }>(`far-end/${interaction.callId}`)).joined).to.include('+34911234567');
  });
});

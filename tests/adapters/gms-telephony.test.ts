import { expect, waitUntil } from '@open-wc/testing';
import { eventsForCall } from '../../src/adapters/call-follower.js';
import type { GmsCallbackAdapter } from '../../src/adapters/gms/index.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { SAMPLE_NUMBERS } from '../../src/adapters/simulated/directory-data.js';
import { DIAL_TIMING } from '../../src/adapters/simulated/behaviour.js';
import { actionAvailability } from '../../src/model/actions.js';
import type { Interaction } from '../../src/model/interaction.js';
import { runLinkedContract } from './contract/linked-contract.js';
import { createOnServer, freshNumber, gmsAdapter, KNOWN_DISPOSITION, routeToAgent } from './gms-harness.js';
import { simulated } from './simulated-harness.js';

// A GMS callback handled on a phone of any kind: here the simulated one, its calls acted on by the
// elements straight on the phone (GMS is not a telephony adapter) or through it all the same.
runLinkedContract('GmsCallbackAdapter over the simulated phone', async () => {
  const { cc: phone, clock, advance } = simulated();
  const { adapter: gms } = await gmsAdapter({ telephony: phone });
  const routed = async (preview: boolean) => {
    const number = freshNumber();
    const id = await createOnServer({ _customer_number: number, firstname: 'Margaret', lastname: 'Chen' });
    return { number, data: await routeToAgent(id, { preview }) };
  };
  return {
    callbacks: gms,
    telephony: phone,
    phone,
    answers: SAMPLE_NUMBERS.answers,
    maxRingMs: DIAL_TIMING.noAnswerAfterMs + 1_000,
    now: () => clock.now(),
    advance,
    async offerVoice() {
      const { number, data } = await routed(false);
      const call = phone.ringIn(number, data);
      return gms.listInteractions().find((i) => i.callId === call.id)!;
    },
    offerWeb: async () => gms.ingest((await routed(true)).data),
    hangUpRemotely: async (callId) => phone.hangUpRemotely(callId),
    dispose() {
      gms.dispose();
      phone.dispose();
    },
  };
});

/**
 * Issue 17: the GMS adapter beside a telephony adapter. An integrator who handed the routed call's
 * data to `ingest()` got an interaction with no call: End call was refused ("This interaction has
 * no call") and Mark done stayed disabled ("End the call first"), since nothing told the interaction
 * that the call ended. With `telephony`, the adapter follows the phone's calls.
 */
describe('GmsCallbackAdapter with a telephony adapter', function () {
  this.timeout(20_000);
  let phone: SimulatedContactCenter;
  let gms: GmsCallbackAdapter;

  beforeEach(async () => {
    phone = new SimulatedContactCenter({ latencyMs: 0 });
    gms = (await gmsAdapter({ telephony: phone })).adapter;
  });
  afterEach(() => {
    gms.dispose();
    phone.dispose();
  });

  /** A customer's callback, routed to the agent: the phone rings with its data. */
  async function ringing(): Promise<{ id: string; callId: string; offer: Interaction }> {
    const number = freshNumber();
    const id = await createOnServer({ _customer_number: number, firstname: 'Margaret', lastname: 'Chen' });
    const offers: Interaction[] = [];
    const stop = gms.onOffer((i) => offers.push(i));
    const call = phone.ringIn(number, await routeToAgent(id));
    stop();
    expect(offers.map((o) => o.id), 'the ringing call is the offer').to.deep.equal([id]);
    return { id, callId: call.id, offer: offers[0]! };
  }

  const state = (id: string) => gms.getInteraction(id)?.state;
  const markDone = (id: string) => actionAvailability(gms.getInteraction(id)!, 'mark-done', { policy: gms.policy });

  it('the routed call is offered with its call; Accept answers it; End call on the phone ends the interaction, and Mark done closes it', async () => {
    const { id, callId, offer } = await ringing();
    expect(offer.callId).to.equal(callId);
    expect(offer.channel).to.equal('voice');
    expect(offer.contact.name).to.equal('Margaret Chen');

    await gms.accept(id);
    expect(phone.getCall(callId)?.state, 'Accept answered the call').to.equal('connected');
    expect(state(id)).to.equal('connected');
    expect(markDone(id)).to.deep.include({ status: 'disabled', reason: 'call-active' });

    // The elements' End call goes to the phone itself.
    await phone.hangUp(callId);
    await waitUntil(() => state(id) === 'ended', `ended (${state(id)})`);
    expect(gms.getInteraction(id)!.history.at(-1)).to.deep.include({ kind: 'hang-up', by: 'agent' });
    expect(markDone(id).status).to.equal('enabled');

    await gms.addNote(id, 'Called back.');
    const done = await gms.markDone(id, { disposition: KNOWN_DISPOSITION });
    expect(done.state).to.equal('done');
  });

  it('hold and resume on the phone, and the contact hanging up, reach the interaction', async () => {
    const { id, callId } = await ringing();
    await gms.accept(id);
    await phone.hold(callId);
    await waitUntil(() => state(id) === 'held', `held (${state(id)})`);
    await phone.resume(callId);
    await waitUntil(() => state(id) === 'connected', `resumed (${state(id)})`);
    phone.hangUpRemotely(callId);
    await waitUntil(() => state(id) === 'ended', `ended (${state(id)})`);
    expect(gms.getInteraction(id)!.history.map((h) => (h.kind === 'hang-up' ? `hang-up:${h.by}` : h.kind))).to.deep.equal([
      'accepted',
      'hold',
      'resume',
      'hang-up:contact',
    ]);
  });

  it('Reject declines the ringing call; a caller who gives up while it rings revokes the offer', async () => {
    const first = await ringing();
    await gms.reject(first.id);
    expect(state(first.id)).to.equal('rejected');
    expect(phone.getCall(first.callId)?.state ?? 'ended').to.equal('ended');

    const second = await ringing();
    phone.hangUpRemotely(second.callId);
    await waitUntil(() => state(second.id) === 'revoked', `revoked (${state(second.id)})`);
  });

  it("a host that still ingests the call's data itself gets the same interaction, with its call", async () => {
    const number = freshNumber();
    const id = await createOnServer({ _customer_number: number });
    let ingested: Interaction | undefined;
    const stop = phone.onCall((call) => {
      if (call.data && call.state === 'ringing') ingested = gms.ingest(call.data);
    });
    const call = phone.ringIn(number, await routeToAgent(id));
    stop();
    expect(ingested?.id).to.equal(id);
    expect(gms.getInteraction(id)?.callId).to.equal(call.id);
    await gms.accept(id);
    await phone.hangUp(call.id);
    await waitUntil(() => state(id) === 'ended', `ended (${state(id)})`);
  });
});

describe('GmsCallbackAdapter: who or what ended the call', function () {
  this.timeout(20_000);

  it('records the contact, the agent, the agent’s browser, the network or the phone system, with the phone’s reason', async () => {
    const phone = new SimulatedContactCenter({ latencyMs: 0 });
    const gms = (await gmsAdapter({ telephony: phone })).adapter;
    try {
      const id = await createOnServer({ _customer_number: freshNumber(), firstname: 'Ana' });
      const call = phone.ringIn('+12025550123', await routeToAgent(id));
      await gms.accept(id);
      const connected = gms.getInteraction(id)!;
      expect(connected.state).to.equal('connected');
      const ended = (changes: Partial<CallInfo>) => eventsForCall(connected, { ...phone.getCall(call.id)!, state: 'ended', ...changes });
      expect(ended({ endedBy: 'remote' })).to.deep.equal([{ type: 'hang-up', by: 'contact' }]);
      expect(ended({ endedBy: 'local' })).to.deep.equal([{ type: 'hang-up', by: 'agent' }]);
      expect(ended({ endedBy: 'local', endReason: 'media-failed', endDetail: 'setup attribute' })).to.deep.equal([
        { type: 'hang-up', by: 'phone', reason: 'setup attribute' },
      ]);
      expect(ended({ endedBy: 'remote', endReason: 'connection-lost' })).to.deep.equal([{ type: 'hang-up', by: 'network' }]);
      expect(ended({ endedBy: 'remote', endReason: 'proxy', endDetail: '408 Session timer expired' })).to.deep.equal([
        { type: 'hang-up', by: 'service', reason: '408 Session timer expired' },
      ]);
    } finally {
      gms.dispose();
      phone.dispose();
    }
  });
});

import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { TelephonyAdapter } from '../adapters/telephony-adapter.js';
import type { Interaction, InteractionState } from '../model/interaction.js';
import type { ContractHarness } from './harness.js';
import { waitUntil } from './helpers.js';
import { suiteApi, type TestRunner } from './runner.js';

/** A callback adapter and the telephony adapter its calls go through, as an agent desktop wires them. */
export interface LinkedHarness extends ContractHarness {
  callbacks: CallbackAdapter;
  /** The `telephonyAdapter` the elements would be given: the callback adapter itself when it is one. */
  telephony: TelephonyAdapter;
  /** The phone underneath (the same as `telephony` when the callback adapter is not one). */
  phone: TelephonyAdapter;
  /** A number whose far end answers, and the longest it takes. */
  answers: string;
  maxRingMs: number;
  /** A voice callback routed to the agent; resolves with the offer once the callback adapter published it. */
  offerVoice(): Promise<Interaction>;
  /** A web callback (agent preview) offered to the agent. */
  offerWeb(): Promise<Interaction>;
  /** The far end hangs up the call. */
  hangUpRemotely(callId: string): Promise<void>;
}

export type MakeLinkedHarness = () => LinkedHarness | Promise<LinkedHarness>;

/**
 * What an agent does with a callback, whichever callback adapter and phone carry it: the
 * interaction follows its call through every state, whether the call actions go through the
 * `telephonyAdapter` the elements are given or straight to the phone underneath (its own buttons,
 * or a page that gave the elements the raw phone), and whoever ends the call.
 */
export function runLinkedContract(runner: TestRunner, name: string, makeHarness: MakeLinkedHarness): void {
  const { describe, it, beforeEach, afterEach, expect } = suiteApi(runner);
  describe(`Linked contract (callback adapter + telephony adapter): ${name}`, () => {
    let h: LinkedHarness;
    beforeEach(async () => {
      h = await makeHarness();
      if (h.phone.status() !== 'registered') await h.phone.register();
    });
    afterEach(async () => {
      await h.dispose();
    });

    const state = (id: string) => h.callbacks.getInteraction(id)?.state;
    const reaches = async (id: string, expected: InteractionState, step: string) => {
      await waitUntil(() => state(id) === expected, () => `${step}: ${expected} expected, ${state(id)} found`, 5_000);
    };
    const callOf = (id: string) => {
      const callId = h.callbacks.getInteraction(id)?.callId;
      expect(callId, 'the interaction carries its call').to.be.a('string');
      return callId!;
    };
    const kinds = (id: string) =>
      h.callbacks.getInteraction(id)!.history.map((e) => (e.kind === 'hang-up' ? `hang-up:${e.by}` : e.kind));

    for (const through of ['telephony', 'phone'] as const) {
      const act = () => (through === 'telephony' ? h.telephony : h.phone);
      const label = through === 'telephony' ? 'the telephony adapter the elements use' : 'the phone underneath';

      it(`web callback, through ${label}: Call → dialing → connected → held → resumed → ended → done`, async () => {
        const offered = await h.offerWeb();
        expect(offered.state).to.equal('offered');
        await h.callbacks.accept(offered.id);
        expect(state(offered.id)).to.equal('ready-to-call');
        const call = await act().dial({ number: h.answers, interactionId: offered.id });
        await reaches(offered.id, 'dialing', 'Call');
        expect(callOf(offered.id)).to.equal(call.id);
        await h.advance(h.maxRingMs);
        await reaches(offered.id, 'connected', 'the contact answers');
        await act().hold(call.id);
        await reaches(offered.id, 'held', 'Hold');
        await act().resume(call.id);
        await reaches(offered.id, 'connected', 'Resume');
        await act().hangUp(call.id);
        // A web callback's call ended: the preview is ready to call again, or to be marked done.
        await reaches(offered.id, 'ready-to-call', 'End call');
        expect(kinds(offered.id)).to.deep.equal(['accepted', 'dial', 'hold', 'resume', 'hang-up:agent']);
        expect(h.callbacks.getInteraction(offered.id)!.attempts.at(-1)?.result).to.equal('connected');
        expect((await h.callbacks.markDone(offered.id)).state).to.equal('done');
      });

      it(`voice callback, through ${label}: offered → accepted → held → resumed → ended → done`, async () => {
        const offered = await h.offerVoice();
        expect(offered).to.include({ state: 'offered', channel: 'voice' });
        await h.callbacks.accept(offered.id);
        await reaches(offered.id, 'connected', 'Accept');
        const callId = callOf(offered.id);
        expect(h.phone.getCall(callId)?.state, 'Accept answered the call').to.equal('connected');
        await act().hold(callId);
        await reaches(offered.id, 'held', 'Hold');
        await act().resume(callId);
        await reaches(offered.id, 'connected', 'Resume');
        await act().hangUp(callId);
        await reaches(offered.id, 'ended', 'End call');
        expect(kinds(offered.id)).to.deep.equal(['accepted', 'hold', 'resume', 'hang-up:agent']);
        expect((await h.callbacks.markDone(offered.id)).state).to.equal('done');
      });
    }

    it('the contact hanging up while held ends the interaction, told as the contact', async () => {
      const offered = await h.offerVoice();
      await h.callbacks.accept(offered.id);
      const callId = callOf(offered.id);
      await h.phone.hold(callId);
      await reaches(offered.id, 'held', 'Hold');
      await h.hangUpRemotely(callId);
      await reaches(offered.id, 'ended', 'the contact hangs up');
      expect(kinds(offered.id).at(-1)).to.equal('hang-up:contact');
    });
  }, { timeoutMs: 20_000 });
}

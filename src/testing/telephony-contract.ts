import type { CallInfo, RegistrationStatus } from '../adapters/telephony-adapter.js';
import type { TelephonyHarness } from './harness.js';
import { lastFor, recordEmitted, rejectionOf } from './helpers.js';
import { suiteApi, type TestRunner } from './runner.js';

export type MakeTelephonyHarness = () => TelephonyHarness | Promise<TelephonyHarness>;

/**
 * What every TelephonyAdapter does: it registers, rings, dials, holds, sends digits, hangs up,
 * transfers, consults and conferences, and the far end of each call notices.
 */
export function runTelephonyContract(runner: TestRunner, name: string, makeHarness: MakeTelephonyHarness): void {
  const { describe, it, beforeEach, afterEach, expect, skip } = suiteApi(runner);
  describe(`TelephonyAdapter contract: ${name}`, () => {
    let h: TelephonyHarness;
    let calls: { values: CallInfo[]; stop: () => void };
    beforeEach(async () => {
      h = await makeHarness();
      if (h.adapter.status() !== 'registered') await h.adapter.register();
      calls = recordEmitted<CallInfo>((l) => h.adapter.onCall(l));
    });
    afterEach(async () => {
      calls.stop();
      await h.dispose();
    });

    /** An answered outbound call. */
    const connectedCall = async (): Promise<CallInfo> => {
      const call = await h.adapter.dial({ number: h.numbers.answers });
      await h.advance(h.maxRingMs);
      expect(h.adapter.getCall(call.id)?.state).to.equal('connected');
      return h.adapter.getCall(call.id)!;
    };

    describe('registration', () => {
      it('unregisters and registers again, reporting each status', async () => {
        const statuses = recordEmitted<RegistrationStatus>((l) => h.adapter.onStatus(l));
        await h.adapter.unregister();
        expect(h.adapter.status()).to.equal('offline');
        await h.adapter.register();
        expect(h.adapter.status()).to.equal('registered');
        expect(statuses.values.at(0)).to.equal('offline');
        expect(statuses.values.at(-1)).to.equal('registered');
        expect(statuses.values.slice(1)).to.include('connecting');
      });

      it('stops reporting status to an unsubscribed listener', async () => {
        const statuses = recordEmitted<RegistrationStatus>((l) => h.adapter.onStatus(l));
        statuses.stop();
        await h.adapter.unregister();
        await h.adapter.register();
        expect(statuses.values).to.deep.equal([]);
      });
    });

    describe('inbound calls', () => {
      it('rings, then answering connects both ends', async () => {
        const ringing = await h.ringIn();
        expect(ringing).to.include({ direction: 'inbound', state: 'ringing' });
        expect(lastFor(calls.values, ringing.id)?.state).to.equal('ringing');
        const answered = await h.adapter.answer(ringing.id);
        expect(answered.state).to.equal('connected');
        expect(lastFor(calls.values, ringing.id)?.state).to.equal('connected');
        expect((await h.farEnd(ringing.id)).connected).to.equal(true);
      });

      it('declining ends the ringing call', async () => {
        const ringing = await h.ringIn();
        await h.adapter.decline(ringing.id);
        expect(lastFor(calls.values, ringing.id)).to.include({ state: 'ended', endedBy: 'local' });
        expect((await h.farEnd(ringing.id)).connected).to.equal(false);
        await rejectionOf(h.adapter.answer(ringing.id), 'invalid-state');
      });

      it('refuses to answer an unknown call', async () => {
        await rejectionOf(h.adapter.answer('no-such-call'), 'not-found');
        await rejectionOf(h.adapter.hangUp('no-such-call'), 'not-found');
      });
    });

    describe('dialing', () => {
      it('dials, and the far end answers', async () => {
        const call = await h.adapter.dial({ number: h.numbers.answers });
        expect(call).to.include({ direction: 'outbound', state: 'dialing' });
        await h.advance(h.maxRingMs);
        expect(lastFor(calls.values, call.id)?.state).to.equal('connected');
        expect((await h.farEnd(call.id)).connected).to.equal(true);
      });

      it('reports a busy line as the dial result', async () => {
        const call = await h.adapter.dial({ number: h.numbers.busy });
        await h.advance(h.maxRingMs);
        expect(lastFor(calls.values, call.id)).to.include({ state: 'ended', dialResult: 'busy', endedBy: 'remote' });
      });

      it('reports no answer as the dial result', async () => {
        const call = await h.adapter.dial({ number: h.numbers.noAnswer });
        await h.advance(h.maxRingMs);
        expect(lastFor(calls.values, call.id)).to.include({ state: 'ended', dialResult: 'no-answer' });
      });

      it('refuses an invalid number without calling', async () => {
        await rejectionOf(h.adapter.dial({ number: h.numbers.invalid }), 'invalid-input');
        await rejectionOf(h.adapter.dial({ number: 'call me maybe' }), 'invalid-input');
        expect(calls.values).to.deep.equal([]);
      });

      it('hanging up while dialing cancels the call', async () => {
        const call = await h.adapter.dial({ number: h.numbers.answers });
        await h.adapter.hangUp(call.id);
        expect(lastFor(calls.values, call.id)).to.include({ state: 'ended', endedBy: 'local' });
        await h.advance(h.maxRingMs);
        expect(h.adapter.getCall(call.id)?.state).to.equal('ended');
      });
    });

    describe('in call', () => {
      it('holds and resumes; the far end hears the hold', async () => {
        const call = await connectedCall();
        expect((await h.adapter.hold(call.id)).state).to.equal('held');
        expect((await h.farEnd(call.id)).held).to.equal(true);
        await rejectionOf(h.adapter.hold(call.id), 'invalid-state');
        expect((await h.adapter.resume(call.id)).state).to.equal('connected');
        expect((await h.farEnd(call.id)).held).to.equal(false);
        await rejectionOf(h.adapter.resume(call.id), 'invalid-state');
      });

      it('sends DTMF digits the far end receives', async () => {
        const call = await connectedCall();
        await h.adapter.sendDtmf(call.id, '12');
        await h.adapter.sendDtmf(call.id, '#');
        expect((await h.farEnd(call.id)).digits).to.equal('12#');
        await rejectionOf(h.adapter.sendDtmf(call.id, '9x'), 'invalid-input');
        await h.adapter.hold(call.id);
        await rejectionOf(h.adapter.sendDtmf(call.id, '5'), 'invalid-state');
        expect((await h.farEnd(call.id)).digits).to.equal('12#');
      });

      it('hangs up; the call cannot be hung up twice', async () => {
        const call = await connectedCall();
        await h.adapter.hangUp(call.id);
        expect(lastFor(calls.values, call.id)).to.include({ state: 'ended', endedBy: 'local' });
        expect((await h.farEnd(call.id)).connected).to.equal(false);
        await rejectionOf(h.adapter.hangUp(call.id), 'invalid-state');
        await rejectionOf(h.adapter.hold(call.id), 'invalid-state');
      });

      it('reports the far end hanging up', async () => {
        const call = await connectedCall();
        await h.hangUpRemotely(call.id);
        expect(lastFor(calls.values, call.id)).to.include({ state: 'ended', endedBy: 'remote' });
      });

      it('blind transfer hands the far end to the target and ends our call', async () => {
        const call = await connectedCall();
        await h.adapter.blindTransfer(call.id, h.targets.answers);
        expect(lastFor(calls.values, call.id)?.state).to.equal('ended');
        expect((await h.farEnd(call.id)).transferredTo).to.equal(h.targets.answers.address);
      });

      it('instant conference brings the target into the call', async () => {
        const call = await connectedCall();
        const result = await h.adapter.conference(call.id, h.targets.answers);
        expect(result.state).to.equal('connected');
        expect((await h.farEnd(call.id)).joined).to.include(h.targets.answers.address);
      });

      it('mutes and unmutes the agent: the far end stops hearing them, the call goes on (capability mute)', async () => {
        if (!h.adapter.telephonyCapabilities.mute || !h.adapter.mute) skip('the adapter does not offer mute');
        const call = await connectedCall();
        const muted = await h.adapter.mute!(call.id, true);
        expect(muted).to.include({ state: 'connected', muted: true });
        expect(lastFor(calls.values, call.id)?.muted, 'published').to.equal(true);
        const silent = await h.farEnd(call.id);
        if (silent.hearsAgent !== undefined) expect(silent.hearsAgent, 'the far end hears the agent while muted').to.equal(false);
        expect((await h.adapter.mute!(call.id, true)).muted, 'muting again changes nothing').to.equal(true);
        // Held while muted, resumed: still muted.
        await h.adapter.hold(call.id);
        expect((await h.adapter.resume(call.id)).muted).to.equal(true);
        const unmuted = await h.adapter.mute!(call.id, false);
        expect(unmuted).to.include({ state: 'connected', muted: false });
        expect(lastFor(calls.values, call.id)?.muted).to.equal(false);
        const back = await h.farEnd(call.id);
        expect(back.connected).to.equal(true);
        if (back.hearsAgent !== undefined) expect(back.hearsAgent, 'the far end hears the agent again').to.equal(true);
        await h.adapter.hangUp(call.id);
        await rejectionOf(h.adapter.mute!(call.id, true), 'invalid-state');
        await rejectionOf(h.adapter.mute!('no-such-call', true), 'not-found');
      });

      it('removes one party from a conference; the customer and the agent stay (capability removeParticipant)', async () => {
        if (!h.adapter.telephonyCapabilities.removeParticipant || !h.adapter.removeParticipant) skip('the adapter does not offer removeParticipant');
        const call = await connectedCall();
        await h.adapter.conference(call.id, h.targets.answers);
        expect(h.adapter.getCall(call.id)?.participants ?? []).to.include(h.targets.answers.address);
        const result = await h.adapter.removeParticipant!(call.id, h.targets.answers);
        expect(result.state).to.equal('connected');
        expect(result.participants ?? []).not.to.include(h.targets.answers.address);
        expect(lastFor(calls.values, call.id)?.participants ?? []).not.to.include(h.targets.answers.address);
        const far = await h.farEnd(call.id);
        expect(far.connected, 'the customer still hears the agent').to.equal(true);
        expect(far.joined).not.to.include(h.targets.answers.address);
        await rejectionOf(h.adapter.removeParticipant!(call.id, h.targets.answers), 'not-found');
      });

      it('the agent leaves a conference; the customer stays with the others (capability leaveConference)', async () => {
        if (!h.adapter.telephonyCapabilities.leaveConference || !h.adapter.leaveConference) skip('the adapter does not offer leaveConference');
        const call = await connectedCall();
        await rejectionOf(h.adapter.leaveConference!(call.id), 'invalid-state');
        await h.adapter.conference(call.id, h.targets.answers);
        await h.adapter.leaveConference!(call.id);
        expect(lastFor(calls.values, call.id)).to.include({ state: 'ended', endedBy: 'local' });
        const far = await h.farEnd(call.id);
        expect(far.connected, 'the customer is still on the conference').to.equal(true);
        expect(far.joined).to.include(h.targets.answers.address);
      });
    });

    describe('consultation', () => {
      const consulting = async () => {
        const call = await connectedCall();
        const pending = h.adapter.startConsultation(call.id, h.targets.answers);
        await h.advance(h.maxRingMs);
        const consultation = await pending;
        return { call, consultation };
      };

      it('holds the customer and connects the target', async () => {
        const { call, consultation } = await consulting();
        expect(consultation.state).to.equal('connected');
        expect(consultation.id).not.to.equal(call.id);
        expect(h.adapter.getCall(call.id)?.state).to.equal('held');
        expect((await h.farEnd(call.id)).held).to.equal(true);
        await rejectionOf(h.adapter.resume(call.id), 'invalid-state');
      });

      it('completes a transfer: both our calls end, the customer reaches the target', async () => {
        const { call, consultation } = await consulting();
        await h.adapter.completeTransfer(call.id, consultation.id);
        expect(h.adapter.getCall(call.id)?.state).to.equal('ended');
        expect(h.adapter.getCall(consultation.id)?.state).to.equal('ended');
        expect((await h.farEnd(call.id)).transferredTo).to.equal(h.targets.answers.address);
      });

      it('completes a conference: the customer is back and the target joined', async () => {
        const { call, consultation } = await consulting();
        const result = await h.adapter.completeConference(call.id, consultation.id);
        expect(result.state).to.equal('connected');
        const far = await h.farEnd(call.id);
        expect(far.held).to.equal(false);
        expect(far.joined).to.include(h.targets.answers.address);
      });

      it('ending the consultation returns to the customer', async () => {
        const { call, consultation } = await consulting();
        const result = await h.adapter.endConsultation(call.id, consultation.id);
        expect(result.state).to.equal('connected');
        expect(h.adapter.getCall(consultation.id)?.state).to.equal('ended');
        expect((await h.farEnd(call.id)).held).to.equal(false);
      });

      // Each far-end check of a real phone listens for a while: 90 s for this one.
      it('alternates between the customer and the consulted party (capability alternate)', async () => {
        if (!h.adapter.telephonyCapabilities.alternate || !h.adapter.alternate) skip('the adapter does not offer alternate');
        const { call, consultation } = await consulting();
        const toCustomer = await h.adapter.alternate!(call.id, consultation.id);
        expect(toCustomer.state).to.equal('connected');
        expect(h.adapter.getCall(consultation.id)?.state).to.equal('held');
        expect(lastFor(calls.values, consultation.id)?.state, 'published').to.equal('held');
        expect((await h.farEnd(call.id)).held, 'the customer is back').to.equal(false);
        expect((await h.farEnd(consultation.id)).held, 'the consulted party waits').to.equal(true);
        const toTarget = await h.adapter.alternate!(call.id, consultation.id);
        expect(toTarget.state).to.equal('held');
        expect(h.adapter.getCall(consultation.id)?.state).to.equal('connected');
        expect((await h.farEnd(call.id)).held, 'the customer waits again').to.equal(true);
        await rejectionOf(h.adapter.alternate!(call.id, call.id), 'invalid-state');
      }, { timeoutMs: 90_000 });

      it('after Alternate, the consultation completes as a conference from either side', async () => {
        if (!h.adapter.telephonyCapabilities.alternate || !h.adapter.alternate) skip('the adapter does not offer alternate');
        const { call, consultation } = await consulting();
        await h.adapter.alternate!(call.id, consultation.id);
        const result = await h.adapter.completeConference(call.id, consultation.id);
        expect(result.state).to.equal('connected');
        const far = await h.farEnd(call.id);
        expect(far.held).to.equal(false);
        expect(far.joined).to.include(h.targets.answers.address);
      });

      it('after Alternate, ending the consultation leaves the customer connected', async () => {
        if (!h.adapter.telephonyCapabilities.alternate || !h.adapter.alternate) skip('the adapter does not offer alternate');
        const { call, consultation } = await consulting();
        await h.adapter.alternate!(call.id, consultation.id);
        const result = await h.adapter.endConsultation(call.id, consultation.id);
        expect(result.state).to.equal('connected');
        expect(h.adapter.getCall(consultation.id)?.state).to.equal('ended');
        expect((await h.farEnd(call.id)).held).to.equal(false);
      });

      it('a target who declines fails the consultation; the customer stays held', async () => {
        const call = await connectedCall();
        const pending = h.adapter.startConsultation(call.id, h.targets.declines);
        const settled = rejectionOf(pending, 'target-declined');
        await h.advance(h.maxRingMs);
        await settled;
        expect(h.adapter.getCall(call.id)?.state).to.equal('held');
        expect((await h.adapter.resume(call.id)).state).to.equal('connected');
      });

      it('refuses to complete a transfer before the target answers', async () => {
        const call = await connectedCall();
        const pending = h.adapter.startConsultation(call.id, h.targets.answers);
        // Catch now: the ring is cut short below.
        const settled = pending.then(
          () => 'answered',
          () => 'failed',
        );
        await h.advance(0);
        const consultation = calls.values.find((c) => c.id !== call.id && c.direction === 'outbound');
        expect(consultation, 'the consultation call is published while it rings').to.not.equal(undefined);
        await rejectionOf(h.adapter.completeTransfer(call.id, consultation!.id), 'invalid-state');
        await h.adapter.endConsultation(call.id, consultation!.id);
        expect(await settled).to.equal('failed');
        expect(h.adapter.getCall(call.id)?.state).to.equal('connected');
      });

      it('aborting the wait for the target cancels the consultation', async () => {
        const call = await connectedCall();
        const controller = new AbortController();
        const pending = h.adapter.startConsultation(call.id, h.targets.answers, { signal: controller.signal });
        const settled = rejectionOf(pending, 'aborted');
        await h.advance(0);
        controller.abort();
        await settled;
        await h.advance(h.maxRingMs);
        expect(h.adapter.getCall(call.id)?.state).to.equal('connected');
      });

      it('cancelled at once, while the customer is being put on hold: no consultation, the customer back', async () => {
        const call = await connectedCall();
        const before = new Set(calls.values.map((c) => c.id));
        const controller = new AbortController();
        const pending = h.adapter.startConsultation(call.id, h.targets.answers, { signal: controller.signal });
        controller.abort();
        await rejectionOf(pending, 'aborted');
        await h.advance(h.maxRingMs);
        expect(h.adapter.getCall(call.id)?.state).to.equal('connected');
        const placed = calls.values.filter((c) => !before.has(c.id) && c.consultationOf === call.id);
        expect(placed.every((c) => c.state === 'ended'), 'no consultation call left up').to.equal(true);
        expect((await h.farEnd(call.id)).held, 'the customer is not left on hold').to.equal(false);
      });
    });

    it('an unsubscribed call listener hears nothing more', async () => {
      const stopped = recordEmitted<CallInfo>((l) => h.adapter.onCall(l));
      stopped.stop();
      await h.ringIn();
      expect(stopped.values).to.deep.equal([]);
      expect(calls.values).to.have.length.greaterThan(0);
    });
  });
}

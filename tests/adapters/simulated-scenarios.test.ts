import { expect } from '@open-wc/testing';
import {
  SAMPLE_CONTACTS,
  SAMPLE_NUMBERS,
  SCENARIOS,
  SCENARIO_NAMES,
  type RoutingLogEntry,
} from '../../src/adapters/simulated/index.js';
import type { CallInfo } from '../../src/adapters/telephony-adapter.js';
import type { Interaction } from '../../src/model/interaction.js';
import { validatePhoneNumber } from '../../src/model/validation.js';
import { recordEmitted } from '../helpers/events.js';
import { rejectionOf } from '../helpers/wait.js';
import { simulated } from './simulated-harness.js';

const ana = { kind: 'agent' as const, id: 'agent-ana-ruiz', name: 'Ana Ruiz' };

describe('SimulatedContactCenter scenarios', () => {
  let sim: ReturnType<typeof simulated>;
  let calls: { values: CallInfo[] };
  beforeEach(() => {
    sim = simulated();
    calls = recordEmitted<CallInfo>((l) => sim.cc.onCall(l));
  });
  afterEach(() => sim.cc.dispose());

  describe('sample data', () => {
    it('every sample number is a valid phone number, and the invalid one is not', async () => {
      for (const contact of SAMPLE_CONTACTS) {
        expect((await validatePhoneNumber(contact.phone)).ok, contact.phone).to.equal(true);
        if (contact.sms) expect((await validatePhoneNumber(contact.sms)).ok, contact.sms).to.equal(true);
      }
      for (const [name, number] of Object.entries(SAMPLE_NUMBERS)) {
        expect((await validatePhoneNumber(number)).ok, name).to.equal(name !== 'invalid');
      }
    });

    it('every scenario offers on its channel with a valid number and a real time zone', async () => {
      for (const name of SCENARIO_NAMES) {
        const offered = await sim.cc.offer(name);
        expect(offered.channel, name).to.equal(SCENARIOS[name].channel);
        expect(offered.state, name).to.equal('offered');
        expect((await validatePhoneNumber(offered.contact.phone)).ok, name).to.equal(true);
        expect(() => new Intl.DateTimeFormat('en', { timeZone: offered.contact.timeZone }), name).not.to.throw();
        expect(offered.caseData.length, name).to.be.greaterThan(0);
      }
      expect(sim.cc.listInteractions()).to.have.length(SCENARIO_NAMES.length);
    });
  });

  describe('voice', () => {
    it('immediate: arrives with a ringing call carrying the callback data; accept answers it', async () => {
      const offered = await sim.cc.offer('immediate');
      expect(offered.desiredTime).to.equal(sim.clock.now() - 6 * 60_000);
      const call = sim.cc.getCall(offered.callId!)!;
      expect(call).to.include({ direction: 'inbound', state: 'ringing', interactionId: offered.id, remote: offered.contact.phone });
      expect(call.data?.GMS_Customer_Number).to.equal(offered.contact.phone);
      expect(call.data?.firstname).to.equal('Margaret');
      const accepted = await sim.cc.accept(offered.id);
      expect(accepted).to.include({ state: 'connected', callId: call.id });
      expect(accepted.connectedAt).to.equal(sim.clock.now());
      expect(sim.cc.getCall(call.id)?.state).to.equal('connected');
    });

    it('the offer and its call can each be looked up from the other\'s listener', async () => {
      const seen: string[] = [];
      sim.cc.onOffer((i) => seen.push(`offer→call ${sim.cc.getCall(i.callId!)?.state}`));
      sim.cc.onCall((c) => seen.push(`call→offer ${sim.cc.getInteraction(c.interactionId!)?.state}`));
      await sim.cc.offer('immediate');
      expect(seen).to.deep.equal(['offer→call ringing', 'call→offer offered']);
    });

    it('delayed and scheduled carry the desired time; preview waits 30 s', async () => {
      expect((await sim.cc.offer('delayed')).desiredTime).to.equal(sim.clock.now());
      expect(await sim.cc.offer('scheduled')).to.include({ callbackType: 'scheduled', desiredTime: sim.clock.now() });
      const preview = await sim.cc.offer('preview');
      expect(preview.callbackType).to.equal('preview');
      expect(preview.offer.expiresAt - preview.offer.offeredAt).to.equal(30_000);
    });

    it('answering the ringing call accepts the offer; declining it rejects', async () => {
      const first = await sim.cc.offer('immediate');
      await sim.cc.answer(first.callId!);
      expect(sim.cc.getInteraction(first.id)?.state).to.equal('connected');
      const second = await sim.cc.offer('delayed');
      await sim.cc.decline(second.callId!);
      expect(sim.cc.getInteraction(second.id)?.state).to.equal('rejected');
      expect(sim.cc.getCall(second.callId!)).to.include({ state: 'ended', endedBy: 'local' });
    });

    it('customer-hangs-up: the customer ends the call 15 s after it connects', async () => {
      const offered = await sim.cc.offer('customer-hangs-up');
      await sim.cc.accept(offered.id);
      await sim.advance(14_000);
      expect(sim.cc.getInteraction(offered.id)?.state).to.equal('connected');
      await sim.advance(1_000);
      const ended = sim.cc.getInteraction(offered.id)!;
      expect(ended.state).to.equal('ended');
      expect(ended.history.at(-1)).to.include({ kind: 'hang-up', by: 'contact' });
      expect(sim.cc.getCall(offered.callId!)).to.include({ state: 'ended', endedBy: 'remote' });
      expect((await sim.cc.markDone(offered.id)).state).to.equal('done');
    });

    it('offer-times-out: back to routing after 8 s, the call stops ringing', async () => {
      const routing = recordEmitted<RoutingLogEntry>((l) => sim.cc.onRouting(l));
      const offered = await sim.cc.offer('offer-times-out');
      await sim.advance(7_999);
      expect(sim.cc.getInteraction(offered.id)?.state).to.equal('offered');
      await sim.advance(1);
      expect(sim.cc.getInteraction(offered.id)?.state).to.equal('expired');
      expect(sim.cc.getCall(offered.callId!)?.state).to.equal('ended');
      expect(routing.values).to.deep.equal([
        { at: sim.clock.now(), interactionId: offered.id, kind: 'back-to-routing', reason: 'expired' },
      ]);
      expect(sim.cc.routingLog).to.deep.equal(routing.values);
    });

    it('rejecting goes back to routing too', async () => {
      const offered = await sim.cc.offer('immediate');
      await sim.cc.reject(offered.id);
      expect(sim.cc.routingLog.at(-1)).to.include({ interactionId: offered.id, kind: 'back-to-routing', reason: 'rejected' });
    });

    it('no-reject: rejecting, declining and hanging up the offer are refused', async () => {
      const offered = await sim.cc.offer('no-reject');
      expect(offered.offer.canReject).to.equal(false);
      await rejectionOf(sim.cc.reject(offered.id), 'not-permitted');
      await rejectionOf(sim.cc.decline(offered.callId!), 'not-permitted');
      await rejectionOf(sim.cc.hangUp(offered.callId!), 'not-permitted');
      expect(sim.cc.getInteraction(offered.id)?.state).to.equal('offered');
      expect(sim.cc.getCall(offered.callId!)?.state).to.equal('ringing');
      expect(sim.cc.routingLog).to.deep.equal([]);
    });

    it('a caller who gives up while the offer rings cancels the callback', async () => {
      const offered = await sim.cc.offer('immediate');
      sim.cc.hangUpRemotely(offered.callId!);
      expect(sim.cc.getInteraction(offered.id)?.state).to.equal('revoked');
      expect(sim.cc.routingLog.at(-1)).to.include({ interactionId: offered.id, kind: 'cancelled-by-customer' });
    });

    it('consultation-declined: any target declines on this call', async () => {
      const offered = await sim.cc.offer('consultation-declined');
      await sim.cc.accept(offered.id);
      const pending = rejectionOf(sim.cc.startConsultation(offered.callId!, ana), 'target-declined');
      await sim.advance(0);
      expect(sim.cc.getInteraction(offered.id)?.consultation).to.deep.include({ state: 'dialing' });
      await sim.advance(4_000);
      await pending;
      const after = sim.cc.getInteraction(offered.id)!;
      expect(after.state).to.equal('held');
      expect(after.consultation).to.equal(undefined);
      expect(after.history.at(-1)).to.deep.include({ kind: 'consultation-ended', outcome: 'declined' });
      expect((await sim.cc.resume(offered.callId!)).state).to.equal('connected');
    });
  });

  describe('web callback', () => {
    const acceptWeb = async (name: Parameters<typeof sim.cc.offer>[0]) =>
      sim.cc.accept((await sim.cc.offer(name)).id);

    it('web-callback: accept opens it, Call dials, the contact answers after 4 s, hang-up returns to ready', async () => {
      const interaction = await acceptWeb('web-callback');
      expect(interaction.state).to.equal('ready-to-call');
      expect(interaction.callId).to.equal(undefined);
      const call = await sim.cc.dial({ number: '+1 416-555-0123', interactionId: interaction.id });
      expect(call).to.include({ state: 'dialing', direction: 'outbound', remote: '+14165550123', interactionId: interaction.id });
      const dialing = sim.cc.getInteraction(interaction.id)!;
      expect(dialing).to.include({ state: 'dialing', callId: call.id });
      expect(dialing.history.at(-1)).to.include({ kind: 'dial', number: '+14165550123' });
      await sim.advance(3_999);
      expect(sim.cc.getInteraction(interaction.id)?.state).to.equal('dialing');
      await sim.advance(1);
      const connected = sim.cc.getInteraction(interaction.id)!;
      expect(connected.state).to.equal('connected');
      expect(connected.attempts.map((a) => a.result)).to.deep.equal(['connected']);
      await sim.cc.hangUp(call.id);
      expect(sim.cc.getInteraction(interaction.id)?.state).to.equal('ready-to-call');
      expect((await sim.cc.markDone(interaction.id)).state).to.equal('done');
    });

    it('web-callback-no-answer-first: rings out once, then answers', async () => {
      const interaction = await acceptWeb('web-callback-no-answer-first');
      const first = await sim.cc.dial({ number: interaction.contact.phone, interactionId: interaction.id });
      await sim.advance(20_000);
      expect(sim.cc.getCall(first.id)).to.include({ state: 'ended', dialResult: 'no-answer' });
      const afterFirst = sim.cc.getInteraction(interaction.id)!;
      expect(afterFirst.state).to.equal('ready-to-call');
      expect(afterFirst.attempts.map((a) => a.result)).to.deep.equal(['no-answer']);
      await sim.cc.dial({ number: interaction.contact.phone, interactionId: interaction.id });
      await sim.advance(5_000);
      const second = sim.cc.getInteraction(interaction.id)!;
      expect(second.state).to.equal('connected');
      expect(second.attempts.map((a) => a.result)).to.deep.equal(['no-answer', 'connected']);
    });

    it('busy: every attempt is busy; the agent reschedules', async () => {
      const interaction = await acceptWeb('busy');
      for (let attempt = 0; attempt < 2; attempt++) {
        await sim.cc.dial({ number: interaction.contact.phone, interactionId: interaction.id });
        await sim.advance(1_500);
      }
      const after = sim.cc.getInteraction(interaction.id)!;
      expect(after.attempts.map((a) => a.result)).to.deep.equal(['busy', 'busy']);
      const time = sim.clock.now() + 60 * 60_000;
      const rescheduled = await sim.cc.reschedule(interaction.id, { time, reason: 'busy' });
      expect(rescheduled.history.at(-1)).to.include({ kind: 'rescheduled', time, reason: 'busy' });
    });

    it('answering-machine: the attempt ends with that result', async () => {
      const interaction = await acceptWeb('answering-machine');
      await sim.cc.dial({ number: interaction.contact.phone, interactionId: interaction.id });
      await sim.advance(6_000);
      expect(sim.cc.getInteraction(interaction.id)?.attempts.at(-1)?.result).to.equal('answering-machine');
    });

    it('refuses to dial an invalid number, or before the offer is accepted', async () => {
      const offered = await sim.cc.offer('web-callback');
      await rejectionOf(sim.cc.dial({ number: offered.contact.phone, interactionId: offered.id }), 'invalid-state');
      await sim.cc.accept(offered.id);
      await rejectionOf(sim.cc.dial({ number: SAMPLE_NUMBERS.invalid, interactionId: offered.id }), 'invalid-input');
      expect(sim.cc.getInteraction(offered.id)).to.include({ state: 'ready-to-call' });
      expect(calls.values).to.deep.equal([]);
      const voice = await sim.cc.accept((await sim.cc.offer('immediate')).id);
      await sim.cc.hangUp(voice.callId!);
      await rejectionOf(sim.cc.dial({ number: voice.contact.phone, interactionId: voice.id }), 'invalid-state');
    });

    it('hanging up while dialing records a cancelled attempt and stops the ring', async () => {
      const interaction = await acceptWeb('web-callback');
      const call = await sim.cc.dial({ number: interaction.contact.phone, interactionId: interaction.id });
      await sim.cc.hangUp(call.id);
      await sim.advance(10_000);
      const after = sim.cc.getInteraction(interaction.id)!;
      expect(after.state).to.equal('ready-to-call');
      expect(after.attempts.map((a) => a.result)).to.deep.equal(['cancelled']);
      expect(sim.cc.getCall(call.id)).to.include({ state: 'ended', dialResult: 'cancelled' });
    });

    it('hostile-data: untrusted text comes through exactly as typed', async () => {
      const offered = await sim.cc.offer('hostile-data');
      expect(offered.subject).to.equal('<img src=x onerror=alert(1)>');
      expect(offered.contact.name).to.contain('<img src=x onerror=alert(1)>');
      expect(offered.instructions).to.contain('<script>');
      expect(offered.caseData.map((f) => f.key)).to.include('<b>key</b>');
      expect(offered.caseData.find((f) => f.key === 'rtl')?.value).to.equal('\u202Egnp.exe');
    });
  });

  describe('ready state', () => {
    it('offers wait while the agent is not ready on the channel, and arrive when they are', async () => {
      const offers = recordEmitted<Interaction>((l) => sim.cc.onOffer(l));
      await sim.cc.setReadyState('voice', 'not-ready');
      const waiting = await sim.cc.offer('immediate');
      const web = await sim.cc.offer('web-callback');
      expect(offers.values.map((i) => i.id)).to.deep.equal([web.id]);
      expect(sim.cc.getInteraction(waiting.id)).to.equal(undefined);
      expect(sim.cc.routingLog.at(-1)).to.include({ interactionId: waiting.id, kind: 'waiting-for-agent', channel: 'voice' });
      await sim.advance(60_000);
      await sim.cc.setReadyState('voice', 'ready');
      expect(offers.values.map((i) => i.id)).to.deep.equal([web.id, waiting.id]);
      const delivered = sim.cc.getInteraction(waiting.id)!;
      expect(delivered.state).to.equal('offered');
      expect(delivered.offer.offeredAt).to.equal(sim.clock.now());
    });
  });
});

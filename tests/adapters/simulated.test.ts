import { expect } from '@open-wc/testing';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { RegistrationStatus } from '../../src/adapters/telephony-adapter.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction, InteractionState } from '../../src/model/interaction.js';
import { transition, type InteractionEvent } from '../../src/model/state-machine.js';
import { runCallbackContract } from './contract/callback-contract.js';
import { runDirectoryContract } from './contract/directory-contract.js';
import { recordEmitted } from '../helpers/events.js';
import { runTelephonyContract } from './contract/telephony-contract.js';
import { callbackHarness, directoryHarness, simulated, telephonyHarness } from './simulated-harness.js';
import { macrotask, rejectionOf } from '../helpers/wait.js';

runCallbackContract('SimulatedContactCenter', callbackHarness);
runTelephonyContract('SimulatedContactCenter', telephonyHarness);
runDirectoryContract('SimulatedContactCenter', directoryHarness);

const HOUR = 60 * 60_000;
const target = { kind: 'agent' as const, id: 'agent-ana-ruiz', name: 'Ana Ruiz' };

/** One of each event the model knows, to find which one explains a published change. */
const ANY_EVENT: readonly InteractionEvent[] = [
  { type: 'accept' },
  { type: 'reject' },
  { type: 'expire' },
  { type: 'revoke' },
  { type: 'dial', number: '+10000000000' },
  { type: 'answered' },
  { type: 'dial-failed', result: 'busy' },
  { type: 'hold' },
  { type: 'resume' },
  { type: 'hang-up', by: 'agent' },
  { type: 'transfer', target },
  { type: 'conference', target },
  { type: 'consult-start', target },
  { type: 'consult-answered' },
  { type: 'consult-failed', outcome: 'declined' },
  { type: 'consult-end' },
  { type: 'consult-transfer' },
  { type: 'consult-conference' },
  { type: 'done' },
];

function stateReachable(from: Interaction, to: InteractionState): boolean {
  return ANY_EVENT.some((event) => {
    try {
      return transition(from, event, 0).state === to;
    } catch {
      return false;
    }
  });
}

describe('SimulatedContactCenter', () => {
  describe('timing', () => {
    it('answers asynchronously even without latency', async () => {
      const { cc } = simulated();
      const offered = await cc.offer('web-callback');
      let settled = false;
      const pending = cc.accept(offered.id).then(() => (settled = true));
      expect(settled).to.equal(false);
      expect(cc.getInteraction(offered.id)?.state).to.equal('offered');
      await pending;
      expect(settled).to.equal(true);
      cc.dispose();
    });

    it('waits for the latency on the injected clock', async () => {
      const clock = new ManualClock();
      const cc = new SimulatedContactCenter({ clock, latencyMs: 250 });
      const offered = await cc.offer('web-callback');
      let settled = false;
      void cc.accept(offered.id).then(() => (settled = true));
      clock.advance(249);
      await macrotask();
      expect(settled).to.equal(false);
      expect(cc.getInteraction(offered.id)?.state).to.equal('offered');
      clock.advance(1);
      await macrotask();
      expect(settled).to.equal(true);
      expect(cc.getInteraction(offered.id)?.state).to.equal('ready-to-call');
      cc.dispose();
    });

    it('an abort during the round trip changes nothing, even later', async () => {
      const clock = new ManualClock();
      const cc = new SimulatedContactCenter({ clock, latencyMs: 250 });
      const offered = await cc.offer('web-callback');
      const controller = new AbortController();
      const pending = rejectionOf(cc.accept(offered.id, { signal: controller.signal }), 'aborted');
      clock.advance(100);
      controller.abort();
      await pending;
      clock.advance(1_000);
      await macrotask();
      expect(cc.getInteraction(offered.id)?.state).to.equal('offered');
      expect(clock.pendingTimers).to.equal(1); // only the offer's expiry
      cc.dispose();
    });

    it('leaves no timer behind after a finished interaction, and none after dispose', async () => {
      const { cc, clock, advance } = simulated();
      const offered = await cc.offer('web-callback');
      await cc.accept(offered.id);
      await cc.dial({ number: offered.contact.phone, interactionId: offered.id });
      await advance(5_000);
      await cc.hangUp(offered.callId ?? cc.getInteraction(offered.id)!.callId!);
      await cc.markDone(offered.id);
      expect(clock.pendingTimers).to.equal(0);
      await cc.offer('customer-hangs-up');
      await cc.offer('offer-times-out');
      expect(clock.pendingTimers).to.be.greaterThan(0);
      cc.dispose();
      expect(clock.pendingTimers).to.equal(0);
    });
  });

  describe('the model decides', () => {
    it('every published state change is one transition() allows, with a new object each time', async () => {
      const { cc, advance } = simulated();
      const published = recordEmitted<Interaction>((l) => cc.onInteraction(l));
      const voice = await cc.accept((await cc.offer('immediate')).id);
      await cc.hold(voice.callId!);
      await cc.resume(voice.callId!);
      const consulting = cc.startConsultation(voice.callId!, target);
      await advance(3_000);
      const consultation = await consulting;
      await cc.completeConference(voice.callId!, consultation.id);
      await cc.hangUp(voice.callId!);
      await cc.markDone(voice.id, { disposition: { code: 'RES-INFO', label: '' } });
      const web = await cc.accept((await cc.offer('web-callback-no-answer-first')).id);
      await cc.dial({ number: web.contact.phone, interactionId: web.id });
      await advance(20_000);
      await cc.offer('offer-times-out');
      await advance(8_000);

      const previous = new Map<string, Interaction>();
      for (const next of published.values) {
        const before = previous.get(next.id);
        if (before) {
          expect(next, 'a new object').not.to.equal(before);
          if (before.state !== next.state) {
            expect(stateReachable(before, next.state), `${before.state} → ${next.state}`).to.equal(true);
          }
          expect(next.history.slice(0, before.history.length)).to.deep.equal(before.history);
        }
        previous.set(next.id, next);
      }
      expect(new Set(published.values.map((i) => i.state))).to.include.all.keys(
        'offered', 'connected', 'held', 'ended', 'done', 'ready-to-call', 'dialing', 'expired',
      );
      cc.dispose();
    });

    it('the label of a disposition comes from the backend tree', async () => {
      const { cc } = simulated();
      const interaction = await cc.accept((await cc.offer('web-callback')).id);
      const result = await cc.setDisposition(interaction.id, { code: 'NR-BUSY', label: 'whatever the UI said' });
      expect(result.disposition).to.deep.equal({ code: 'NR-BUSY', label: 'Busy' });
      await rejectionOf(cc.setDisposition(interaction.id, { code: 'folder:resolved', label: 'Resolved' }), 'invalid-input');
      cc.dispose();
    });
  });

  describe('rescheduling into availability', () => {
    it('publishes half-hour slots in office hours, and fills them as callbacks are booked', async () => {
      const { cc, clock } = simulated();
      const interaction = await cc.accept((await cc.offer('web-callback')).id);
      const slots = await cc.availability(interaction.id, { from: clock.now(), to: clock.now() + 24 * HOUR });
      expect(slots.length).to.be.greaterThan(0);
      for (const slot of slots) {
        expect(slot.end - slot.start).to.equal(HOUR / 2);
        const hour = new Date(slot.start).getUTCHours();
        expect(hour).to.be.within(8, 19);
      }
      expect(slots.some((s) => s.capacity === 0)).to.equal(true);
      const open = slots.find((s) => s.capacity > 0 && s.start > clock.now())!;
      // Each web callback scheduled for another time is closed: one more callback a booking.
      for (let i = 0; i < open.capacity; i++) {
        const another = await cc.accept((await cc.offer('web-callback')).id);
        await cc.reschedule(another.id, { time: open.start + 60_000 });
      }
      const error = await rejectionOf(cc.reschedule(interaction.id, { time: open.start + 60_000 }), 'time-unavailable');
      expect((error.detail.alternatives as { start: number }[]).map((s) => s.start)).not.to.include(open.start);
      await rejectionOf(
        cc.availability(interaction.id, { from: clock.now(), to: clock.now() - 1 }),
        'invalid-input',
      );
      cc.dispose();
    });

    it('validates a new number when rescheduling on one', async () => {
      const { cc, clock } = simulated();
      const interaction = await cc.accept((await cc.offer('busy')).id);
      const time = clock.now() + HOUR;
      await rejectionOf(cc.reschedule(interaction.id, { time, number: 'nope' }), 'invalid-input');
      const result = await cc.reschedule(interaction.id, { time, number: '+44 20 7946 0777' });
      expect(result.history.at(-1)).to.include({ kind: 'rescheduled', number: '+442079460777' });
      cc.dispose();
    });
  });

  describe('faults', () => {
    it('failNext rejects the next call with the code and changes nothing', async () => {
      const { cc } = simulated();
      const offered = await cc.offer('web-callback');
      cc.failNext('accept', 'network');
      const error = await rejectionOf(cc.accept(offered.id), 'network');
      expect(error.retryable).to.equal(true);
      expect(cc.getInteraction(offered.id)?.state).to.equal('offered');
      expect((await cc.accept(offered.id)).state).to.equal('ready-to-call');
      cc.dispose();
    });

    it('fails as many times as asked, with the message given, for that operation only', async () => {
      const { cc } = simulated();
      cc.failNext('searchTargets', 'service-unavailable', { times: 2, message: 'Directory down' });
      const first = await rejectionOf(cc.searchTargets({ text: 'ana' }), 'service-unavailable');
      expect(first.message).to.equal('Directory down');
      expect(await cc.searchResponses({})).to.have.length.greaterThan(0);
      await rejectionOf(cc.searchTargets({ text: 'ana' }), 'service-unavailable');
      expect(await cc.searchTargets({ text: 'ana' })).to.have.length.greaterThan(0);
      cc.failNext('dial', 'timeout');
      cc.clearFaults('dial');
      expect((await cc.dial({ number: '+442079460123' })).state).to.equal('dialing');
      cc.dispose();
    });

    it('offline: the phone reconnects, then gives up; every command rejects offline until it is back', async () => {
      const { cc, advance } = simulated({ reconnectTimeoutMs: 5_000 });
      const statuses = recordEmitted<RegistrationStatus>((l) => cc.onStatus(l));
      const offered = await cc.offer('web-callback');
      cc.setOffline(true);
      expect(cc.status()).to.equal('reconnecting');
      await rejectionOf(cc.accept(offered.id), 'offline');
      await rejectionOf(cc.getContact('contact-margaret-chen'), 'offline');
      await rejectionOf(cc.dial({ number: '+442079460123' }), 'offline');
      await advance(5_000);
      expect(cc.status()).to.equal('offline');
      cc.setOffline(false);
      expect(cc.status()).to.equal('registered');
      expect(statuses.values).to.deep.equal(['reconnecting', 'offline', 'registered']);
      expect((await cc.accept(offered.id)).state).to.equal('ready-to-call');
      cc.dispose();
    });

    it('a failed registration leaves the phone failed', async () => {
      const { cc } = simulated({ registered: false });
      expect(cc.status()).to.equal('offline');
      await rejectionOf(cc.dial({ number: '+442079460123' }), 'offline');
      cc.failNext('register', 'network');
      await rejectionOf(cc.register(), 'network');
      expect(cc.status()).to.equal('failed');
      await cc.register();
      expect(cc.status()).to.equal('registered');
      cc.dispose();
    });
  });

  describe('capabilities', () => {
    it('are all on by default', () => {
      const cc = new SimulatedContactCenter({ clock: new ManualClock() });
      expect(Object.values(cc.capabilities).every(Boolean)).to.equal(true);
      expect(Object.values(cc.telephonyCapabilities).every(Boolean)).to.equal(true);
      expect(cc.callbackCapabilities).to.deep.equal({ availability: true, duplicateLookup: true, reschedule: true });
    });

    it('one turned off is reported and refused with not-supported', async () => {
      const { cc } = simulated({ capabilities: { hold: false, reschedule: false, consultation: false } });
      expect(cc.telephonyCapabilities.hold).to.equal(false);
      expect(cc.telephonyCapabilities.dtmf).to.equal(true);
      expect(cc.callbackCapabilities.reschedule).to.equal(false);
      const interaction = await cc.accept((await cc.offer('immediate')).id);
      await rejectionOf(cc.hold(interaction.callId!), 'not-supported');
      await rejectionOf(cc.startConsultation(interaction.callId!, target), 'not-supported');
      await rejectionOf(cc.reschedule(interaction.id, { time: cc.clock.now() + HOUR }), 'not-supported');
      expect(cc.getCall(interaction.callId!)?.state).to.equal('connected');
      cc.dispose();
    });

    it('without availability or duplicate lookup, those calls are refused', async () => {
      const { cc } = simulated({ callbackCapabilities: { availability: false, duplicateLookup: false } });
      const offered = await cc.offer('web-callback');
      await rejectionOf(cc.availability(offered.id, { from: 0, to: 1 }), 'not-supported');
      await rejectionOf(cc.findOpenByNumber(offered.contact.phone), 'not-supported');
      cc.dispose();
    });
  });
});

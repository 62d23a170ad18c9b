import { expect, waitUntil } from '@open-wc/testing';
import { PhoneCallbackAdapter, type PhoneCallbackAdapterOptions } from '../../src/adapters/phone/index.js';
import { SAMPLE_NUMBERS, SAMPLE_TARGET_IDS, SAMPLE_TARGETS } from '../../src/adapters/simulated/directory-data.js';
import { DIAL_TIMING } from '../../src/adapters/simulated/behaviour.js';
import type { TargetRef } from '../../src/model/interaction.js';
import { runCallbackContract } from './contract/callback-contract.js';
import { rejectionOf } from '../helpers/wait.js';
import { runLinkedContract } from './contract/linked-contract.js';
import { runTelephonyContract } from './contract/telephony-contract.js';
import { control, createOnServer, freshNumber, gmsAdapter, KNOWN_DISPOSITION, routeToAgent } from './gms-harness.js';
import { simulated } from './simulated-harness.js';

const MAX_RING_MS = DIAL_TIMING.noAnswerAfterMs + 1_000;
let n = 0;

/** The phone adapter over the simulated phone, both on one manual clock. */
function phoneOverSimulated(options: Partial<PhoneCallbackAdapterOptions> = {}) {
  const sim = simulated();
  const adapter = new PhoneCallbackAdapter({ telephony: sim.cc, clock: sim.clock, ...options });
  return {
    ...sim,
    adapter,
    dispose() {
      adapter.dispose();
      sim.cc.dispose();
    },
  };
}

// The phone adapter is a telephony adapter too: the one the elements are given.
runTelephonyContract('PhoneCallbackAdapter over the simulated phone', () => {
  const { adapter, cc, clock, advance, dispose } = phoneOverSimulated();
  const target = (id: string): TargetRef & { address: string } => {
    const found = SAMPLE_TARGETS.find((t) => t.id === id)!;
    return { kind: found.kind, id: found.id, name: found.name, address: found.address! };
  };
  return {
    adapter,
    numbers: { answers: SAMPLE_NUMBERS.answers, busy: SAMPLE_NUMBERS.busy, noAnswer: SAMPLE_NUMBERS.noAnswer, invalid: SAMPLE_NUMBERS.invalid },
    targets: { answers: target(SAMPLE_TARGET_IDS.answers), declines: target(SAMPLE_TARGET_IDS.declines) },
    maxRingMs: MAX_RING_MS,
    now: () => clock.now(),
    advance,
    ringIn: async () => cc.ringIn(),
    hangUpRemotely: async (callId) => cc.hangUpRemotely(callId),
    farEnd: async (callId) => cc.farEnd(callId),
    dispose,
  };
});

// With GMS as its callback service: callbacks arrive as calls (or are ingested), GMS keeps their times.
runCallbackContract('PhoneCallbackAdapter over the simulated phone, rescheduling through GMS', async (config = {}) => {
  const { adapter: gms, clock: gmsClock } = await gmsAdapter();
  const { adapter, cc, advance, dispose } = phoneOverSimulated({
    scheduler: gms,
    dispositions: [KNOWN_DISPOSITION],
    dispositionMandatory: config.dispositionMandatory ?? false,
    // GMS and the phone adapter keep one time (the simulated phone's clock rings its calls).
    clock: gmsClock,
  });
  return {
    adapter,
    knownDisposition: KNOWN_DISPOSITION,
    now: () => gmsClock.now(),
    async advance(ms) {
      await advance(ms);
      gmsClock.advance(ms);
      await control('time', { now: gmsClock.now() });
    },
    async offer(channel, options = {}) {
      const number = freshNumber();
      const id = await createOnServer({ _customer_number: number, firstname: 'Margaret', lastname: 'Chen' });
      const data = await routeToAgent(id, {
        preview: channel === 'web-callback',
        ...(options.expiresInMs === undefined ? {} : { previewTimeoutSeconds: options.expiresInMs / 1000 }),
        ...(options.canReject === undefined ? {} : { allowReject: options.canReject }),
      });
      if (channel === 'web-callback') return adapter.ingest(data);
      cc.ringIn(number, data);
      return adapter.getInteraction(id)!;
    },
    async dispose() {
      dispose();
      gms.dispose();
      await control('time', {});
    },
  };
});

runLinkedContract('PhoneCallbackAdapter over the simulated phone', () => {
  const { adapter, cc, clock, advance, dispose } = phoneOverSimulated();
  return {
    callbacks: adapter,
    telephony: adapter,
    phone: cc,
    answers: SAMPLE_NUMBERS.answers,
    maxRingMs: MAX_RING_MS,
    now: () => clock.now(),
    advance,
    async offerVoice() {
      const call = cc.ringIn('+442079460555', { _CB_SERVICE_ID: `cb-voice-${++n}`, firstname: 'Ana' });
      return adapter.getInteraction(adapter.listInteractions().find((i) => i.callId === call.id)!.id)!;
    },
    offerWeb: async () =>
      adapter.ingest({ _CB_SERVICE_ID: `cb-web-${++n}`, GMS_Customer_Number: SAMPLE_NUMBERS.answers, _agent_preview: 'true' }),
    hangUpRemotely: async (callId) => cc.hangUpRemotely(callId),
    dispose,
  };
});

describe('PhoneCallbackAdapter: what is done on the phone itself reaches the interaction', () => {
  let setup: ReturnType<typeof phoneOverSimulated>;
  beforeEach(() => {
    setup = phoneOverSimulated();
  });
  afterEach(() => setup.dispose());

  async function connected() {
    const call = setup.cc.ringIn('+442079460555', { _CB_SERVICE_ID: `cb-raw-${++n}` });
    const id = setup.adapter.listInteractions().find((i) => i.callId === call.id)!.id;
    await setup.adapter.accept(id);
    return { id, callId: call.id };
  }
  const state = (id: string) => setup.adapter.getInteraction(id)?.state;

  // Issue 18: with the raw phone as the elements' telephonyAdapter, Hold left the call held and the
  // interaction connected (the adapter followed only what went through its own wrapper).
  it('Hold and Resume on the raw phone hold and resume the interaction', async () => {
    const { id, callId } = await connected();
    await setup.cc.hold(callId);
    expect(state(id)).to.equal('held');
    await setup.cc.resume(callId);
    expect(state(id)).to.equal('connected');
    expect(setup.adapter.getInteraction(id)!.history.map((e) => e.kind)).to.deep.equal(['accepted', 'hold', 'resume']);
  });

  it('End call on the raw phone ends the interaction as the agent’s hang-up, and Mark done closes it', async () => {
    const { id, callId } = await connected();
    await setup.cc.hangUp(callId);
    expect(state(id)).to.equal('ended');
    expect(setup.adapter.getInteraction(id)!.history.at(-1)).to.deep.include({ kind: 'hang-up', by: 'agent' });
    expect((await setup.adapter.markDone(id)).state).to.equal('done');
  });

  it('a call answered on the raw phone accepts its offer; mute on the raw phone is followed', async () => {
    const call = setup.cc.ringIn('+442079460555', { _CB_SERVICE_ID: `cb-raw-${++n}` });
    const id = setup.adapter.listInteractions().find((i) => i.callId === call.id)!.id;
    await setup.cc.answer(call.id);
    expect(state(id)).to.equal('connected');
    await setup.cc.mute(call.id, true);
    expect(setup.adapter.getInteraction(id)?.muted).to.equal(true);
  });

  it('a web callback dialled on the raw phone with its id is followed: dialing, connected, ready to call again', async () => {
    const offer = setup.adapter.ingest({ _CB_SERVICE_ID: `cb-web-raw-${++n}`, GMS_Customer_Number: SAMPLE_NUMBERS.answers, _agent_preview: 'true' });
    await setup.adapter.accept(offer.id);
    const call = await setup.cc.dial({ number: SAMPLE_NUMBERS.answers, interactionId: offer.id });
    expect(setup.adapter.getInteraction(offer.id)).to.include({ state: 'dialing', callId: call.id });
    await setup.advance(MAX_RING_MS);
    expect(state(offer.id)).to.equal('connected');
    await setup.cc.hangUp(call.id);
    expect(state(offer.id)).to.equal('ready-to-call');
  });

  it('through its own wrapper, a transfer is still recorded as the transfer, not as the agent hanging up', async () => {
    const { id, callId } = await connected();
    const target = SAMPLE_TARGETS.find((t) => t.id === SAMPLE_TARGET_IDS.answers)!;
    await setup.adapter.blindTransfer(callId, { kind: target.kind, id: target.id, name: target.name, address: target.address! });
    expect(state(id)).to.equal('ended');
    expect(setup.adapter.getInteraction(id)!.history.map((e) => e.kind)).to.deep.equal(['accepted', 'transfer']);
  });
});

describe('PhoneCallbackAdapter: reschedule through a callback service', function () {
  this.timeout(20_000);

  it('without one, Reschedule and availability are not offered', async () => {
    const { adapter, dispose } = phoneOverSimulated();
    try {
      expect(adapter.callbackCapabilities).to.deep.equal({ reschedule: false, availability: false, duplicateLookup: false });
      const offer = adapter.ingest({ _CB_SERVICE_ID: `cb-none-${++n}`, GMS_Customer_Number: '+442079460123', _agent_preview: 'true' });
      await adapter.accept(offer.id);
      await rejectionOf(adapter.reschedule(offer.id, { time: Date.now() + 86_400_000 }), 'not-supported');
      await rejectionOf(adapter.availability(offer.id, { from: 0, to: 1 }), 'not-supported');
      expect(await adapter.findOpenByNumber('+442079460123')).to.deep.equal([]);
    } finally {
      dispose();
    }
  });

  it('a callback that arrived as a call is rescheduled at GMS, and the interaction records it', async () => {
    const { adapter: gms } = await gmsAdapter();
    const { adapter, cc, dispose } = phoneOverSimulated({ scheduler: gms });
    try {
      const number = freshNumber();
      const id = await createOnServer({ _customer_number: number });
      cc.ringIn(number, await routeToAgent(id, { preview: true }));
      expect(adapter.callbackCapabilities).to.deep.equal(gms.callbackCapabilities);
      await adapter.accept(id);
      const slots = await adapter.availability(id, { from: Date.now(), to: Date.now() + 7 * 86_400_000 });
      const slot = slots.find((s) => s.capacity > 0 && s.start > Date.now() + 60_000)!;
      const done = await adapter.reschedule(id, { time: slot.start, reason: 'requested' });
      expect(done.history.at(-1)).to.deep.include({ kind: 'rescheduled', time: slot.start, reason: 'requested' });
      const record = await gms.findById(id);
      expect(new Date(record._desired_time!).getTime()).to.equal(slot.start);
      await waitUntil(() => adapter.getInteraction(id)?.desiredTime === slot.start, 'recorded');
    } finally {
      dispose();
      gms.dispose();
    }
  });
});

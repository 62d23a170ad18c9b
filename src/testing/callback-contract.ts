import type { Interaction } from '../model/interaction.js';
import type { CallbackHarness, CallbackHarnessConfig } from './harness.js';
import { lastFor, recordEmitted, rejectionOf } from './helpers.js';
import { suiteApi, type ContractExpect, type TestRunner } from './runner.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type MakeCallbackHarness = (config?: CallbackHarnessConfig) => CallbackHarness | Promise<CallbackHarness>;

/**
 * What every CallbackAdapter does, whatever the backend: offers reach subscribers, the agent's
 * answers change the interaction or are refused with a stable code, and time moves offers on.
 */
export function runCallbackContract(runner: TestRunner, name: string, makeHarness: MakeCallbackHarness): void {
  const { describe, it, beforeEach, afterEach, expect } = suiteApi(runner);
  describe(`CallbackAdapter contract: ${name}`, () => {
    let h: CallbackHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe('offers', () => {
      it('delivers a voice offer to offer and interaction subscribers', async () => {
        const offers = recordEmitted<Interaction>((l) => h.adapter.onOffer(l));
        const changes = recordEmitted<Interaction>((l) => h.adapter.onInteraction(l));
        const offered = await h.offer('voice');
        expect(offered.state).to.equal('offered');
        expect(offered.channel).to.equal('voice');
        expect(offers.values.map((i) => i.id)).to.deep.equal([offered.id]);
        expect(lastFor(changes.values, offered.id)?.state).to.equal('offered');
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('offered');
        expect(h.adapter.listInteractions().map((i) => i.id)).to.include(offered.id);
      });

      it('delivers a web callback offer with its offer times', async () => {
        const offered = await h.offer('web-callback');
        expect(offered.channel).to.equal('web-callback');
        expect(offered.offer.expiresAt).to.be.greaterThan(offered.offer.offeredAt);
        expect(h.adapter.getInteraction(offered.id)?.offer.expiresAt).to.equal(offered.offer.expiresAt);
      });

      it('knows nothing of an unknown id', async () => {
        expect(h.adapter.getInteraction('no-such-interaction')).to.equal(undefined);
        await rejectionOf(h.adapter.accept('no-such-interaction'), 'not-found');
        await rejectionOf(h.adapter.reject('no-such-interaction'), 'not-found');
        await rejectionOf(h.adapter.markDone('no-such-interaction'), 'not-found');
        await rejectionOf(h.adapter.addNote('no-such-interaction', 'x'), 'not-found');
        await rejectionOf(h.adapter.setDisposition('no-such-interaction', h.knownDisposition), 'not-found');
        if (h.adapter.callbackCapabilities.reschedule) {
          await rejectionOf(h.adapter.reschedule('no-such-interaction', { time: h.now() + DAY }), 'not-found');
        }
      });
    });

    describe('accept and reject', () => {
      it('accepting a voice offer connects it and publishes the change', async () => {
        const offered = await h.offer('voice');
        const changes = recordEmitted<Interaction>((l) => h.adapter.onInteraction(l));
        const accepted = await h.adapter.accept(offered.id);
        expect(accepted.state).to.equal('connected');
        expect(accepted.history.map((e) => e.kind)).to.include('accepted');
        expect(lastFor(changes.values, offered.id)?.state).to.equal('connected');
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('connected');
      });

      it('accepting a web callback opens it ready to call', async () => {
        const offered = await h.offer('web-callback');
        const accepted = await h.adapter.accept(offered.id);
        expect(accepted.state).to.equal('ready-to-call');
        expect(h.adapter.listInteractions().map((i) => i.id)).to.include(offered.id);
      });

      it('refuses a second accept with invalid-state and stays accepted', async () => {
        const offered = await h.offer('voice');
        await h.adapter.accept(offered.id);
        await rejectionOf(h.adapter.accept(offered.id), 'invalid-state');
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('connected');
      });

      it('rejecting sends the offer away', async () => {
        const offered = await h.offer('voice');
        const changes = recordEmitted<Interaction>((l) => h.adapter.onInteraction(l));
        const rejected = await h.adapter.reject(offered.id);
        expect(rejected.state).to.equal('rejected');
        expect(lastFor(changes.values, offered.id)?.state).to.equal('rejected');
        expect(h.adapter.listInteractions().map((i) => i.id)).not.to.include(offered.id);
        await rejectionOf(h.adapter.accept(offered.id), 'invalid-state');
      });

      it('refuses to reject an accepted interaction', async () => {
        const offered = await h.offer('web-callback');
        await h.adapter.accept(offered.id);
        await rejectionOf(h.adapter.reject(offered.id), 'invalid-state');
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('ready-to-call');
      });

      it('refuses to reject an offer that may not be rejected', async () => {
        const offered = await h.offer('voice', { canReject: false });
        expect(offered.offer.canReject).to.equal(false);
        await rejectionOf(h.adapter.reject(offered.id), 'not-permitted');
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('offered');
      });
    });

    describe('expiry', () => {
      it('an offer left alone expires at its time and leaves the agent', async () => {
        const offered = await h.offer('voice', { expiresInMs: 5_000 });
        const changes = recordEmitted<Interaction>((l) => h.adapter.onInteraction(l));
        await h.advance(4_000);
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('offered');
        expect(changes.values).to.have.length(0);
        await h.advance(1_500);
        expect(lastFor(changes.values, offered.id)?.state).to.equal('expired');
        expect(h.adapter.listInteractions().map((i) => i.id)).not.to.include(offered.id);
        await rejectionOf(h.adapter.accept(offered.id), 'invalid-state');
      });

      it('an accepted interaction does not expire', async () => {
        const offered = await h.offer('web-callback', { expiresInMs: 5_000 });
        await h.adapter.accept(offered.id);
        await h.advance(10_000);
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('ready-to-call');
      });
    });

    describe('reschedule', () => {
      const accepted = async () => {
        const offered = await h.offer('web-callback');
        return h.adapter.accept(offered.id);
      };

      it('moves the callback to an open slot', async () => {
        const interaction = await accepted();
        const time = await openTime(expect, h, interaction.id);
        const changes = recordEmitted<Interaction>((l) => h.adapter.onInteraction(l));
        const result = await h.adapter.reschedule(interaction.id, { time, reason: 'requested' });
        expect(result.desiredTime).to.equal(time);
        expect(result.history.at(-1)).to.include({ kind: 'rescheduled', time });
        expect(lastFor(changes.values, interaction.id)?.desiredTime).to.equal(time);
      });

      it('refuses a time in the past with invalid-input and changes nothing', async () => {
        const interaction = await accepted();
        await rejectionOf(h.adapter.reschedule(interaction.id, { time: h.now() - MINUTE }), 'invalid-input');
        expect(h.adapter.getInteraction(interaction.id)?.desiredTime).to.equal(interaction.desiredTime);
      });

      it('refuses a time outside availability with time-unavailable and alternatives', async () => {
        const interaction = await accepted();
        if (!h.adapter.callbackCapabilities.availability) {
          await rejectionOf(h.adapter.availability(interaction.id, { from: h.now(), to: h.now() + DAY }), 'not-supported');
          return;
        }
        const time = await closedTime(h, interaction.id);
        const error = await rejectionOf(h.adapter.reschedule(interaction.id, { time }), 'time-unavailable');
        const alternatives = error.detail.alternatives as { start: number; end: number; capacity: number }[];
        expect(alternatives).to.be.an('array').with.length.greaterThan(0);
        for (const slot of alternatives) expect(slot.capacity).to.be.greaterThan(0);
        expect(h.adapter.getInteraction(interaction.id)?.desiredTime).to.equal(interaction.desiredTime);
      });

      it('refuses to reschedule an offer that was not accepted', async () => {
        const offered = await h.offer('web-callback');
        await rejectionOf(h.adapter.reschedule(offered.id, { time: h.now() + DAY }), 'invalid-state');
      });
    });

    describe('disposition, notes, done', () => {
      const accepted = async () => h.adapter.accept((await h.offer('web-callback')).id);

      it('sets a known disposition code', async () => {
        const interaction = await accepted();
        const result = await h.adapter.setDisposition(interaction.id, h.knownDisposition);
        expect(result.disposition?.code).to.equal(h.knownDisposition.code);
        expect(h.adapter.getInteraction(interaction.id)?.disposition?.code).to.equal(h.knownDisposition.code);
      });

      it('refuses an unknown disposition code and keeps the previous one', async () => {
        const interaction = await accepted();
        await h.adapter.setDisposition(interaction.id, h.knownDisposition);
        await rejectionOf(
          h.adapter.setDisposition(interaction.id, { code: 'NO-SUCH-CODE', label: 'Nothing' }),
          'invalid-input',
        );
        expect(h.adapter.getInteraction(interaction.id)?.disposition?.code).to.equal(h.knownDisposition.code);
      });

      it('adds a note to the history; refuses an empty one', async () => {
        const interaction = await accepted();
        const result = await h.adapter.addNote(interaction.id, 'Customer prefers e-mail.');
        expect(result.history.at(-1)).to.include({ kind: 'note', text: 'Customer prefers e-mail.' });
        await rejectionOf(h.adapter.addNote(interaction.id, '   '), 'invalid-input');
      });

      it('marks done once; the interaction leaves the list', async () => {
        const interaction = await accepted();
        const done = await h.adapter.markDone(interaction.id, { note: 'Closed after preview.' });
        expect(done.state).to.equal('done');
        expect(done.history.map((e) => e.kind)).to.include.members(['note', 'done']);
        expect(h.adapter.listInteractions().map((i) => i.id)).not.to.include(interaction.id);
        await rejectionOf(h.adapter.markDone(interaction.id), 'invalid-state');
      });

      it('refuses to mark an offer done', async () => {
        const offered = await h.offer('web-callback');
        await rejectionOf(h.adapter.markDone(offered.id), 'invalid-state');
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('offered');
      });

      it('with a mandatory disposition, refuses done without one and accepts it with one', async () => {
        const strict = await makeHarness({ dispositionMandatory: true });
        try {
          const interaction = await strict.adapter.accept((await strict.offer('web-callback')).id);
          await rejectionOf(strict.adapter.markDone(interaction.id), 'invalid-input');
          expect(strict.adapter.getInteraction(interaction.id)?.state).to.equal('ready-to-call');
          await rejectionOf(
            strict.adapter.markDone(interaction.id, { disposition: { code: 'NO-SUCH-CODE', label: 'x' } }),
            'invalid-input',
          );
          const done = await strict.adapter.markDone(interaction.id, { disposition: strict.knownDisposition });
          expect(done.state).to.equal('done');
          expect(done.disposition?.code).to.equal(strict.knownDisposition.code);
        } finally {
          await strict.dispose();
        }
      });
    });

    describe('policy', () => {
      // Optional: an adapter without `policy` leaves the rules to the page. One that has it says
      // what it enforces, so the elements never offer what it refuses.
      it('publishes the mandatory disposition it enforces, and only then', async () => {
        if (h.adapter.policy) expect(h.adapter.policy.dispositionMandatory ?? false).to.equal(false);
        const strict = await makeHarness({ dispositionMandatory: true });
        try {
          if (strict.adapter.policy) expect(strict.adapter.policy.dispositionMandatory).to.equal(true);
          const stop = strict.adapter.onPolicy?.(() => undefined);
          if (stop) expect(stop).to.be.a('function');
          stop?.();
        } finally {
          await strict.dispose();
        }
      });
    });

    describe('subscriptions and cancellation', () => {
      it('an unsubscribed listener hears nothing more', async () => {
        const stopped = recordEmitted<Interaction>((l) => h.adapter.onInteraction(l));
        const stoppedOffers = recordEmitted<Interaction>((l) => h.adapter.onOffer(l));
        const kept = recordEmitted<Interaction>((l) => h.adapter.onInteraction(l));
        stopped.stop();
        stoppedOffers.stop();
        const offered = await h.offer('web-callback');
        await h.adapter.accept(offered.id);
        expect(stopped.values).to.have.length(0);
        expect(stoppedOffers.values).to.have.length(0);
        expect(kept.values.map((i) => i.state)).to.include.members(['offered', 'ready-to-call']);
      });

      it('an already aborted signal rejects with aborted and changes nothing', async () => {
        const offered = await h.offer('web-callback');
        const controller = new AbortController();
        controller.abort();
        await rejectionOf(h.adapter.accept(offered.id, { signal: controller.signal }), 'aborted');
        expect(h.adapter.getInteraction(offered.id)?.state).to.equal('offered');
        expect((await h.adapter.accept(offered.id)).state).to.equal('ready-to-call');
      });

      it('aborting while a command is in flight rejects it with aborted', async () => {
        const offered = await h.offer('web-callback');
        const controller = new AbortController();
        const pending = h.adapter.reject(offered.id, { signal: controller.signal });
        controller.abort();
        await rejectionOf(pending, 'aborted');
      });
    });

    describe('ready state', () => {
      it('changes per channel and tells subscribers', async () => {
        const changes = recordEmitted<[string, string]>((l) => h.adapter.onReadyState((channel, state) => l([channel, state])));
        await h.adapter.setReadyState('voice', 'ready');
        await h.adapter.setReadyState('voice', 'not-ready');
        expect(h.adapter.getReadyState('voice')).to.equal('not-ready');
        expect(changes.values.at(-1)).to.deep.equal(['voice', 'not-ready']);
        await h.adapter.setReadyState('web-callback', 'ready');
        expect(h.adapter.getReadyState('web-callback')).to.equal('ready');
        expect(h.adapter.getReadyState('voice')).to.equal('not-ready');
        await h.adapter.setReadyState('voice', 'ready');
        expect(changes.values.at(-1)).to.deep.equal(['voice', 'ready']);
      });
    });

    describe('duplicate lookup', () => {
      it('finds the open callback for a number', async () => {
        const offered = await h.offer('web-callback');
        if (!h.adapter.callbackCapabilities.duplicateLookup) {
          await rejectionOf(h.adapter.findOpenByNumber(offered.contact.phone), 'not-supported');
          return;
        }
        const found = await h.adapter.findOpenByNumber(offered.contact.phone);
        expect(found.map((i) => i.id)).to.include(offered.id);
        await h.adapter.markDone((await h.adapter.accept(offered.id)).id);
        const after = await h.adapter.findOpenByNumber(offered.contact.phone);
        expect(after.map((i) => i.id)).not.to.include(offered.id);
      });
    });
  });
}

/** A time inside an open availability slot, at least a minute ahead. */
async function openTime(expect: ContractExpect, h: CallbackHarness, id: string): Promise<number> {
  const earliest = h.now() + MINUTE;
  if (!h.adapter.callbackCapabilities.availability) return h.now() + DAY;
  const slots = await h.adapter.availability(id, { from: h.now(), to: h.now() + 7 * DAY });
  const slot = slots.find((s) => s.capacity > 0 && s.end > earliest + MINUTE);
  expect(slot, 'an open slot within a week').to.not.equal(undefined);
  return Math.max(slot!.start, earliest);
}

/** A time in the next week that no open slot covers. */
async function closedTime(h: CallbackHarness, id: string): Promise<number> {
  const from = h.now();
  const slots = (await h.adapter.availability(id, { from, to: from + 7 * DAY })).filter((s) => s.capacity > 0);
  for (let t = from + 30 * MINUTE; t < from + 7 * DAY; t += 15 * MINUTE) {
    if (!slots.some((s) => t >= s.start && t < s.end)) return t;
  }
  throw new Error('the backend has no closed time in the next week');
}

import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { ScenarioName } from '../../src/adapters/simulated/scenarios.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { settled, waitFor } from './wait.js';

/**
 * Shared by tests/elements/shift-release.{voice,web}.test.ts (one file a channel, so each stays
 * well inside the runner's time per file).
 *
 * A shift is long: every way an interaction leaves the agent releases what it held. 200 web and 200
 * voice callbacks are closed each way (the agent's own Done, done by the service, revoked,
 * expired, rescheduled then done, transferred away then done, rejected) through one desk, and the
 * page's DOM nodes and event listeners (the renderer's own counts, from the DevTools protocol) come
 * back to within 2 % of where they were after a warm-up, and the heap after forced GC grows by
 * less than 1 KB per closed callback. The simulated contact center forgets closed interactions
 * after its grace period, as the issue asks of every adapter, so the clock is advanced past it.
 */

interface Reading {
  heapUsed: number;
  jsEventListeners: number | null;
  nodes: number | null;
}
const memory = () => executeServerCommand<Reading, undefined>('bench-memory');

const EACH = 200;
const GRACE_MS = 5 * 60_000;

type Way = 'own-done' | 'service-done' | 'revoked' | 'expired' | 'rescheduled' | 'transferred' | 'rejected';
const WAYS: readonly Way[] = ['own-done', 'service-done', 'revoked', 'expired', 'rescheduled', 'transferred', 'rejected'];

async function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, offerTimeoutMs: 30_000 });
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    disposition-mode="list"
    .callbackAdapter=${cc}
    .telephonyAdapter=${cc}
    .directoryAdapter=${cc}
    .clock=${clock}
  ></callback-desk>`);
  return { clock, cc, desk };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const deskRoot = (s: Setup) => s.desk.shadowRoot!;
const notification = (s: Setup) => deskRoot(s).querySelector('callback-notification')!;
const windowFor = (s: Setup, id: string) =>
  deskRoot(s).querySelector(`#window-${CSS.escape(id)} > :is(interaction-window, callback-preview)`) as HTMLElement | null;
const actionButton = (s: Setup, id: string, action: string) =>
  windowFor(s, id)?.shadowRoot?.querySelector('call-actions')?.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;

/** Polls every millisecond: a slower poll would make the shift mostly waiting. */
const EVERY_MS = { interval: 1 };

async function offerShown(s: Setup, scenario: ScenarioName): Promise<Interaction> {
  const offer = await s.cc.offer(scenario);
  await settled(s.desk);
  await waitFor('offer shown', () => notification(s).offer?.id === offer.id && notification(s).shadowRoot!.querySelector('button.accept'), EVERY_MS);
  return offer;
}

/** Accepts in the UI, as the agent does, and waits for the window with its actions. */
async function acceptShown(s: Setup, offer: Interaction) {
  notification(s).shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
  await settled(s.desk);
  await waitFor('window open', () => actionButton(s, offer.id, 'mark-done'), EVERY_MS);
  await settled(s.desk);
}

/** Ends the call where there is one, so that Mark done applies. */
async function endCall(s: Setup, id: string) {
  const callId = s.cc.getInteraction(id)?.callId;
  if (callId && s.cc.getCall(callId)?.state !== 'ended') await s.cc.hangUp(callId);
  await settled(s.desk);
}

async function closeOne(s: Setup, scenario: ScenarioName, way: Way) {
  const offer = await offerShown(s, scenario);
  switch (way) {
    case 'rejected':
      notification(s).shadowRoot!.querySelector<HTMLButtonElement>('button.reject')!.click();
      break;
    case 'revoked':
      s.cc.revoke(offer.id);
      break;
    case 'expired':
      s.clock.advance(31_000);
      break;
    case 'own-done': {
      await acceptShown(s, offer);
      await endCall(s, offer.id);
      await waitFor('Done enabled', () => actionButton(s, offer.id, 'mark-done')?.getAttribute('aria-disabled') === 'false', EVERY_MS);
      actionButton(s, offer.id, 'mark-done')!.click();
      break;
    }
    case 'service-done':
      await acceptShown(s, offer);
      await endCall(s, offer.id);
      await s.cc.markDone(offer.id);
      break;
    case 'rescheduled': {
      await acceptShown(s, offer);
      const slots = await s.cc.availability(offer.id, { from: s.clock.now(), to: s.clock.now() + 7 * 86_400_000 });
      await s.cc.reschedule(offer.id, { time: slots.find((slot) => slot.capacity > 0 && slot.start > s.clock.now() + 60_000)!.start });
      // A web callback scheduled for another time is closed by it; a voice one is marked done after the call.
      if (s.cc.getInteraction(offer.id)?.state === 'done') break;
      await endCall(s, offer.id);
      await s.cc.markDone(offer.id);
      break;
    }
    case 'transferred': {
      await acceptShown(s, offer);
      let callId = s.cc.getInteraction(offer.id)!.callId;
      if (!callId) {
        await s.cc.dial({ number: offer.contact.phone, interactionId: offer.id });
        s.clock.advance(5_000);
        await settled(s.desk);
        callId = s.cc.getInteraction(offer.id)!.callId;
      }
      await s.cc.blindTransfer(callId!, { kind: 'agent', id: 'agent-ben-okafor', name: 'Ben Okafor', address: '4102' });
      await settled(s.desk);
      await s.cc.markDone(offer.id);
      break;
    }
  }
  await settled(s.desk);
  await waitFor(`${way}: ${offer.id} gone`, () => !windowFor(s, offer.id) && notification(s).offer?.id !== offer.id, EVERY_MS);
}

async function round(s: Setup, scenario: ScenarioName, count: number) {
  for (const way of WAYS) {
    for (let i = 0; i < count; i++) {
      await closeOne(s, scenario, way);
      // Realistic steps between callbacks, and past the adapters' grace period now and then.
      s.clock.advance(i % 20 === 19 ? GRACE_MS + 1_000 : 2_000);
    }
  }
  s.clock.advance(GRACE_MS + 1_000);
  await settled(s.desk);
}

/** The shift test for one channel: 200 callbacks closed each of the seven ways. */
export function shiftReleaseTest(channel: 'voice' | 'web-callback') {
  const scenario: ScenarioName = channel === 'voice' ? 'immediate' : 'web-callback';
  describe(`a shift of ${channel} callbacks: every way one leaves releases what it held`, function () {
    this.timeout(600_000);

    it(`${EACH} closed each way: nodes and listeners flat, heap under 1 KB a callback`, async () => {
      const s = await setup();
      await round(s, scenario, 20);
      const before = await memory();
      const timersBefore = s.clock.pendingTimers;
      await round(s, scenario, EACH);
      const after = await memory();
      expect(s.clock.pendingTimers, 'timers pending on the clock').to.be.at.most(timersBefore);
      const closed = WAYS.length * EACH;
      const perCallback = (after.heapUsed - before.heapUsed) / closed;
      console.log(`[shift-release] ${closed} ${channel} callbacks: nodes ${before.nodes} → ${after.nodes}, listeners ${before.jsEventListeners} → ${after.jsEventListeners}, heap ${before.heapUsed} → ${after.heapUsed} (${perCallback.toFixed(0)} B a callback)`);
      expect(after.nodes!, 'DOM nodes').to.be.at.most(before.nodes! * 1.02);
      expect(after.jsEventListeners!, 'event listeners').to.be.at.most(before.jsEventListeners! * 1.02);
      expect(perCallback, 'heap retained per closed callback (bytes)').to.be.below(1024);
      expect(deskRoot(s).querySelectorAll('[part=window]')).to.have.length(0);
    });
  });
}

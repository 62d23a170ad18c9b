import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/interaction-window.js';
import type { InteractionWindow } from '../../src/interaction-window.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import {
  LEGACY_NOTE_DRAFT_PREFIX,
  PendingWorkStore,
  pendingWorkStore,
} from '../../src/controllers/pending-work/pending-work-store.js';
import { createStore, keys, set } from 'idb-keyval';
import { retryDelay } from '../../src/controllers/wrap-up/failures.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

const TEST_DB = 'callback-elements-pending-work-test';

/** A store on its own database, as a page opened later would see it. */
async function freshStore(options: ConstructorParameters<typeof PendingWorkStore>[0] = {}) {
  const store = new PendingWorkStore({ database: TEST_DB, ...options });
  await store.ready;
  return store;
}

describe('PendingWorkStore', () => {
  afterEach(async () => {
    await (await freshStore()).clear();
  });

  it('keeps the note, the disposition and a pending Mark done for a page opened later', async () => {
    const first = await freshStore();
    first.update('cb-7', { draft: 'Wants a call on Monday' });
    first.update('cb-7', { disposition: { code: 'FU-CALLBACK', label: 'Callback requested' } });
    first.update('cb-7', { markDonePending: { requestedAt: 1, attempts: 1, lastError: 'network' } });
    await first.flush();
    const later = await freshStore();
    expect(later.durable).to.equal(true);
    expect(later.get('cb-7')).to.deep.include({
      draft: 'Wants a call on Monday',
      disposition: { code: 'FU-CALLBACK', label: 'Callback requested' },
      markDonePending: { requestedAt: 1, attempts: 1, lastError: 'network' },
    });
    // Acknowledged: gone for good.
    later.remove('cb-7');
    await later.flush();
    expect((await freshStore()).get('cb-7')).to.equal(undefined);
  });

  it('drops entries untouched for longer than maxAgeMs when it starts', async () => {
    let now = Date.UTC(2026, 0, 1);
    const first = await freshStore({ now: () => now });
    first.update('old', { draft: 'from last month' });
    await first.flush();
    now += 2 * 60 * 60 * 1000;
    first.update('recent', { draft: 'from this morning' });
    await first.flush();
    now += 60 * 60 * 1000;
    const later = await freshStore({ now: () => now, maxAgeMs: 2.5 * 60 * 60 * 1000 });
    expect(later.get('old')).to.equal(undefined);
    expect(later.get('recent')?.draft).to.equal('from this morning');
    await later.flush();
    expect((await freshStore({ now: () => now })).get('old')).to.equal(undefined);
  });

  it('moves drafts kept in localStorage by earlier versions, then removes the old key', async () => {
    localStorage.setItem(`${LEGACY_NOTE_DRAFT_PREFIX}cb-legacy`, 'Typed before the upgrade');
    const store = await freshStore();
    expect(store.get('cb-legacy')?.draft).to.equal('Typed before the upgrade');
    await store.flush();
    await waitUntil(() => localStorage.getItem(`${LEGACY_NOTE_DRAFT_PREFIX}cb-legacy`) === null, 'legacy key kept');
    expect((await freshStore()).get('cb-legacy')?.draft).to.equal('Typed before the upgrade');
  });

  it('does not show one backend’s work to another backend’s interaction of the same id', async () => {
    const store = await freshStore();
    const first = new SimulatedContactCenter();
    const second = new SimulatedContactCenter();
    store.update('cb-1', { draft: 'For the first center' }, first);
    expect(store.get('cb-1', first)?.draft).to.equal('For the first center');
    expect(store.get('cb-1', second)).to.equal(undefined);
    store.update('cb-1', { disposition: { code: 'OTHER', label: 'Other' } }, second);
    expect(store.get('cb-1', second)).to.deep.include({ disposition: { code: 'OTHER', label: 'Other' } });
    expect(store.get('cb-1', second)?.draft).to.equal(undefined);
  });

  it('after a reload, work typed for cb-1 of one simulated run is not shown on cb-1 of the next; the same backend still gets it', async () => {
    const before = new SimulatedContactCenter();
    const first = await freshStore();
    first.update('cb-1', { draft: 'Typed in the last run', disposition: { code: 'OTHER', label: 'Other' } }, before);
    await first.flush();

    const next = new SimulatedContactCenter();
    expect(next.workScope).to.not.equal(before.workScope);
    const reloaded = await freshStore();
    expect(reloaded.get('cb-1', next), 'the new run’s cb-1').to.equal(undefined);
    reloaded.update('cb-1', { draft: 'Typed now' }, next);
    expect(reloaded.get('cb-1', next)?.draft).to.equal('Typed now');
    expect(reloaded.get('cb-1', next)?.disposition, 'nothing carried over from the last run').to.equal(undefined);
    await reloaded.flush();

    const again = await freshStore();
    // Kept by scope and id: the old run's work stays its own, never merged into the new run's.
    expect(again.get('cb-1', before)?.draft, 'the old run’s work, under its own scope').to.equal('Typed in the last run');
    expect(again.get('cb-1', next)?.draft).to.equal('Typed now');
    expect(again.get('cb-1', next)?.disposition, 'nothing of the old run’s after another reload').to.equal(undefined);
    expect(again.earlierWork(next).map((w) => w.draft), 'the old run’s work is not listed for the new run').to.deep.equal(['Typed now']);
  });

  it('after a reload, a new adapter object of the same scope gets the work, even when another scope asked first', async () => {
    const first = await freshStore();
    first.update('4711', { draft: 'Call back about the invoice' }, { workScope: 'gms:https://gms.example|callbacks' });
    await first.flush();

    const reloaded = await freshStore();
    const otherBackend = { workScope: 'gms:https://other.example|callbacks' };
    expect(reloaded.get('4711', otherBackend), 'asked first by another backend').to.equal(undefined);
    const sameBackendAfterReload = { workScope: 'gms:https://gms.example|callbacks' };
    expect(reloaded.get('4711', sameBackendAfterReload)?.draft).to.equal('Call back about the invoice');
  });

  it('lists the work an earlier page left for a backend: its scope or none, with who it was with, not what this page typed, until it is removed', async () => {
    const scope = 'gms:https://gms.example|callbacks';
    const contact = { name: 'Ada Lovelace', phone: '+442079460000', email: 'ada@example.com' };
    const first = await freshStore();
    first.update('4711', { draft: 'Call back about the invoice', contact }, { workScope: scope });
    first.update('4712', { markDonePending: { requestedAt: 1, attempts: 1, lastError: 'network' } }, { workScope: scope });
    first.update('4713', { draft: 'Another backend' }, { workScope: 'gms:https://other.example|callbacks' });
    first.update('legacy', { draft: 'Typed without a scope' });
    await first.flush();

    const reloaded = await freshStore();
    const backend = { workScope: scope };
    reloaded.update('4714', { draft: 'Typed in this page' }, backend);
    const listed = () => reloaded.earlierWork(backend).map((w) => w.interactionId).sort();
    expect(listed()).to.deep.equal(['4711', '4712', 'legacy']);
    expect(reloaded.earlierWork(backend).find((w) => w.interactionId === '4711')?.contact, 'only the name and number are kept').to.deep.equal({ name: 'Ada Lovelace', phone: '+442079460000' });
    expect(reloaded.earlierWork({ workScope: 'gms:https://other.example|callbacks' }).map((w) => w.interactionId).sort()).to.deep.equal(['4713', 'legacy']);
    // Work without a scope goes to the first scoped backend that asks for it: no longer listed for another.
    expect(reloaded.get('legacy', { workScope: 'gms:https://other.example|callbacks' })?.draft).to.equal('Typed without a scope');
    expect(listed()).to.deep.equal(['4711', '4712']);
    reloaded.remove('4712', backend);
    expect(listed()).to.deep.equal(['4711']);
  });

  it('finds work an earlier version kept by interaction id alone, for its scope, and keeps it under scope and id from then on', async () => {
    const scope = 'gms:https://gms.example|callbacks';
    const db = createStore(TEST_DB, 'pending-work');
    await set('4711', { interactionId: '4711', scope, draft: 'Kept by an earlier version', updatedAt: Date.now() }, db);
    const store = await freshStore();
    expect(store.get('4711', { workScope: 'gms:https://other.example|callbacks' }), 'another backend').to.equal(undefined);
    expect(store.get('4711', { workScope: scope })?.draft).to.equal('Kept by an earlier version');
    await store.flush();
    expect(await keys(db), 'rewritten under scope and id').to.deep.equal([JSON.stringify([scope, '4711'])]);
    expect((await freshStore()).get('4711', { workScope: scope })?.draft).to.equal('Kept by an earlier version');
  });

  it('works in memory, without crashing, when IndexedDB cannot be opened', async () => {
    const original = indexedDB.open;
    const blocked = () => {
      throw new DOMException('IndexedDB is blocked here', 'SecurityError');
    };
    indexedDB.open = blocked as typeof indexedDB.open;
    try {
      const store = new PendingWorkStore({ database: `${TEST_DB}-blocked` });
      store.update('cb-9', { draft: 'Still here' });
      await store.ready;
      await store.flush();
      expect(store.durable).to.equal(false);
      expect(store.get('cb-9')?.draft).to.equal('Still here');
      store.update('cb-9', { disposition: { code: 'OTHER', label: 'Other' } });
      await store.flush();
      expect(store.get('cb-9')?.disposition?.code).to.equal('OTHER');
    } finally {
      indexedDB.open = original;
    }
  });

  it('spaces retries from 5 s, doubling, up to a minute', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelay(n))).to.deep.equal([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });
});

// ---- Mark done through the window: what the agent sees, what the backend gets ----

async function setup(latencyMs = 0) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs });
  const offer = await cc.offer('immediate');
  const accepting = cc.accept(offer.id);
  clock.advance(latencyMs);
  const interaction = await accepting;
  const hangingUp = cc.hangUp(interaction.callId!);
  clock.advance(latencyMs);
  await hangingUp;
  const el = await fixture<InteractionWindow>(html`<interaction-window interaction-id=${interaction.id} disposition-mode="list"></interaction-window>`);
  Object.assign(el, { adapter: cc, telephony: cc, directory: cc, clock });
  await settled(el);
  const done: CustomEvent[] = [];
  el.addEventListener('callback-done', (e) => done.push(e));
  return { clock, cc, el, id: interaction.id, done };
}

/** The first `tag` element in `el`'s shadow root (the element itself, not its shadow root). */
const shadowChild = <T extends HTMLElement>(el: HTMLElement, tag: string) => el.shadowRoot!.querySelector<T>(tag)!;
const actions = (el: HTMLElement) => shadowChild(el, 'call-actions');
const picker = (el: HTMLElement) => shadowChild(el, 'disposition-picker');
const note = (el: HTMLElement) => shadowChild(el, 'interaction-note');
const textarea = (el: HTMLElement) => note(el).shadowRoot!.querySelector('textarea')!;
const markDoneButton = (el: HTMLElement) => actions(el).shadowRoot!.querySelector<HTMLButtonElement>('[data-action="mark-done"]')!;
const pendingBox = (el: HTMLElement) => actions(el).shadowRoot!.querySelector<HTMLElement>('[part~="pending"]');
const errorText = (el: HTMLElement) => actions(el).shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!;

function spyMarkDone(cc: SimulatedContactCenter) {
  const counter = { calls: 0 };
  const original = cc.markDone.bind(cc);
  cc.markDone = (...args: Parameters<SimulatedContactCenter['markDone']>) => {
    counter.calls++;
    return original(...args);
  };
  return counter;
}

async function typeNote(el: InteractionWindow, text: string) {
  textarea(el).value = text;
  textarea(el).dispatchEvent(new Event('input', { bubbles: true }));
  await settled(el);
}

async function pick(el: InteractionWindow, code: string) {
  await waitUntil(() => picker(el).shadowRoot!.querySelector(`input[value="${code}"]`), 'codes not shown');
  picker(el).shadowRoot!.querySelector<HTMLInputElement>(`input[value="${code}"]`)!.click();
  await settled(el);
}

const checkedCode = (el: HTMLElement) => picker(el).shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value;
const notes = (cc: SimulatedContactCenter, id: string) => cc.getInteraction(id)!.history.flatMap((h) => (h.kind === 'note' ? [h.text] : []));

describe('A Mark done that fails on the way', () => {
  beforeEach(() => pendingWorkStore().clear());
  afterEach(() => pendingWorkStore().clear());

  it('keeps the note and disposition, says so, and sends them once on the back-off timer', async () => {
    const { cc, clock, el, id, done } = await setup();
    const calls = spyMarkDone(cc);
    await typeNote(el, 'Customer will send the form');
    cc.failNext('setDisposition', 'network');
    await pick(el, 'FU-DOCS-AWAITED');
    // The service did not take the disposition; the choice is still shown and kept.
    expect(cc.getInteraction(id)!.disposition).to.equal(undefined);
    expect(checkedCode(el)).to.equal('FU-DOCS-AWAITED');
    cc.failNext('markDone', 'network');
    markDoneButton(el).click();
    await settled(el);
    expect(calls.calls).to.equal(1);
    expect(cc.getInteraction(id)!.state).to.equal('ended');
    expect(textarea(el).value).to.equal('Customer will send the form');
    expect(checkedCode(el)).to.equal('FU-DOCS-AWAITED');
    const box = pendingBox(el);
    expect(!!box).to.equal(true);
    expect(box!.textContent).to.include("Not marked done yet: the callback service can't be reached");
    expect(box!.getAttribute('role')).to.equal('status');
    expect(box!.textContent).to.include('will be sent when it is back');
    // The error says why (as an alert); the pending box says what happens next.
    expect(errorText(el).hidden).to.equal(false);
    expect(errorText(el).textContent).to.include('cannot be reached');
    expect(done.length).to.equal(0);
    await expect(actions(el)).to.be.accessible();

    clock.advance(4_999);
    await settled(el);
    expect(calls.calls).to.equal(1);
    clock.advance(1);
    await settled(el);
    expect(calls.calls).to.equal(2);
    const after = cc.getInteraction(id)!;
    expect(after.state).to.equal('done');
    expect(after.disposition).to.deep.equal({ code: 'FU-DOCS-AWAITED', label: 'Waiting for documents' });
    expect(notes(cc, id)).to.deep.equal(['Customer will send the form']);
    expect(done.length).to.equal(1);
    expect(done[0]!.detail.disposition.code).to.equal('FU-DOCS-AWAITED');
    expect(pendingWorkStore().get(id, cc)).to.equal(undefined);
    // Nothing left to retry.
    clock.advance(120_000);
    await settled(el);
    expect(calls.calls).to.equal(2);
    expect(done.length).to.equal(1);
  });

  it('is sent when the phone registers again after the network was down', async () => {
    const { cc, clock, el, id, done } = await setup();
    await typeNote(el, 'Left a message with the spouse');
    await pick(el, 'NR-VOICEMAIL');
    cc.setOffline(true);
    markDoneButton(el).click();
    await settled(el);
    expect(!!pendingBox(el)).to.equal(true);
    expect(cc.getInteraction(id)!.state).to.equal('ended');
    // Still down when the timer fires: still kept, still pending.
    clock.advance(5_000);
    await settled(el);
    expect(cc.getInteraction(id)!.state).to.equal('ended');
    expect(pendingWorkStore().get(id, cc)?.markDonePending?.attempts).to.equal(2);
    cc.setOffline(false);
    await settled(el);
    expect(cc.getInteraction(id)!.state).to.equal('done');
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('NR-VOICEMAIL');
    expect(notes(cc, id)).to.deep.equal(['Left a message with the spouse']);
    expect(done.length).to.equal(1);
  });

  it('two `online` events in a row send it once', async () => {
    const { cc, clock, el, id, done } = await setup(100);
    const calls = spyMarkDone(cc);
    await typeNote(el, 'Two events, one request');
    cc.failNext('markDone', 'timeout');
    markDoneButton(el).click();
    clock.advance(100);
    await settled(el);
    expect(calls.calls).to.equal(1);
    expect(!!pendingBox(el)).to.equal(true);
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online'));
    await settled(el);
    clock.advance(100);
    await settled(el);
    expect(calls.calls).to.equal(2);
    expect(cc.getInteraction(id)!.state).to.equal('done');
    expect(done.length).to.equal(1);
    window.dispatchEvent(new Event('online'));
    await settled(el);
    expect(calls.calls).to.equal(2);
  });

  it('Retry now sends it at once; a refusal is not retried and says why', async () => {
    const { cc, clock, el, id, done } = await setup();
    const calls = spyMarkDone(cc);
    cc.failNext('markDone', 'service-unavailable');
    markDoneButton(el).click();
    await settled(el);
    const retry = pendingBox(el)!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    expect(retry.textContent!.trim()).to.equal('Retry now');
    cc.failNext('markDone', 'invalid-state');
    retry.click();
    await settled(el);
    expect(calls.calls).to.equal(2);
    expect(!!pendingBox(el)).to.equal(false);
    expect(errorText(el).hidden).to.equal(false);
    expect(errorText(el).getAttribute('role')).to.equal('alert');
    expect(errorText(el).textContent).to.include('no longer possible');
    clock.advance(300_000);
    await settled(el);
    expect(calls.calls).to.equal(2);
    expect(cc.getInteraction(id)!.state).to.equal('ended');
    expect(done.length).to.equal(0);
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import '../helpers/lit-warnings.js';
import { quiet, settled } from '../helpers/wait.js';

/**
 * Every controller takes what it holds through one lifetime scope (src/controllers/lifetime-scope.ts):
 * here every element is connected, updated while disconnected (a new adapter, another interaction
 * id, after its removal), connected again and removed again, in every state its interaction can be
 * in, and no adapter subscription, page listener or timer is left behind.
 */

const SUBSCRIPTIONS = ['onOffer', 'onInteraction', 'onReadyState', 'onStatus', 'onCall', 'onPolicy'] as const;

type Counted = SimulatedContactCenter & { liveSubscriptions(): Record<string, number> };

/** A simulated contact center whose `on*` methods count the subscriptions still live. */
function countedCenter(clock: ManualClock): Counted {
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, offerTimeoutMs: 60_000 }) as Counted;
  const live: Record<string, number> = {};
  const methods = cc as unknown as Record<string, (...args: unknown[]) => () => void>;
  for (const name of SUBSCRIPTIONS) {
    const original = methods[name]!.bind(cc);
    live[name] = 0;
    methods[name] = (...args: unknown[]) => {
      const unsubscribe = original(...args);
      live[name]!++;
      let subscribed = true;
      return () => {
        if (subscribed) live[name]!--;
        subscribed = false;
        unsubscribe();
      };
    };
  }
  cc.liveSubscriptions = () => Object.fromEntries(Object.entries(live).filter(([, n]) => n !== 0));
  return cc;
}

/** The listeners added to `window` and `document` that are still there (removed or aborted ones not). */
function trackPageListeners() {
  interface Entry {
    target: EventTarget;
    type: string;
    listener: unknown;
    capture: boolean;
  }
  let entries: Entry[] = [];
  const same = (a: Entry, b: Entry) => a.target === b.target && a.type === b.type && a.listener === b.listener && a.capture === b.capture;
  const forget = (entry: Entry) => (entries = entries.filter((e) => !same(e, entry)));
  const restores: (() => void)[] = [];
  for (const target of [window, document] as EventTarget[]) {
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    target.addEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      add.call(this, type, listener, options);
      const signal = typeof options === 'object' ? options.signal : undefined;
      if (!listener || signal?.aborted) return;
      const entry = { target, type, listener, capture: typeof options === 'boolean' ? options : !!options?.capture };
      if (!entries.some((e) => same(e, entry))) entries.push(entry);
      signal?.addEventListener('abort', () => forget(entry));
    };
    target.removeEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      remove.call(this, type, listener, options);
      forget({ target, type, listener, capture: typeof options === 'boolean' ? options : !!options?.capture });
    };
    restores.push(() => {
      delete (target as Partial<EventTarget>).addEventListener;
      delete (target as Partial<EventTarget>).removeEventListener;
    });
  }
  return {
    get live() {
      return entries.map((e) => `${e.target === window ? 'window' : 'document'}:${e.type}`);
    },
    restore: () => restores.forEach((r) => r()),
  };
}

/** The pending-work store's subscribers (every Mark done and note controller subscribes to it). */
function countStoreSubscriptions() {
  const store = pendingWorkStore();
  const original = store.subscribe.bind(store);
  let live = 0;
  store.subscribe = (listener) => {
    const unsubscribe = original(listener);
    live++;
    let subscribed = true;
    return () => {
      if (subscribed) live--;
      subscribed = false;
      unsubscribe();
    };
  };
  return {
    get live() {
      return live;
    },
    restore: () => delete (store as Partial<typeof store>).subscribe,
  };
}

const TAGS = [
  'agent-status',
  'call-actions',
  'call-status',
  'callback-info',
  'callback-notification',
  'callback-preview',
  'callback-scheduler',
  'case-history',
  'contact-directory',
  'disposition-picker',
  'dtmf-keypad',
  'interaction-note',
  'interaction-window',
  'standard-responses',
  'team-communicator',
  'unsent-work',
] as const;

const ben = { kind: 'agent', id: 'agent-ben-okafor', name: 'Ben Okafor', address: '4102' } as const;

describe('one lifetime scope: nothing an element took outlives it', function () {
  this.timeout(240_000);
  let listeners: ReturnType<typeof trackPageListeners>;
  let store: ReturnType<typeof countStoreSubscriptions>;
  let before: string[];
  const container = document.createElement('div');

  beforeEach(() => {
    document.body.append(container);
    listeners = trackPageListeners();
    store = countStoreSubscriptions();
    before = listeners.live;
  });

  afterEach(() => {
    listeners.restore();
    store.restore();
    container.replaceChildren();
    container.remove();
  });

  async function expectReleased(what: string, centers: Counted[], clock: ManualClock) {
    const released = () =>
      centers.every((cc) => Object.keys(cc.liveSubscriptions()).length === 0) &&
      store.live === 0 &&
      listeners.live.length === before.length &&
      clock.pendingTimers === 0;
    // Late work (a chunk fetched, an answer that was on its way) has a moment to come back; it must not subscribe.
    await waitUntil(released, '', { timeout: 3_000 }).catch(() => undefined);
    await quiet();
    expect(centers.map((cc) => cc.liveSubscriptions()), `${what}: adapter subscriptions`).to.deep.equal(centers.map(() => ({})));
    expect(store.live, `${what}: pending-work store subscriptions`).to.equal(0);
    expect(listeners.live, `${what}: window and document listeners`).to.deep.equal(before);
    expect(clock.pendingTimers, `${what}: timers on the elements' clock`).to.equal(0);
  }

  /** Interactions in every state an element can show: offered, connected, held with a consultation, wrap-up, web, done. */
  async function interactionsInEveryState(cc: Counted, ccClock: ManualClock) {
    const states: Record<string, Interaction> = {};
    const voice = await cc.offer('immediate');
    await cc.accept(voice.id);
    ccClock.advance(5_000);
    await settled();
    const callId = cc.getInteraction(voice.id)!.callId!;
    await cc.hold(callId);
    void cc.startConsultation(callId, ben).catch(() => undefined);
    ccClock.advance(5_000);
    await settled();
    states['held, consulting'] = cc.getInteraction(voice.id)!;

    const web = await cc.offer('web-callback');
    await cc.accept(web.id);
    await settled();
    states['web callback'] = cc.getInteraction(web.id)!;

    const done = await cc.offer('web-callback');
    await cc.accept(done.id);
    await cc.markDone(done.id);
    states['done'] = cc.getInteraction(done.id)!;

    states['offered'] = await cc.offer('immediate');
    await settled();
    return states;
  }

  it('every element, in every state: connect, update while disconnected, reconnect, disconnect', async () => {
    const ccClock = new ManualClock();
    const clock = new ManualClock();
    const cc = countedCenter(ccClock);
    const other = countedCenter(ccClock);
    const states = await interactionsInEveryState(cc, ccClock);
    const ids = Object.values(states).map((i) => i.id);
    expect(Object.keys(cc.liveSubscriptions()), 'nothing mounted yet').to.have.length(0);

    for (const tag of TAGS) {
      for (const [state, interaction] of Object.entries(states)) {
        const what = `<${tag}> (${state})`;
        const el = document.createElement(tag) as unknown as HTMLElement & Record<string, unknown>;
        Object.assign(el, { adapter: cc, telephony: cc, directory: cc, clock, interactionId: interaction.id, contactId: interaction.contact.id });
        container.append(el);
        await settled(el);
        // The directory searches take requests, not subscriptions.
        if (!tag.endsWith('-responses') && tag !== 'team-communicator')
          expect(Object.keys(cc.liveSubscriptions()).length, `${what} follows its adapter`).to.be.greaterThan(0);

        el.remove();
        await settled(el);
        // Updated while away: another adapter, another interaction. Nothing may be taken for them.
        Object.assign(el, { adapter: other, telephony: other, directory: other, interactionId: ids.find((id) => id !== interaction.id) });
        await settled(el);
        el.ring = true;
        el.interactionId = interaction.id;
        await settled(el);
        await expectReleased(`${what} updated while disconnected`, [cc, other], clock);
        // An offer shown by an update while away must not start a ring nobody could stop.
        if ('ringing' in el) expect(el.ringing, `${what} rings while away`).to.equal(false);

        container.append(el);
        Object.assign(el, { adapter: cc, telephony: cc, directory: cc });
        await settled(el);
        el.remove();
        await settled(el);
        await expectReleased(`${what} removed again`, [cc, other], clock);
      }
    }
  });

  it('<callback-desk> through a shift: offers, voice and web callbacks, a consultation, a window closing', async () => {
    const ccClock = new ManualClock();
    const clock = new ManualClock();
    const cc = countedCenter(ccClock);
    const other = countedCenter(ccClock);
    const desk = document.createElement('callback-desk') as CallbackDesk;
    Object.assign(desk, { callbackAdapter: cc, telephonyAdapter: cc, directoryAdapter: cc, clock });
    desk.setAttribute('disposition-mode', 'list');
    container.append(desk);
    await settled(desk);
    const windows = () => [...desk.shadowRoot!.querySelectorAll('[part=window]')];

    /** Removes the desk, swaps its adapters while it is away and back, checks, and puts it back. */
    async function awayAndBack(what: string, whileAway?: () => Promise<unknown>) {
      expect(Object.keys(cc.liveSubscriptions()).length, `${what}: the desk follows its adapter`).to.be.greaterThan(0);
      desk.remove();
      await settled(desk);
      Object.assign(desk, { callbackAdapter: other, telephonyAdapter: other, directoryAdapter: other });
      await settled(desk);
      Object.assign(desk, { callbackAdapter: cc, telephonyAdapter: cc, directoryAdapter: cc });
      await settled(desk);
      await expectReleased(`desk removed (${what})`, [cc, other], clock);
      await whileAway?.();
      container.append(desk);
      await settled(desk);
    }

    await awayAndBack('idle');
    const offer = await cc.offer('immediate');
    await settled(desk);
    await awayAndBack('an offer waiting');

    await cc.accept(offer.id);
    ccClock.advance(5_000);
    await settled(desk);
    await waitUntil(() => windows().length === 1, 'voice window open');
    await awayAndBack('a voice callback connected');

    const callId = cc.getInteraction(offer.id)!.callId!;
    void cc.startConsultation(callId, ben).catch(() => undefined);
    ccClock.advance(5_000);
    await settled(desk);
    await awayAndBack('a consultation');

    const web = await cc.offer('web-callback');
    await cc.accept(web.id);
    await settled(desk);
    await waitUntil(() => windows().length === 2, 'web callback window open');
    await awayAndBack('a web callback beside the voice one');

    // A Mark done that fails on the way: the window stays, closing, with its retry timer armed.
    await cc.hangUp(callId).catch(() => undefined);
    await settled(desk);
    cc.failNext('markDone', 'network');
    const markDone = () =>
      desk.shadowRoot!.querySelector(`#window-${CSS.escape(web.id)} > callback-preview`)?.shadowRoot?.querySelector('call-actions')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="mark-done"]');
    await waitUntil(() => markDone(), 'Mark done shown');
    (desk.shadowRoot!.querySelector(`#tab-${CSS.escape(web.id)}`) as HTMLElement | null)?.click();
    await settled(desk);
    markDone()!.click();
    await settled(desk);
    await waitUntil(() => clock.pendingTimers > 0, 'the Mark done to be sent again on a timer');
    expect(windows(), 'the window kept while closing').to.have.length(2);
    // The service takes the Mark done while the desk is away. (Put back with the Mark done still
    // pending, <call-actions> sends it again from its update: a lit change-in-update warning that
    // predates the lifetime scope, left to the wrap-up owner of issue 18, part 3.)
    await awayAndBack('a window closing, its Mark done to be sent again', () => cc.markDone(web.id));

    await cc.markDone(offer.id).catch(() => undefined);
    await settled(desk);
    await awayAndBack('all done');
    desk.remove();
    await settled(desk);
    await expectReleased('desk removed at the end', [cc, other], clock);
  });
});

import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import '../../src/callback-notification.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { deepActive, focusPath, press, tabTo } from './keyboard.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * Keys the agent presses without reaching for a control: the web preview's Call and Done from
 * anywhere in the desk, and the opt-in page-wide keys that accept, reject or go to the waiting offer.
 */

interface Desk {
  clock: ManualClock;
  cc: SimulatedContactCenter;
  desk: CallbackDesk;
  host: HTMLInputElement;
}

async function setup(offerShortcuts?: string): Promise<Desk> {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const page = await fixture<HTMLElement>(html`<div>
    <label>CRM notes <input id="host" /></label>
    <callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>
  </div>`);
  const desk = page.querySelector<CallbackDesk>('callback-desk')!;
  if (offerShortcuts !== undefined) desk.setAttribute('offer-shortcuts', offerShortcuts);
  await desk.updateComplete;
  return { clock, cc, desk, host: page.querySelector<HTMLInputElement>('#host')! };
}

/** Presses `key` (a `KeyboardEvent.code`) with the modifiers held, as a person does. */
async function chord(modifiers: string[], key: string) {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
  await aTimeout(0);
}

const notification = (s: Desk) => s.desk.shadowRoot!.querySelector<CallbackNotification>('callback-notification')!;
const inNotification = (s: Desk, selector: string) => notification(s).shadowRoot!.querySelector<HTMLElement>(selector);
const openWindow = (s: Desk) => s.desk.shadowRoot!.querySelector<HTMLElement>('[part=window]:not([hidden])');
const state = (s: Desk, offer: Interaction) => s.cc.getInteraction(offer.id)!.state;

async function offer(s: Desk, scenario: 'immediate' | 'web-callback' = 'immediate') {
  const offered = await s.cc.offer(scenario);
  await settled(s.desk);
  await waitUntil(() => inNotification(s, '[part=accept-button]'), 'offer shown', { timeout: 3000 });
  return offered;
}

/** The shortcuts are fetched once asked for: ready when the offer shows them. */
const shortcutsShown = (s: Desk) =>
  waitUntil(() => inNotification(s, '[part=accept-button]')?.hasAttribute('aria-keyshortcuts'), 'shortcuts shown on Accept', { timeout: 3000 });

/** The agent types in the host page's field when the offer arrives. */
async function typing(s: Desk) {
  s.host.focus();
  await sendKeys({ type: 'Chen' });
}

describe("the web preview's Call and Done from anywhere in <callback-desk>", () => {
  afterEach(() => localStorage.clear());

  it('Alt+Shift+C calls right after Accept with Enter (focus on the window), and Alt+Shift+D is Done', async () => {
    const s = await setup();
    const offered = await offer(s, 'web-callback');
    await tabTo((el) => el.matches('[part=accept-button]'), 'Accept');
    await press('Enter');
    await waitUntil(() => deepActive()?.matches('[part=window]'), `focus in the new window (${focusPath()})`, { timeout: 3000 });
    await settled(s.desk);
    expect(state(s, offered)).to.equal('ready-to-call');
    await chord(['Alt', 'Shift'], 'KeyC');
    await waitUntil(() => state(s, offered) === 'dialing', 'dialing', { timeout: 3000 });
    s.clock.advance(4_000);
    await settled(s.desk);
    expect(state(s, offered)).to.equal('connected');
    // End the call from the toolbar, then Done, with focus again outside the preview (the agent status).
    const preview = openWindow(s)!.querySelector('callback-preview')!;
    preview.shadowRoot!.querySelector('call-actions')!.perform('end-call');
    await waitUntil(() => state(s, offered) === 'ready-to-call', 'call ended', { timeout: 3000 });
    await settled(s.desk);
    openWindow(s)!.focus();
    const done = new Promise((resolve) => s.desk.addEventListener('callback-done', resolve, { once: true }));
    await chord(['Alt', 'Shift'], 'KeyD');
    await done;
    expect(state(s, offered)).to.equal('done');
  });

  it('not from the host page outside the desk', async () => {
    const s = await setup();
    const offered = await offer(s, 'web-callback');
    await s.cc.accept(offered.id);
    await settled(s.desk);
    await waitUntil(() => openWindow(s)?.querySelector('callback-preview'), 'preview', { timeout: 3000 });
    s.host.focus();
    await chord(['Alt', 'Shift'], 'KeyC');
    await settled(s.desk);
    expect(state(s, offered)).to.equal('ready-to-call');
  });
});

describe('opt-in page-wide offer shortcuts (offer-shortcuts)', () => {
  afterEach(() => localStorage.clear());

  const keys = 'accept: Alt+Shift+A; reject: Alt+Shift+R; focus: Alt+Shift+O';

  it('accept from a field of the host page: the offer is accepted, the agent keeps typing there', async () => {
    const s = await setup(keys);
    const offered = await offer(s);
    await shortcutsShown(s);
    expect(inNotification(s, '[part=accept-button]')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+A');
    expect(inNotification(s, '[part=reject-button]')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+R');
    expect(inNotification(s, '#title')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+O');
    await expect(s.desk).to.be.accessible();
    await typing(s);
    await chord(['Alt', 'Shift'], 'KeyA');
    await waitUntil(() => state(s, offered) === 'connected', 'accepted', { timeout: 3000 });
    await settled(s.desk);
    expect(deepActive() === s.host, `focus stayed in the host field (${focusPath()})`).to.equal(true);
    await sendKeys({ type: ' card' });
    expect(s.host.value).to.equal('Chen card');
  });

  it('reject from a field of the host page; not when rejecting is not allowed', async () => {
    const s = await setup(keys);
    const offered = await offer(s);
    await shortcutsShown(s);
    await typing(s);
    await chord(['Alt', 'Shift'], 'KeyR');
    await waitUntil(() => state(s, offered) === 'rejected', 'rejected', { timeout: 3000 });
    await settled(s.desk);
    expect(deepActive() === s.host, `focus stayed in the host field (${focusPath()})`).to.equal(true);

    const fixed = await s.cc.offer('no-reject');
    await settled(s.desk);
    await waitUntil(() => inNotification(s, '[part=no-reject]'), 'offer that cannot be rejected', { timeout: 3000 });
    await chord(['Alt', 'Shift'], 'KeyR');
    await settled(s.desk);
    expect(state(s, fixed)).to.equal('offered');
  });

  it("move to the offer: focus on its heading, then Tab reaches Accept", async () => {
    const s = await setup(keys);
    await offer(s);
    await shortcutsShown(s);
    await typing(s);
    await chord(['Alt', 'Shift'], 'KeyO');
    await settled(s.desk);
    expect(deepActive() === inNotification(s, '#title'), `focus on the offer's heading (${focusPath()})`).to.equal(true);
    await press('Tab');
    expect(deepActive()?.matches('[part=accept-button]'), `Tab on to Accept (${focusPath()})`).to.equal(true);
  });

  it('nothing without the attribute: the keys reach the page, the offer waits', async () => {
    const s = await setup();
    const offered = await offer(s);
    expect(inNotification(s, '[part=accept-button]')!.hasAttribute('aria-keyshortcuts')).to.equal(false);
    await typing(s);
    const seen: boolean[] = [];
    const noteDefaultPrevented = (e: KeyboardEvent) => seen.push(e.defaultPrevented);
    document.addEventListener('keydown', noteDefaultPrevented);
    try {
      await chord(['Alt', 'Shift'], 'KeyA');
      await chord(['Alt', 'Shift'], 'KeyR');
      await chord(['Alt', 'Shift'], 'KeyO');
    } finally {
      document.removeEventListener('keydown', noteDefaultPrevented);
    }
    await settled(s.desk);
    expect(state(s, offered)).to.equal('offered');
    expect(deepActive() === s.host, `focus stayed in the host field (${focusPath()})`).to.equal(true);
    expect(seen.includes(true), 'no key press was taken').to.equal(false);
  });

  it('not during an IME composition', async () => {
    const s = await setup(keys);
    const offered = await offer(s);
    await shortcutsShown(s);
    await typing(s);
    const composing = new KeyboardEvent('keydown', { key: 'A', code: 'KeyA', altKey: true, shiftKey: true, isComposing: true, bubbles: true, composed: true, cancelable: true });
    s.host.dispatchEvent(composing);
    await settled(s.desk);
    expect(composing.defaultPrevented).to.equal(false);
    expect(state(s, offered)).to.equal('offered');
  });

  it('no document listener is left once the desk is removed', async () => {
    const added: AbortSignal[] = [];
    const original = document.addEventListener;
    document.addEventListener = function (this: Document, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
      if (type === 'keydown' && typeof options === 'object' && options.signal) added.push(options.signal);
      return original.call(this, type, listener, options);
    } as typeof document.addEventListener;
    let s: Desk;
    let offered: Interaction;
    try {
      s = await setup(keys);
      offered = await offer(s);
      await shortcutsShown(s);
    } finally {
      document.addEventListener = original;
    }
    expect(added.length, 'one document listener while connected').to.equal(1);
    expect(added[0]!.aborted).to.equal(false);
    s.desk.remove();
    await aTimeout(0);
    expect(added.every((signal) => signal.aborted), 'every document listener removed').to.equal(true);
    s.host.focus();
    await chord(['Alt', 'Shift'], 'KeyA');
    await settled(s.desk);
    expect(state(s, offered)).to.equal('offered');
  });

  it('removing the attribute removes the listener; <callback-notification> alone takes it too', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const page = await fixture<HTMLElement>(html`<div>
      <input id="crm" aria-label="CRM" />
      <callback-notification offer-shortcuts="accept=Control+Alt+Y" .adapter=${cc} .clock=${clock}></callback-notification>
    </div>`);
    const el = page.querySelector<CallbackNotification>('callback-notification')!;
    const first = await cc.offer('immediate');
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.querySelector('[part=accept-button]')?.getAttribute('aria-keyshortcuts') === 'Control+Alt+Y', 'shortcuts shown');
    page.querySelector<HTMLInputElement>('#crm')!.focus();
    el.removeAttribute('offer-shortcuts');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=accept-button]')!.hasAttribute('aria-keyshortcuts')).to.equal(false);
    await chord(['Control', 'Alt'], 'KeyY');
    await aTimeout(0);
    expect(cc.getInteraction(first.id)!.state).to.equal('offered');
    el.setAttribute('offer-shortcuts', 'accept=Control+Alt+Y');
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.querySelector('[part=accept-button]')!.hasAttribute('aria-keyshortcuts'), 'shortcuts back');
    expect(el.shadowRoot!.querySelector('[part=accept-button]')!.getAttribute('aria-keyshortcuts')).to.equal('Control+Alt+Y');
    await chord(['Control', 'Alt'], 'KeyY');
    await waitUntil(() => cc.getInteraction(first.id)!.state === 'connected', 'accepted');
  });
});

import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { act, actionsRoot, button, callState, chord, current, deepActive, inner, isDisabled, mount, root, setup, text, type PreviewSetup } from '../helpers/callback-preview.js';
import { recordActionEvents } from '../helpers/events.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

const warning = (s: PreviewSetup) => root(s.el).querySelector<HTMLElement>('[part~=duplicates]')!;
const duplicateButtons = (s: PreviewSetup) => [...warning(s).querySelectorAll<HTMLButtonElement>('[part=duplicate-button]')];
const dials = (s: PreviewSetup) => current(s).history.filter((h) => h.kind === 'dial').length;

async function focusInside(s: PreviewSetup) {
  inner(s.el, 'interaction-note')!.querySelector('textarea')!.focus();
}

describe('<callback-preview> duplicates', () => {
  it('warns, politely, about another open callback for the same number, with a button that opens it', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const same = { name: 'Priya Natarajan', phone: '+1 416 555 0123' };
    const first = await cc.offer('web-callback', { contact: { ...same } });
    const other = await cc.offer('web-callback', { contact: { ...same } });
    await cc.accept(first.id);
    const el = await mount(cc, clock, first.id);
    const s = { clock, cc, el, id: first.id };
    await waitUntil(() => duplicateButtons(s).length === 1, 'duplicate warning', { timeout: 3000 });
    // Announced once through the shared polite live region; the warning itself is not live.
    expect(warning(s).hasAttribute('role'), 'not a live region').to.equal(false);
    const { announcement } = await import('../../src/controllers/announcer.js');
    await waitUntil(() => announcement().includes('Another callback for this number is open.'), 'announced');
    expect(text(warning(s))).to.include('Another callback for this number is open.');
    // Offered to nobody's phone yet: it waits for an agent, it does not ring.
    expect(text(duplicateButtons(s)[0]!)).to.equal('Open the callback from Priya Natarajan (Scheduled, Waiting for an agent)');
    expect(el.hasState('duplicate')).to.equal(true);
    await expect(el).to.be.accessible();
    const fired = recordActionEvents(el);
    duplicateButtons(s)[0]!.click();
    expect(fired).to.deep.equal([`open:${other.id}`]);
    // It goes when the other callback closes.
    await cc.reject(other.id);
    await settled(el);
    expect(duplicateButtons(s)).to.have.length(0);
    expect(text(warning(s))).to.equal('');
    expect(el.hasState('duplicate')).to.equal(false);
  });

  it('notices a duplicate that arrives while the preview is open', async () => {
    const s = await setup();
    await settled(s.el);
    expect(duplicateButtons(s)).to.have.length(0);
    await s.cc.offer('web-callback');
    await waitUntil(() => duplicateButtons(s).length === 1, 'duplicate warning', { timeout: 3000 });
  });

  it('no warning when the service cannot look duplicates up, and none (quietly) when the lookup fails', async () => {
    const noLookup = await setup({ callbackCapabilities: { duplicateLookup: false } });
    await noLookup.cc.offer('web-callback');
    await settled(noLookup.el);
    await settled(noLookup.el);
    expect(duplicateButtons(noLookup)).to.have.length(0);

    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const first = await cc.offer('web-callback');
    await cc.offer('web-callback');
    await cc.accept(first.id);
    cc.failNext('findOpenByNumber', 'network');
    const logged: unknown[] = [];
    const original = { error: console.error, warn: console.warn, log: console.log };
    console.error = console.warn = console.log = (...args: unknown[]) => logged.push(args);
    const fired: string[] = [];
    const listen = () => fired.push('error');
    document.addEventListener('callback-error', listen);
    try {
      const preview = await mount(cc, clock, first.id);
      await settled(preview);
      await settled(preview);
      expect(preview.shadowRoot!.querySelectorAll('[part=duplicate-button]')).to.have.length(0);
      expect(fired).to.deep.equal([]);
      expect(JSON.stringify(logged)).to.not.include('416');
      expect(callState(preview)).to.equal('Ready to call');
    } finally {
      Object.assign(console, original);
      document.removeEventListener('callback-error', listen);
    }
  });
});

describe('<callback-preview> keyboard', () => {
  afterEach(() => localStorage.clear());

  it('Alt+Shift+C calls and Alt+Shift+D marks done, from anywhere inside; shown on the buttons and in a hint', async () => {
    const s = await setup();
    expect(button(s.el, 'call')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+C');
    expect(button(s.el, 'mark-done')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+D');
    expect(text(root(s.el).querySelector('[part=shortcuts]'))).to.equal('Keyboard shortcuts: Call Alt+Shift+C · Done Alt+Shift+D');
    const fired = recordActionEvents(s.el);
    await focusInside(s);
    await chord(['Alt', 'Shift'], 'KeyC');
    await waitUntil(() => current(s).state === 'dialing', 'dialing', { timeout: 3000 });
    await settled(s.el);
    expect(fired).to.deep.equal(['request:call', 'done:call']);
    // While dialing, neither is possible: nothing happens, nothing fires.
    await chord(['Alt', 'Shift'], 'KeyD');
    await chord(['Alt', 'Shift'], 'KeyC');
    await settled(s.el);
    expect(fired).to.deep.equal(['request:call', 'done:call']);
    expect(dials(s)).to.equal(1);
    await act(s, 'end-call');
    await focusInside(s);
    await chord(['Alt', 'Shift'], 'KeyD');
    await settled(s.el);
    expect(current(s).state).to.equal('done');
    expect(fired.slice(-3)).to.deep.equal(['request:mark-done', 'done:mark-done', 'callback-done']);
  });

  it('shortcuts do nothing with focus outside the preview, or without the modifiers', async () => {
    const s = await setup();
    const outside = document.createElement('button');
    outside.textContent = 'outside';
    document.body.append(outside);
    outside.focus();
    const fired = recordActionEvents(s.el);
    await chord(['Alt', 'Shift'], 'KeyC');
    await focusInside(s);
    await chord(['Shift'], 'KeyC');
    await chord(['Alt'], 'KeyC');
    await settled(s.el);
    expect(fired).to.deep.equal([]);
    expect(current(s).state).to.equal('ready-to-call');
    outside.remove();
  });

  it('shortcuts are configurable, and an empty attribute turns them off', async () => {
    const custom = await setup({ shortcuts: 'call=ctrl+alt+k, done=' });
    expect(button(custom.el, 'call')!.getAttribute('aria-keyshortcuts')).to.equal('Control+Alt+K');
    expect(button(custom.el, 'mark-done')!.hasAttribute('aria-keyshortcuts')).to.equal(false);
    expect(text(root(custom.el).querySelector('[part=shortcuts]'))).to.equal('Keyboard shortcuts: Call Control+Alt+K');
    await focusInside(custom);
    await chord(['Alt', 'Shift'], 'KeyC');
    await settled(custom.el);
    expect(current(custom).state).to.equal('ready-to-call');
    await chord(['Control', 'Alt'], 'KeyK');
    await waitUntil(() => current(custom).state === 'dialing', 'dialing', { timeout: 3000 });

    const off = await setup({ shortcuts: '' });
    expect(button(off.el, 'call')!.hasAttribute('aria-keyshortcuts')).to.equal(false);
    expect(root(off.el).querySelector('[part=shortcuts]') === null, 'no hint').to.equal(true);
    await focusInside(off);
    await chord(['Alt', 'Shift'], 'KeyC');
    await settled(off.el);
    expect(current(off).state).to.equal('ready-to-call');
    await expect(off.el).to.be.accessible();
  });

  it('keyboard only: Tab to Call, Enter; hold and resume with the arrows; end; Done', async () => {
    const s = await setup({ regions: 'case-information, actions, note' });
    const before = document.createElement('button');
    before.textContent = 'before';
    s.el.before(before);
    before.focus();
    for (let i = 0; i < 4 && deepActive() !== button(s.el, 'call'); i++) await sendKeys({ press: 'Tab' });
    expect(deepActive() === button(s.el, 'call'), 'Tab reaches Call').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => current(s).state === 'dialing', 'dialing', { timeout: 3000 });
    s.clock.advance(4_000);
    await settled(s.el);
    expect(callState(s.el)).to.equal('Connected');
    expect(deepActive()?.closest('[role=toolbar]') !== null, 'focus still in the toolbar').to.equal(true);
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    expect((deepActive() as HTMLElement).dataset.action).to.equal('hold');
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    expect(callState(s.el)).to.equal('On hold');
    expect((deepActive() as HTMLElement).dataset.action).to.equal('resume');
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    expect(callState(s.el)).to.equal('Connected');
    await sendKeys({ press: 'Home' });
    expect((deepActive() as HTMLElement).dataset.action).to.equal('end-call');
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    expect(callState(s.el)).to.equal('Ready to call');
    await sendKeys({ press: 'End' });
    expect((deepActive() as HTMLElement).textContent!.trim()).to.equal('Done');
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    expect(current(s).state).to.equal('done');
    before.remove();
  });
});

describe('<callback-preview> auto-dial', () => {
  it('dials once through the Call button when the accepted interaction is ready to call', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('web-callback');
    await cc.accept(offer.id);
    const requests: string[] = [];
    const listen = (e: Event) => requests.push((e as CustomEvent<{ action: string }>).detail.action);
    document.addEventListener('callback-action', listen);
    try {
      const el = await mount(cc, clock, offer.id, { autoDial: true });
      const s = { clock, cc, el, id: offer.id };
      await waitUntil(() => current(s).state === 'dialing', 'auto-dialed', { timeout: 3000 });
      expect(requests).to.deep.equal(['call']);
      clock.advance(4_000);
      await settled(el);
      await act(s, 'end-call');
      await settled(el);
      expect(callState(el)).to.equal('Ready to call');
      // Opened again (another tab, a reload of the window): no second automatic call.
      el.remove();
      const again = await mount(cc, clock, offer.id, { autoDial: true });
      await settled(again);
      expect(dials(s)).to.equal(1);
      expect(requests).to.deep.equal(['call', 'end-call']);
    } finally {
      document.removeEventListener('callback-action', listen);
    }
  });

  it('without auto-dial nothing is dialed; with a bad number the error shows once', async () => {
    const plain = await setup();
    await settled(plain.el);
    expect(current(plain).state).to.equal('ready-to-call');

    const bad = await setup({ autoDial: true, overrides: { contact: { name: 'X', phone: '+44 20' } } });
    await waitUntil(() => actionsRoot(bad.el).querySelector('[role=alert]')?.textContent?.trim(), 'error shown', { timeout: 3000 });
    await settled(bad.el);
    expect(text(actionsRoot(bad.el).querySelector('[role=alert]'))).to.equal('The phone number is too short.');
    expect(current(bad).state).to.equal('ready-to-call');
    expect(isDisabled(bad.el, 'call')).to.equal(false);
    // Opened again: the automatic attempt was made already, so no second one (and no second error).
    const errors: string[] = [];
    const listen = (e: Event) => errors.push((e as CustomEvent<{ action: string }>).detail.action);
    document.addEventListener('callback-error', listen);
    try {
      bad.el.remove();
      const again = await mount(bad.cc, bad.clock, bad.id, { autoDial: true });
      await aTimeout(300);
      await settled(again);
      expect(errors).to.deep.equal([]);
      expect(actionsRoot(again).querySelector('[role=alert]')!.hasAttribute('hidden')).to.equal(true);
    } finally {
      document.removeEventListener('callback-error', listen);
    }
  });
});

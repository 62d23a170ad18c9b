import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { OfferOverrides, ScenarioName } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { deepActive, focusPath, press, shiftTab, tabTo, type } from './keyboard.js';
import '../helpers/lit-warnings.js';
import { sendKeys } from '../helpers/keys.js';
import { settled } from '../helpers/wait.js';

/**
 * Every action that takes away the focused control puts focus at the place docs/a11y documents
 * for it, never on <body> and never on a button that would change a callback (Reschedule, Mark
 * done, the Accept or Reject of another offer). Driven by keyboard, action by action, in
 * <callback-desk>.
 */

interface Desk {
  clock: ManualClock;
  cc: SimulatedContactCenter;
  desk: CallbackDesk;
  host: HTMLInputElement;
}

async function setup(): Promise<Desk> {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const page = await fixture<HTMLElement>(html`<div>
    <label>CRM search <input id="host" /></label>
    <callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>
  </div>`);
  const desk = page.querySelector<CallbackDesk>('callback-desk')!;
  await desk.updateComplete;
  return { clock, cc, desk, host: page.querySelector<HTMLInputElement>('#host')! };
}

const deskRoot = (s: Desk) => s.desk.shadowRoot!;
const notification = (s: Desk) => deskRoot(s).querySelector('callback-notification')!;
const inNotification = (s: Desk, selector: string) => notification(s).shadowRoot!.querySelector<HTMLElement>(selector);
const openWindow = (s: Desk) => deskRoot(s).querySelector<HTMLElement>('[part=window]:not([hidden])');
const actions = (s: Desk) => openWindow(s)!.firstElementChild!.shadowRoot!.querySelector('call-actions')!;
const toolbar = (s: Desk) => actions(s).shadowRoot!.querySelector<HTMLElement>('[part=toolbar]')!;
const focusedAction = () => deepActive()?.getAttribute('data-action') ?? '';
const isToolbarButton = (el: Element) => el.matches('[part~=button][data-action]');

/** Not lost, and not on a control whose activation changes a callback. */
function expectSafe() {
  const el = deepActive();
  expect(!!el && el !== document.body, `focus lost to <body> (${focusPath()})`).to.equal(true);
  expect(['reschedule', 'mark-done', 'end-call', 'consult-transfer', 'consult-conference'], `focus on a consequential button (${focusPath()})`).to.not.include(
    focusedAction(),
  );
  expect(el!.matches('[part=accept-button], [part=reject-button]'), `focus on an offer's Accept or Reject (${focusPath()})`).to.equal(false);
}

async function offer(s: Desk, scenario: ScenarioName = 'immediate', overrides: OfferOverrides = {}): Promise<Interaction> {
  const interaction = await s.cc.offer(scenario, overrides);
  await settled(s.desk);
  await waitUntil(() => inNotification(s, '[part=accept-button]'), 'offer shown', { timeout: 3000 });
  return interaction;
}

/** Accepts the shown offer by keyboard; focus is taken into the new window. */
async function acceptByKeyboard(s: Desk) {
  await tabTo((el) => el.matches('[part=accept-button]'), 'Accept');
  await press('Enter');
  await waitUntil(() => deepActive()?.matches('[part=window]'), `focus in the new window (${focusPath()})`, { timeout: 3000 });
  await settled(s.desk);
}

async function arrowTo(name: string) {
  for (let i = 0; i < 20 && focusedAction() !== name; i++) await press('ArrowRight');
  expect(focusedAction(), `toolbar reached ${name}; focus: ${focusPath()}`).to.equal(name);
}

async function activate(s: Desk, name: string) {
  if (!deepActive()?.closest('[role=toolbar]') && !deepActive()?.matches('[role=toolbar]')) await tabTo(isToolbarButton, 'the call toolbar');
  await arrowTo(name);
  await waitUntil(() => deepActive()?.getAttribute('aria-disabled') === 'false', `${name} enabled`, { timeout: 3000 });
  await press('Enter');
  await settled(s.desk);
}

/** In the open communicator: types `what`, waits for results, arrows to the first, Enter. */
async function chooseTarget(s: Desk, what: string) {
  expect(deepActive()?.getAttribute('role'), `focus in the communicator (${focusPath()})`).to.equal('combobox');
  await type(what);
  s.clock.advance(200);
  await settled(s.desk);
  await waitUntil(() => deepActive()?.getAttribute('aria-expanded') === 'true', 'results listed', { timeout: 3000 });
  await press('ArrowDown');
  await press('Enter');
  await settled(s.desk);
}

/** Focus is on the toolbar itself (`[part=toolbar]`, tabindex=-1): docs/a11y/call-actions.md. */
const onToolbar = (s: Desk) => deepActive() === toolbar(s);

describe('focus after an action removes the focused control, in <callback-desk>', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('Reject, nothing else waiting: focus on the idle message', async () => {
    const s = await setup();
    const offered = await offer(s);
    await tabTo((el) => el.matches('[part=reject-button]'), 'Reject');
    await press('Enter');
    await waitUntil(() => s.cc.getInteraction(offered.id)?.state === 'rejected', 'rejected', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(deepActive()?.matches('.idle'), `focus on the idle message (${focusPath()})`).to.equal(true);
    await expect(s.desk).to.be.accessible();
  });

  it("Reject with another offer waiting: focus on that offer's heading, not on its Accept", async () => {
    const s = await setup();
    const first = await offer(s, 'immediate');
    await offer(s, 'web-callback');
    await tabTo((el) => el.matches('[part=reject-button]'), 'Reject');
    await press('Enter');
    await waitUntil(() => s.cc.getInteraction(first.id)?.state === 'rejected', 'rejected', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(deepActive() === inNotification(s, '#title'), `focus on the next offer's heading (${focusPath()})`).to.equal(true);
    expect(deepActive()!.textContent).to.include('Priya Natarajan');
    await expect(s.desk).to.be.accessible();
  });

  it('an offer expiring while focus is on Accept: focus on the "not answered in time" notice', async () => {
    const s = await setup();
    const offered = await offer(s);
    await tabTo((el) => el.matches('[part=accept-button]'), 'Accept');
    s.clock.advance(offered.offer.expiresAt - s.clock.now() + 1_000);
    await settled(s.desk);
    await waitUntil(() => s.cc.getInteraction(offered.id)?.state === 'expired', 'expired', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(deepActive() === inNotification(s, '#title'), `focus on the notice's heading (${focusPath()})`).to.equal(true);
    expect(notification(s).shadowRoot!.textContent).to.include('Not answered in time');
    await expect(s.desk).to.be.accessible();
  });

  it('Dismiss of the "not answered in time" notice: focus on the idle message, or on the open window', async () => {
    const s = await setup();
    const offered = await offer(s);
    s.clock.advance(offered.offer.expiresAt - s.clock.now() + 1_000);
    await settled(s.desk);
    await waitUntil(() => inNotification(s, 'button.dismiss'), 'the notice', { timeout: 3000 });
    await tabTo((el) => el.matches('button.dismiss'), 'Dismiss');
    await press('Enter');
    await settled(s.desk);
    expectSafe();
    expect(deepActive()?.matches('.idle'), `focus on the idle message (${focusPath()})`).to.equal(true);

    // With a window open, to the window.
    await offer(s, 'immediate');
    await acceptByKeyboard(s);
    const second = await offer(s, 'delayed');
    s.clock.advance(second.offer.expiresAt - s.clock.now() + 1_000);
    await settled(s.desk);
    await waitUntil(() => inNotification(s, 'button.dismiss'), 'the notice', { timeout: 3000 });
    await tabTo((el) => el.matches('button.dismiss'), 'Dismiss', { back: true });
    await press('Enter');
    await settled(s.desk);
    expectSafe();
    expect(deepActive() === openWindow(s), `focus on the open window (${focusPath()})`).to.equal(true);
  });

  it('instant transfer ("Instant call transfer", Billing, Enter): focus on the call toolbar', async () => {
    const s = await setup();
    await offer(s);
    await acceptByKeyboard(s);
    await activate(s, 'transfer');
    await chooseTarget(s, 'Billing');
    await waitUntil(() => s.cc.listInteractions().at(-1)!.state === 'ended', 'transferred', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(onToolbar(s), `focus on the call toolbar (${focusPath()})`).to.equal(true);
    await expect(s.desk).to.be.accessible();
  });

  it('Transfer to the consulted party: focus on the call toolbar', async () => {
    const s = await setup();
    await offer(s);
    await acceptByKeyboard(s);
    await activate(s, 'consult');
    await chooseTarget(s, 'Ben');
    s.clock.advance(5_000);
    await settled(s.desk);
    await waitUntil(() => !!s.cc.listInteractions().at(-1)!.consultation, 'consulting', { timeout: 3000 });
    await activate(s, 'consult-transfer');
    await waitUntil(() => s.cc.listInteractions().at(-1)!.state === 'ended', 'transferred', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(onToolbar(s), `focus on the call toolbar (${focusPath()})`).to.equal(true);
  });

  it('Conference: focus back on Conference (it opened the popup and is still there), not on Reschedule callback', async () => {
    const s = await setup();
    await offer(s);
    await acceptByKeyboard(s);
    await activate(s, 'conference');
    await chooseTarget(s, 'Ben');
    await waitUntil(() => (s.cc.listInteractions().at(-1)!.participants?.length ?? 0) > 0, 'conferenced', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(focusedAction(), `focus back on Conference (${focusPath()})`).to.equal('conference');
    // Leave conference takes the agent off the call: its button goes, and focus goes to the toolbar.
    await activate(s, 'leave-conference');
    await waitUntil(() => s.cc.listInteractions().at(-1)!.state === 'ended', 'left', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(onToolbar(s), `focus on the call toolbar (${focusPath()})`).to.equal(true);
  });

  it('End call: focus on the call toolbar, not on Reschedule callback', async () => {
    const s = await setup();
    await offer(s);
    await acceptByKeyboard(s);
    await activate(s, 'end-call');
    await waitUntil(() => s.cc.listInteractions().at(-1)!.state === 'ended', 'ended', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(onToolbar(s), `focus on the call toolbar (${focusPath()})`).to.equal(true);
    // The arrow keys go on from there, and Tab reaches the toolbar's one tab stop.
    await press('ArrowRight');
    expect(isToolbarButton(deepActive()!), `arrow into the buttons (${focusPath()})`).to.equal(true);
    await expect(s.desk).to.be.accessible();
  });

  it('a callback accepted elsewhere (another window of the agent) while focus is in a window: that window stays, and focus with it', async () => {
    const s = await setup();
    const first = await offer(s);
    await acceptByKeyboard(s);
    await tabTo(isToolbarButton, 'the call toolbar');
    await arrowTo('hold');
    const was = deepActive();
    const other = await offer(s, 'web-callback');
    await s.cc.accept(other.id);
    await settled(s.desk);
    await waitUntil(() => deskRoot(s).querySelectorAll('[role=tab]').length === 2, 'a tab for each', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(openWindow(s)?.id, 'the window the agent works in is still the one shown').to.equal(`window-${first.id}`);
    expect(deepActive() === was, `focus where it was (${focusPath()})`).to.equal(true);
  });

  it('an offer accepted with the offer shortcut while focus is in a window: focus goes to the new window', async () => {
    const s = await setup();
    s.desk.setAttribute('offer-shortcuts', 'accept=Alt+Shift+A');
    await offer(s);
    await acceptByKeyboard(s);
    await tabTo(isToolbarButton, 'the call toolbar');
    const other = await offer(s, 'web-callback');
    for (const m of ['Alt', 'Shift']) await sendKeys({ down: m });
    await sendKeys({ press: 'KeyA' });
    for (const m of ['Shift', 'Alt']) await sendKeys({ up: m });
    await waitUntil(() => s.cc.getInteraction(other.id)?.state === 'ready-to-call', 'accepted', { timeout: 3000 });
    await settled(s.desk);
    await waitUntil(() => openWindow(s)?.id === `window-${other.id}`, 'its window shown', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(deepActive() === openWindow(s), `focus on the new window (${focusPath()})`).to.equal(true);
  });

  it('Reject of a duplicate web callback: focus on the open preview', async () => {
    const s = await setup();
    const same = { name: 'Priya Natarajan', phone: '+1 416 555 0123' };
    await offer(s, 'web-callback', { contact: { ...same } });
    await acceptByKeyboard(s);
    const duplicate = await offer(s, 'web-callback', { contact: { ...same } });
    const preview = openWindow(s)!.querySelector('callback-preview')!;
    await waitUntil(() => preview.shadowRoot!.querySelector('[part=duplicate-button]'), 'duplicate warning', { timeout: 3000 });
    await shiftTab();
    await tabTo((el) => el.matches('[part=reject-button]'), 'Reject', { back: true });
    await press('Enter');
    await waitUntil(() => s.cc.getInteraction(duplicate.id)?.state === 'rejected', 'rejected', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(deepActive() === openWindow(s), `focus on the open preview's window (${focusPath()})`).to.equal(true);
    expect(preview.shadowRoot!.querySelector('[part=duplicate-button]'), 'the warning went with the duplicate').to.equal(null);
  });

  it("a duplicate's entry in the warning goes while focused: focus on the entry left, then on the preview's window", async () => {
    const s = await setup();
    const same = { name: 'Priya Natarajan', phone: '+1 416 555 0123' };
    await offer(s, 'web-callback', { contact: { ...same } });
    await acceptByKeyboard(s);
    const first = await offer(s, 'web-callback', { contact: { ...same } });
    const second = await offer(s, 'web-callback', { contact: { ...same } });
    const preview = openWindow(s)!.querySelector('callback-preview')!;
    const entries = () => [...preview.shadowRoot!.querySelectorAll<HTMLElement>('[part=duplicate-button]')];
    await waitUntil(() => entries().length === 2, 'two duplicates', { timeout: 3000 });
    await tabTo((el) => el.matches('[part=duplicate-button]') && el.getAttribute('data-interaction-id') === second.id, 'the last duplicate');
    // The service takes it back (another agent took it, the customer cancelled): its entry goes.
    await s.cc.reject(second.id);
    await settled(s.desk);
    await waitUntil(() => entries().length === 1, 'one duplicate left', { timeout: 3000 });
    expectSafe();
    expect(deepActive()?.getAttribute('data-interaction-id'), `focus on the entry left (${focusPath()})`).to.equal(first.id);
    await s.cc.reject(first.id);
    await settled(s.desk);
    await waitUntil(() => entries().length === 0, 'no duplicate left', { timeout: 3000 });
    await settled(s.desk);
    expectSafe();
    expect(deepActive() === openWindow(s), `focus on the preview's window (${focusPath()})`).to.equal(true);
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { CallbackDoneEvent } from '../../src/elements/call-actions/call-actions.events.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { deepActive, focusPath, focusWithin, press, tabTo, type } from './keyboard.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * The two complete callback flows in <callback-desk>, by keyboard alone: no click(), and no
 * focus() other than putting the agent in a host-page field at the start. Every popup closed with
 * Escape must give focus back to the button that opened it; offers and call changes are announced
 * in the polite live region without taking focus from the host page.
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

const current = (s: Desk): Interaction => s.cc.listInteractions().at(-1)!;
const region = () => document.getElementById('callback-elements-announcer');
const live = (text: string) => waitUntil(() => announcement().includes(text), `announced: ${text} (was "${announcement()}")`, { timeout: 2000 });
const action = (el: Element | null) => el?.getAttribute('data-action') ?? '';
const isToolbarButton = (el: Element) => el.matches('[part~=button][data-action]');
const focusedAction = () => action(deepActive());

/** The open popup panel of the window's toolbar, or null. */
function panel(): HTMLElement | null {
  const actions = [...document.querySelectorAll('callback-desk')]
    .map((d) => d.shadowRoot!.querySelector('[part=window]:not([hidden]) > *')?.shadowRoot?.querySelector('call-actions'))
    .find(Boolean);
  const p = actions?.shadowRoot?.querySelector<HTMLElement>('#panel');
  return p?.matches(':popover-open') ? p : null;
}

/** Moves along the focused toolbar with the arrow keys until `name` has focus. */
async function arrowTo(name: string) {
  for (let i = 0; i < 15 && focusedAction() !== name; i++) await press('ArrowRight');
  expect(focusedAction(), `toolbar reached ${name}; focus: ${focusPath()}`).to.equal(name);
}

/** Waits until the model enables the focused toolbar button, then presses Enter on it. */
async function activate(s: Desk, name: string) {
  await arrowTo(name);
  await waitUntil(() => deepActive()?.getAttribute('aria-disabled') === 'false', `${name} enabled`, { timeout: 3000 });
  await press('Enter');
  await settled(s.desk);
}

/** An offer arrives while the agent types in the host page: announced, focus and text untouched. */
async function offerWhileTyping(s: Desk, scenario: 'immediate' | 'web-callback', announced: string) {
  s.host.focus();
  await type('Chen');
  await s.cc.offer(scenario);
  await settled(s.desk);
  await live(announced);
  expect(region()!.getAttribute('aria-live')).to.equal('polite');
  expect(deepActive() === s.host, `focus stayed in the host field (${focusPath()})`).to.equal(true);
  await type(' card');
  expect(s.host.value).to.equal('Chen card');
}

async function acceptByKeyboard(s: Desk) {
  await tabTo((el) => el.matches('[part=accept-button]'), 'Accept');
  await press('Enter');
  await waitUntil(() => deepActive()?.matches('[part=window]'), `focus taken into the new window (${focusPath()})`, { timeout: 3000 });
  await settled(s.desk);
}

describe('keyboard-only flows in <callback-desk>', () => {
  // Note drafts live in localStorage, shared by every test file of this origin.
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('voice callback: offer, accept, hold, resume, DTMF, participant menu, consult and transfer, disposition, note, Mark done', async () => {
    const s = await setup();
    await offerWhileTyping(s, 'immediate', 'New callback: Immediate, Margaret Chen.');
    await acceptByKeyboard(s);
    expect(current(s).state).to.equal('connected');
    await live('Connected to Margaret Chen.');

    // Into the toolbar: one Tab stop, arrows move.
    expect(await tabTo(isToolbarButton, 'the call toolbar')).to.deep.equal(['button[menu-button]', 'button[end-call]']);

    await activate(s, 'hold');
    expect(current(s).state).to.equal('held');
    await live('Call with Margaret Chen on hold.');
    expect(isToolbarButton(deepActive()!), `focus kept on the toolbar (${focusPath()})`).to.equal(true);
    await activate(s, 'resume');
    expect(current(s).state).to.equal('connected');
    await live('Call with Margaret Chen resumed.');

    // DTMF: typed in the field, then keys of the keypad; Escape closes and returns to the button.
    await activate(s, 'dtmf');
    expect(panel() !== null, 'keypad popup open').to.equal(true);
    expect(deepActive()?.id, `focus in the digits field (${focusPath()})`).to.equal('digits');
    await type('12');
    await tabTo((el) => el.matches('button.key'), 'the keypad');
    expect(deepActive()?.getAttribute('data-key')).to.equal('1');
    await press('ArrowRight', 2);
    expect(deepActive()?.getAttribute('data-key')).to.equal('3');
    await press('Enter');
    await press('ArrowDown', 3);
    expect(deepActive()?.getAttribute('data-key')).to.equal('#');
    await press('Space');
    s.clock.advance(600);
    await settled(s.desk);
    expect(s.cc.farEnd(current(s).callId!).digits).to.equal('123#');
    await press('Escape');
    await settled(s.desk);
    expect(panel() === null, 'keypad closed').to.equal(true);
    expect(focusedAction(), `focus back on Send DTMF (${focusPath()})`).to.equal('dtmf');

    // The participant menu: ArrowDown opens it, Escape closes it and returns to its button.
    await tabTo((el) => el.matches('[part=menu-button]'), 'the participant menu button', { back: true });
    await press('ArrowDown');
    await settled(s.desk);
    expect(deepActive()?.getAttribute('role'), `focus in the menu (${focusPath()})`).to.equal('menuitem');
    await press('ArrowDown');
    await press('Escape');
    await settled(s.desk);
    expect(deepActive()?.matches('[part=menu-button]'), `focus back on the menu button (${focusPath()})`).to.equal(true);
    expect(deepActive()?.getAttribute('aria-expanded')).to.equal('false');

    // Instant transfer opened and left with Escape.
    await tabTo(isToolbarButton, 'the call toolbar');
    await activate(s, 'transfer');
    expect(deepActive()?.getAttribute('role'), `focus in the communicator (${focusPath()})`).to.equal('combobox');
    // Escape closes the topmost thing only: the result list, then the typed text, then the popup.
    await type('Ben');
    s.clock.advance(200);
    await settled(s.desk);
    await waitUntil(() => deepActive()?.getAttribute('aria-expanded') === 'true', 'results listed');
    await press('Escape');
    expect(deepActive()?.getAttribute('aria-expanded'), 'list closed').to.equal('false');
    expect(panel() !== null, 'popup still open').to.equal(true);
    await press('Escape');
    expect((deepActive() as HTMLInputElement).value, 'text cleared').to.equal('');
    expect(panel() !== null, 'popup still open').to.equal(true);
    await press('Escape');
    await settled(s.desk);
    expect(panel() === null, 'communicator closed').to.equal(true);
    expect(focusedAction(), `focus back on Transfer (${focusPath()})`).to.equal('transfer');

    // Consultation: type a name, arrow to the result, Enter; then transfer to the consulted agent.
    await activate(s, 'consult');
    await type('Ben');
    s.clock.advance(200);
    await settled(s.desk);
    await waitUntil(() => deepActive()?.getAttribute('aria-expanded') === 'true', 'results listed');
    await press('ArrowDown');
    await press('Enter');
    await settled(s.desk);
    expect(current(s).consultation?.target.name).to.equal('Ben Okafor');
    expect(panel() === null, 'communicator closed after the choice').to.equal(true);
    expect(isToolbarButton(deepActive()!), `focus back in the toolbar (${focusPath()})`).to.equal(true);
    s.clock.advance(5_000);
    await settled(s.desk);
    await activate(s, 'consult-transfer');
    expect(current(s).state).to.equal('ended');
    expect(s.cc.farEnd(current(s).callId!).transferredTo).to.equal('4102');
    await live('transferred to Ben Okafor');
    // Its button went with the call: focus on the toolbar itself, not on the Mark done now in its place.
    expect(deepActive()?.matches('[part=toolbar]'), `focus on the call toolbar (${focusPath()})`).to.equal(true);

    // Wrap-up: the disposition tree (Right opens a folder, Down, Enter picks), the note, Mark done.
    expect(await tabTo((el) => el.matches('[role=treeitem]'), 'the disposition tree')).to.deep.equal(['button[mark-done]', 'input[search]', 'li[folder:resolved]']);
    await press('ArrowRight');
    await press('ArrowDown');
    expect(deepActive()?.getAttribute('data-code')).to.equal('RES-INFO');
    await press('Enter');
    await waitUntil(() => current(s).disposition?.code === 'RES-INFO', 'disposition stored');
    await tabTo((el) => el.localName === 'textarea', 'the note');
    await type('Card unblocked for Spain');
    // Shift+Tab walks back to the toolbar, which remembers its last button (roving tabindex).
    expect(await tabTo(isToolbarButton, 'the call toolbar', { back: true })).to.deep.equal(['li[RES-INFO]', 'input[search]', 'button[mark-done]']);
    const done = new Promise<CallbackDoneEvent>((resolve) => s.desk.addEventListener('callback-done', resolve, { once: true }));
    await press('End');
    expect(focusedAction()).to.equal('mark-done');
    await press('Enter');
    const event = await done;
    expect(event.detail.disposition?.code).to.equal('RES-INFO');
    expect(event.detail.notes).to.deep.equal(['Card unblocked for Spain']);
    expect(s.cc.getInteraction(event.detail.interaction.id)!.state).to.equal('done');
    await settled(s.desk);
    expect(deepActive()?.matches('.idle'), `focus on the idle message, not lost (${focusPath()})`).to.equal(true);
  });
  it('web callback: offer, accept, preview, Call, connected, End, Schedule callback (Escape), then Done with a disposition', async () => {
    const s = await setup();
    await offerWhileTyping(s, 'web-callback', 'New callback: Scheduled, Priya Natarajan.');
    await acceptByKeyboard(s);
    expect(current(s).state).to.equal('ready-to-call');
    expect(await tabTo(isToolbarButton, 'the preview toolbar')).to.deep.equal(['button[menu-button]', 'button[call]']);

    await activate(s, 'call');
    await waitUntil(() => current(s).state === 'dialing', 'dialing', { timeout: 3000 });
    await live('Calling Priya Natarajan');
    s.clock.advance(4_000);
    await settled(s.desk);
    expect(current(s).state).to.equal('connected');
    await live('Connected to Priya Natarajan.');
    // Call went, End call took its place: focus on the toolbar itself, not on End call.
    expect(deepActive()?.matches('[part=toolbar]'), `focus on the toolbar (${focusPath()})`).to.equal(true);
    await activate(s, 'end-call');
    expect(current(s).state).to.equal('ready-to-call');
    await live('Call with Priya Natarajan ended.');

    // Schedule callback: Escape closes the scheduler and returns to its button.
    await activate(s, 'reschedule');
    expect(panel() !== null, 'scheduler open').to.equal(true);
    expect(deepActive()?.id, 'the scheduler opens on its first field').to.equal('date');
    expect(focusWithin(panel()!.querySelector('callback-scheduler')!), `focus in the scheduler (${focusPath()})`).to.equal(true);
    await press('Escape');
    await settled(s.desk);
    expect(panel() === null, 'scheduler closed').to.equal(true);
    expect(focusedAction(), `focus back on Schedule callback (${focusPath()})`).to.equal('reschedule');

    // Done with a disposition: the tree, then Alt+Shift+D from anywhere in the preview.
    await tabTo((el) => el.matches('[role=treeitem]'), 'the disposition tree');
    await press('N');
    expect(deepActive()?.getAttribute('data-code')).to.equal('folder:not-reached');
    await press('ArrowRight');
    await press('ArrowDown', 2);
    expect(deepActive()?.getAttribute('data-code')).to.equal('NR-BUSY');
    await press('Space');
    await waitUntil(() => current(s).disposition?.code === 'NR-BUSY', 'disposition stored');
    const done = new Promise<CallbackDoneEvent>((resolve) => s.desk.addEventListener('callback-done', resolve, { once: true }));
    await sendKeys({ down: 'Alt' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'KeyD' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ up: 'Alt' });
    const event = await done;
    expect(event.detail.disposition?.code).to.equal('NR-BUSY');
    expect(s.cc.getInteraction(event.detail.interaction.id)!.state).to.equal('done');
    await settled(s.desk);
    expect(deepActive()?.matches('.idle'), `focus on the idle message, not lost (${focusPath()})`).to.equal(true);
  });
  it('web callback: Schedule callback into a free slot closes the preview like Done; focus on the idle message', async () => {
    const s = await setup();
    await offerWhileTyping(s, 'web-callback', 'New callback: Scheduled, Priya Natarajan.');
    await acceptByKeyboard(s);
    const id = current(s).id;
    await tabTo(isToolbarButton, 'the preview toolbar');

    // Tab to the slots, Space picks one, Tab to Schedule, Enter.
    await activate(s, 'reschedule');
    const scheduler = panel()!.querySelector('callback-scheduler')!;
    await waitUntil(() => scheduler.shadowRoot!.querySelector('[part=slots] input[type=radio]:not([disabled])'), 'free slots', { timeout: 3000 });
    await tabTo((el) => el.matches('[part=slots] input[type=radio]'), 'a free slot');
    await press('Space');
    await settled(s.desk);
    const picked = scheduler.shadowRoot!.querySelector<HTMLInputElement>('#time')!.value;
    expect(picked, 'the slot filled the time').to.not.equal('');
    await tabTo((el) => el.matches('[part=submit-button]'), 'Schedule');
    const before = current(s).desiredTime;
    const done = new Promise<CallbackDoneEvent>((resolve) => s.desk.addEventListener('callback-done', resolve, { once: true }));
    await press('Enter');
    const event = await done;
    expect(event.detail.interaction.id).to.equal(id);
    expect(event.detail.history.at(-1)?.kind).to.equal('rescheduled');
    const closed = s.cc.getInteraction(id)!;
    expect(closed.state).to.equal('done');
    expect(closed.desiredTime).to.not.equal(before);
    await settled(s.desk);
    await live('Callback rescheduled for');
    expect(s.desk.shadowRoot!.querySelector(`#window-${CSS.escape(id)}`), 'the preview is gone').to.equal(null);
    expect(deepActive()?.matches('.idle'), `focus on the idle message, not lost (${focusPath()})`).to.equal(true);
  });
});

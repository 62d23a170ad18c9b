import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { SimulatedContactCenter, type ScenarioName } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { formatPhone, phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';
import { inWindow, openWindowRoot } from '../helpers/desk.js';

/** The whole agent experience, driven as an agent would: clicks, keys, and time passing. */
async function setup(policy?: { dispositionMandatory?: boolean }) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, ...(policy ? { policy: { ...policy } as never } : {}) });
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    disposition-mode="list"
    .callbackAdapter=${cc}
    .telephonyAdapter=${cc}
    .directoryAdapter=${cc}
    .clock=${clock}
    .policy=${policy}
  ></callback-desk>`);
  return { clock, cc, desk };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const deskRoot = (s: Setup) => s.desk.shadowRoot!;
/** The window of the selected interaction: a voice interaction window or a web-callback preview. */
/** The window on show (one is kept per open interaction; the others are hidden). */
const actionButton = (s: Setup, action: string) => inWindow(s.desk, 'call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
const panel = (s: Setup) => inWindow(s.desk, 'call-actions')!.querySelector('#panel')!;
const current = (s: Setup) => s.cc.listInteractions().at(-1)!;

async function acceptOffer(s: Setup, scenario: ScenarioName = 'immediate') {
  const offer = await s.cc.offer(scenario);
  await settled(s.desk);
  const notification = deskRoot(s).querySelector('callback-notification')!;
  await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'offer shown');
  notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
  await waitUntil(
    () => deskRoot(s).querySelector(`#window-${CSS.escape(offer.id)}:not([hidden])`) && actionButton(s, 'mark-done'),
    'interaction window open',
  );
  return offer;
}

async function act(s: Setup, action: string) {
  await waitUntil(() => actionButton(s, action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`);
  actionButton(s, action)!.click();
  await settled(s.desk);
}

describe('<callback-desk>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('idle, then shows agent status, the offer, and the window after accepting', async () => {
    const s = await setup();
    expect(deskRoot(s).textContent).to.include('No interaction in progress');
    expect(deskRoot(s).querySelector('agent-status')).to.not.equal(null);
    await expect(s.desk).to.be.accessible();
    const offer = await acceptOffer(s);
    expect(inWindow(s.desk, 'call-status')!.textContent).to.include(offer.contact.name);
    expect(inWindow(s.desk, 'callback-info')!.textContent).to.include(formatPhone(offer.contact.phone));
    await expect(s.desk).to.be.accessible();
  });

  it('accept → hold → resume → DTMF → consult → transfer', async () => {
    const s = await setup();
    await acceptOffer(s);
    await act(s, 'hold');
    expect(current(s).state).to.equal('held');
    await act(s, 'resume');
    expect(current(s).state).to.equal('connected');

    await act(s, 'dtmf');
    const keypad = panel(s).querySelector('dtmf-keypad')!;
    await waitUntil(() => keypad.shadowRoot?.querySelector('#digits'), 'keypad');
    keypad.shadowRoot!.querySelector<HTMLInputElement>('#digits')!.focus();
    await sendKeys({ type: '12#' });
    s.clock.advance(600);
    await settled(s.desk);
    expect(s.cc.farEnd(current(s).callId!).digits).to.equal('12#');
    // Masked by default: the far end got the digits, the case history keeps one • each.
    expect(current(s).history.some((h) => h.kind === 'dtmf' && h.digits === '•••')).to.equal(true);
    await waitUntil(() => inWindow(s.desk, 'case-history')?.textContent?.includes('Sent DTMF'), 'DTMF in the case history');
    expect(inWindow(s.desk, 'case-history')!.textContent).to.not.include('12#');
    await sendKeys({ press: 'Escape' });
    await settled(s.desk);

    await act(s, 'consult');
    const communicator = panel(s).querySelector('team-communicator')!;
    await waitUntil(() => communicator.shadowRoot?.querySelector('input'), 'communicator');
    communicator.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ type: 'Ben' });
    s.clock.advance(200);
    await settled(s.desk);
    await waitUntil(() => communicator.shadowRoot!.querySelector('[role=option]'), 'search results');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settled(s.desk);
    expect(current(s).consultation?.target.name).to.equal('Ben Okafor');
    expect(current(s).state).to.equal('held');
    s.clock.advance(5_000);
    await settled(s.desk);
    await act(s, 'consult-transfer');
    expect(current(s).state).to.equal('ended');
    expect(s.cc.farEnd(current(s).callId!).transferredTo).to.equal('4102');
    await expect(s.desk).to.be.accessible();
  });

  it('accept → reschedule into a free slot', async () => {
    const s = await setup();
    await acceptOffer(s);
    await act(s, 'reschedule');
    const scheduler = panel(s).querySelector('callback-scheduler')!;
    await waitUntil(() => scheduler.shadowRoot?.querySelector('#date'), 'scheduler');
    const date = scheduler.shadowRoot!.querySelector<HTMLInputElement>('#date')!;
    date.value = '2026-11-26';
    date.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settled(s.desk);
    await waitUntil(() => scheduler.shadowRoot!.querySelector('[part=slots] input[type=radio]:not([disabled])'), 'free slots');
    scheduler.shadowRoot!.querySelector<HTMLInputElement>('[part=slots] input[type=radio]:not([disabled])')!.click();
    await settled(s.desk);
    const done = oneEvent(s.desk, 'callback-action-done');
    scheduler.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit-button]')!.click();
    const event = await done;
    expect(event.detail.action).to.equal('reschedule');
    const rescheduled = current(s).history.find((h) => h.kind === 'rescheduled');
    expect(rescheduled, 'rescheduled entry').to.not.equal(undefined);
    expect(new Date(current(s).desiredTime!).toISOString().slice(0, 10)).to.equal('2026-11-26');
    await settled(s.desk);
    expect(panel(s).querySelector('callback-scheduler')).to.equal(null);
  });

  it('accept → disposition → note → mark done (disposition mandatory)', async () => {
    const s = await setup({ dispositionMandatory: true });
    await acceptOffer(s);
    await act(s, 'end-call');
    expect(current(s).state).to.equal('ended');
    expect(actionButton(s, 'mark-done')!.getAttribute('aria-disabled')).to.equal('true');
    expect(inWindow(s.desk, 'call-actions')!.querySelector('[part=reason]')!.textContent).to.include('Choose a disposition');

    const picker = inWindow(s.desk, 'disposition-picker')!;
    await waitUntil(() => picker.querySelector('input[type=radio]'), 'disposition codes');
    const radio = picker.querySelector<HTMLInputElement>('input[type=radio]')!;
    radio.click();
    await waitUntil(() => current(s).disposition?.code === radio.value, 'disposition stored');

    const note = inWindow(s.desk, 'interaction-note')!;
    note.querySelector<HTMLTextAreaElement>('textarea')!.focus();
    await sendKeys({ type: 'Promised a refund by Friday' });
    note.querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    await waitUntil(() => current(s).history.some((h) => h.kind === 'note'), 'note saved');

    const done = oneEvent(s.desk, 'callback-done');
    await act(s, 'mark-done');
    const event = await done;
    expect(event.detail.disposition?.code).to.equal(radio.value);
    expect(event.detail.notes).to.deep.equal(['Promised a refund by Friday']);
    expect(event.detail.history.at(-1)?.kind).to.equal('done');
    await settled(s.desk);
    expect(deskRoot(s).querySelector('interaction-window')).to.equal(null);
  });

  it('several interactions get tabs, operable with the arrow keys', async () => {
    const s = await setup();
    await acceptOffer(s, 'immediate');
    await acceptOffer(s, 'web-callback');
    const tabs = () => [...deskRoot(s).querySelectorAll<HTMLButtonElement>('[role=tab]')];
    expect(tabs()).to.have.length(2);
    expect(tabs()[1]!.getAttribute('aria-selected')).to.equal('true');
    tabs()[1]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await settled(s.desk);
    expect(tabs()[0]!.getAttribute('aria-selected')).to.equal('true');
    expect(deskRoot(s).activeElement).to.equal(tabs()[0]);
    await expect(s.desk).to.be.accessible();
  });

  it('web callback: accept → preview → Call → connected → end → Done', async () => {
    const s = await setup();
    const fired: string[] = [];
    s.desk.addEventListener('callback-action-done', (e) => fired.push(e.detail.action));
    await acceptOffer(s, 'web-callback');
    expect(deskRoot(s).querySelector('interaction-window') === null, 'no voice window').to.equal(true);
    expect(deskRoot(s).querySelector('callback-preview') !== null, 'the preview').to.equal(true);
    expect(inWindow(s.desk, 'call-status')!.querySelector('[part=state]')!.textContent!.trim()).to.equal('Ready to call');
    expect(actionButton(s, 'mark-done')!.textContent!.trim()).to.equal('Done');
    expect(actionButton(s, 'reschedule')!.textContent!.trim()).to.equal('Schedule callback');
    await expect(s.desk).to.be.accessible();
    await act(s, 'call');
    await waitUntil(() => current(s).state === 'dialing', 'dialing', { timeout: 3000 });
    s.clock.advance(4_000);
    await settled(s.desk);
    expect(current(s).state).to.equal('connected');
    await act(s, 'end-call');
    expect(current(s).state).to.equal('ready-to-call');
    const done = oneEvent(s.desk, 'callback-done');
    await act(s, 'mark-done');
    expect((await done).detail.interaction.state).to.equal('done');
    expect(fired).to.deep.equal(['call', 'end-call', 'mark-done']);
    await settled(s.desk);
    expect(deskRoot(s).querySelector('callback-preview') === null, 'the preview closed').to.equal(true);
    expect(deskRoot(s).textContent).to.include('No interaction in progress');
  });

  it('a duplicate warning opens the other callback\'s tab', async () => {
    const s = await setup();
    const first = await acceptOffer(s, 'web-callback');
    const second = await acceptOffer(s, 'web-callback');
    const tabs = () => [...deskRoot(s).querySelectorAll<HTMLButtonElement>('[role=tab]')];
    expect(tabs()[1]!.getAttribute('aria-selected')).to.equal('true');
    await waitUntil(() => openWindowRoot(s.desk)?.querySelector('[part=duplicate-button]'), 'duplicate warning', { timeout: 3000 });
    const link = openWindowRoot(s.desk)!.querySelector<HTMLButtonElement>('[part=duplicate-button]')!;
    expect(link.dataset.interactionId).to.equal(first.id);
    link.click();
    await settled(s.desk);
    expect(tabs()[0]!.getAttribute('aria-selected')).to.equal('true');
    expect(deskRoot(s).querySelector<HTMLElement & { interactionId: string }>('[part=window]:not([hidden]) > callback-preview')!.interactionId).to.equal(first.id);
    expect(deskRoot(s).activeElement === tabs()[0], 'focus on the tab shown').to.equal(true);
    // A duplicate that is not open here (only offered) changes nothing.
    s.desk.dispatchEvent(new CustomEvent('callback-open', { detail: { interactionId: 'cb-elsewhere' } }));
    await settled(s.desk);
    expect(tabs()[0]!.getAttribute('aria-selected')).to.equal('true');
    // The first callback's window warns about the second in turn.
    await waitUntil(
      () => openWindowRoot(s.desk)?.querySelector<HTMLElement>('[part=duplicate-button]')?.dataset.interactionId === second.id,
      'warning about the second',
      { timeout: 3000 },
    );
  });

  it('keeps one window per interaction: switching tabs does not carry one call\'s state to the other', async () => {
    const s = await setup();
    await acceptOffer(s, 'immediate');
    await act(s, 'transfer');
    const firstWindow = openWindowRoot(s.desk)!;
    expect(inWindow(s.desk, 'call-actions')!.querySelector('#panel team-communicator') !== null, 'panel open on the first').to.equal(true);
    await acceptOffer(s, 'delayed');
    await waitUntil(() => openWindowRoot(s.desk) !== firstWindow && actionButton(s, 'hold'), 'the second window shown');
    expect(inWindow(s.desk, 'call-actions')!.querySelector('#panel team-communicator') === null, 'no panel carried over').to.equal(true);
    expect(deskRoot(s).querySelectorAll('interaction-window').length).to.equal(2);
  });

  it('runs the simulated contact center by itself with the simulated attribute', async () => {
    const desk = await fixture<CallbackDesk>(html`<callback-desk simulated></callback-desk>`);
    await waitUntil(() => desk.shadowRoot!.querySelector('[part=simulator-send]'), 'simulation started');
    // A static page with nothing but the tag is playable: its own bar sends an offer.
    desk.shadowRoot!.querySelector<HTMLSelectElement>('#scenario')!.value = 'scheduled';
    desk.shadowRoot!.querySelector<HTMLButtonElement>('[part=simulator-send]')!.click();
    const notification = desk.shadowRoot!.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'offer shown');
    expect(notification.shadowRoot!.textContent).to.include('Scheduled');
    await expect(desk).to.be.accessible();
    desk.contactCenter!.dispose();
  });

  it("the simulator's bar, fetched with the simulator, keeps its look and the desk's own", async () => {
    const desk = await fixture<CallbackDesk>(html`<callback-desk simulated></callback-desk>`);
    await waitUntil(() => desk.shadowRoot!.querySelector('[part=simulator-send]'), 'simulation started');
    const bar = desk.shadowRoot!.querySelector<HTMLDetailsElement>('[part=simulator]')!;
    // A dashed box whose summary spans the row when open (its styles come with the simulator).
    expect(getComputedStyle(bar).borderTopStyle).to.equal('dashed');
    bar.open = true;
    expect(getComputedStyle(bar).display).to.equal('flex');
    expect(getComputedStyle(bar.querySelector('summary')!).cursor).to.equal('pointer');
    // The desk's own styles stay (its one-column grid).
    expect(getComputedStyle(desk).display).to.equal('grid');
    await expect(desk).to.be.accessible();
    desk.contactCenter!.dispose();
  });
});

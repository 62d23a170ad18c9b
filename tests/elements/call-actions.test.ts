import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/call-actions.js';
import '../../src/call-status.js';
import type { CallActions } from '../../src/call-actions.js';
import { SimulatedContactCenter, SAMPLE_TARGETS } from '../../src/adapters/simulated/index.js';
import type { Capabilities, Policy } from '../../src/model/actions.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction, TargetRef } from '../../src/model/interaction.js';
import '../helpers/lit-warnings.js';
import { recordActionEvents } from '../helpers/events.js';
import { settled } from '../helpers/wait.js';

interface Setup {
  clock: ManualClock;
  cc: SimulatedContactCenter;
  el: CallActions;
  interaction: Interaction;
}

async function setup(
  scenario: Parameters<SimulatedContactCenter['offer']>[0] = 'immediate',
  options: { policy?: Partial<Policy>; capabilities?: Partial<Capabilities>; accept?: boolean } = {},
): Promise<Setup> {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({
    clock,
    latencyMs: 0,
    ...(options.policy ? { policy: { ...options.policy } as Policy } : {}),
    ...(options.capabilities ? { capabilities: { ...options.capabilities } as Capabilities } : {}),
  });
  const offer = await cc.offer(scenario);
  const interaction = options.accept === false ? offer : await cc.accept(offer.id);
  const el = await fixture<CallActions>(html`<call-actions
    interaction-id=${interaction.id}
    .adapter=${cc}
    .telephony=${cc}
    .directory=${cc}
    .clock=${clock}
    .policy=${options.policy}
  ></call-actions>`);
  return { clock, cc, el, interaction };
}

const buttons = (el: CallActions) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=button]')];
const shown = (el: CallActions) => buttons(el).map((b) => b.dataset.action);
const button = (el: CallActions, action: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
const isDisabled = (el: CallActions, action: string) => button(el, action)?.getAttribute('aria-disabled') === 'true';
const state = (s: Setup) => s.cc.getInteraction(s.interaction.id)!;

/** Picks a target through the open panel's team communicator, as its `target-select` event would. */
async function choose(el: CallActions, target: TargetRef) {
  const communicator = el.shadowRoot!.querySelector('#panel team-communicator');
  expect(communicator, 'team communicator in the popup').to.not.equal(null);
  communicator!.dispatchEvent(new CustomEvent('target-select', { detail: { target, purpose: communicator!.getAttribute('purpose') }, bubbles: true, composed: true }));
  await settled(el);
}

const ana = SAMPLE_TARGETS.find((t) => t.id === 'agent-ana-ruiz')!;
const ben = SAMPLE_TARGETS.find((t) => t.id === 'agent-ben-okafor')!;
const chloe = SAMPLE_TARGETS.find((t) => t.id === 'agent-chloe-martin')!;

describe('<call-actions>', () => {
  it('connected voice call: the model decides what shows and what is disabled', async () => {
    const { el } = await setup();
    expect(shown(el)).to.deep.equal(['end-call', 'hold', 'mute', 'transfer', 'conference', 'consult', 'dtmf', 'reschedule', 'mark-done']);
    expect(isDisabled(el, 'mark-done')).to.equal(true);
    expect(isDisabled(el, 'hold')).to.equal(false);
    expect(button(el, 'mark-done')!.title).to.include('End the call first');
    await expect(el).to.be.accessible();
  });

  it('hides what the adapter cannot do and what the agent may not do', async () => {
    const { el } = await setup('immediate', { capabilities: { hold: false, dtmf: true, blindTransfer: true, conference: true, consultation: true, reschedule: true, dial: true }, policy: { canTransfer: false } });
    expect(shown(el)).to.not.include('hold');
    expect(shown(el)).to.not.include('transfer');
    expect(shown(el)).to.include('conference');
  });

  it('hold then resume, with request and done events, and the far end held', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    button(s.el, 'hold')!.click();
    await settled(s.el);
    expect(state(s).state).to.equal('held');
    expect(s.cc.farEnd(state(s).callId!).held).to.equal(true);
    expect(shown(s.el)).to.include('resume');
    expect(shown(s.el)).to.not.include('hold');
    expect(isDisabled(s.el, 'dtmf')).to.equal(true);
    await expect(s.el).to.be.accessible();
    button(s.el, 'resume')!.click();
    await settled(s.el);
    expect(state(s).state).to.equal('connected');
    expect(fired).to.deep.equal(['request:hold', 'done:hold', 'request:resume', 'done:resume']);
  });

  it('is one Tab stop; arrows move between buttons; Enter acts', async () => {
    const s = await setup();
    const before = document.createElement('button');
    before.textContent = 'before';
    s.el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(s.el.shadowRoot!.activeElement).to.equal(button(s.el, 'end-call'));
    await sendKeys({ press: 'ArrowRight' });
    expect(s.el.shadowRoot!.activeElement).to.equal(button(s.el, 'hold'));
    await sendKeys({ press: 'End' });
    expect(s.el.shadowRoot!.activeElement).to.equal(button(s.el, 'mark-done'));
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    expect(state(s).state).to.equal('held');
    expect(buttons(s.el).filter((b) => b.tabIndex === 0)).to.have.length(1);
  });

  it('a disabled button does nothing and fires nothing', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    button(s.el, 'mark-done')!.click();
    await settled(s.el);
    expect(fired).to.deep.equal([]);
    expect(state(s).state).to.equal('connected');
  });

  it('the host can cancel an action', async () => {
    const s = await setup();
    s.el.addEventListener('callback-action', (e) => e.preventDefault());
    button(s.el, 'hold')!.click();
    await settled(s.el);
    expect(state(s).state).to.equal('connected');
  });

  it('a failing action shows a localized error and changes nothing', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    s.cc.failNext('hold', 'network');
    button(s.el, 'hold')!.click();
    await settled(s.el);
    expect(s.el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('cannot be reached');
    expect(state(s).state).to.equal('connected');
    expect(fired).to.deep.equal(['request:hold', 'error:hold:network']);
    await expect(s.el).to.be.accessible();
  });

  it('instant transfer through the team communicator ends our call', async () => {
    const s = await setup();
    button(s.el, 'transfer')!.click();
    await settled(s.el);
    expect(button(s.el, 'transfer')!.getAttribute('aria-expanded')).to.equal('true');
    await choose(s.el, ana);
    await settled(s.el);
    expect(state(s).state).to.equal('ended');
    expect(s.cc.farEnd(state(s).callId!).transferredTo).to.equal(ana.address);
    expect(shown(s.el)).to.deep.equal(['reschedule', 'mark-done']);
  });

  it('instant conference keeps the call and adds the target', async () => {
    const s = await setup();
    button(s.el, 'conference')!.click();
    await settled(s.el);
    await choose(s.el, ana);
    expect(state(s).state).to.equal('connected');
    expect(s.cc.farEnd(state(s).callId!).joined).to.include(ana.address);
  });

  it('consultation: customer held, transfer once the consulted party answers', async () => {
    const s = await setup();
    button(s.el, 'consult')!.click();
    await settled(s.el);
    await choose(s.el, ben);
    expect(state(s).state).to.equal('held');
    expect(shown(s.el)).to.include.members(['consult-transfer', 'consult-conference', 'consult-end']);
    expect(isDisabled(s.el, 'consult-transfer')).to.equal(true);
    expect(isDisabled(s.el, 'resume')).to.equal(true);
    expect(s.el.hasState('consulting')).to.equal(true);
    await expect(s.el).to.be.accessible();
    s.clock.advance(5_000);
    await settled(s.el);
    expect(isDisabled(s.el, 'consult-transfer')).to.equal(false);
    button(s.el, 'consult-transfer')!.click();
    await settled(s.el);
    expect(state(s).state).to.equal('ended');
  });

  it('consultation: conference the consulted party in', async () => {
    const s = await setup();
    button(s.el, 'consult')!.click();
    await settled(s.el);
    await choose(s.el, ben);
    s.clock.advance(5_000);
    await settled(s.el);
    button(s.el, 'consult-conference')!.click();
    await settled(s.el);
    expect(state(s).state).to.equal('connected');
    expect(state(s).consultation).to.equal(undefined);
  });

  it('consultation: ending it while it rings returns to the customer', async () => {
    const s = await setup();
    button(s.el, 'consult')!.click();
    await settled(s.el);
    await choose(s.el, ben);
    const fired = recordActionEvents(s.el);
    button(s.el, 'consult-end')!.click();
    await settled(s.el);
    expect(state(s).consultation).to.equal(undefined);
    expect(['connected', 'held']).to.include(state(s).state);
    // The agent's own choice: a request and a done event, no error shown.
    expect(fired).to.deep.equal(['request:consult-end', 'done:consult-end']);
    expect(s.el.shadowRoot!.querySelector('[role=alert]')!.hasAttribute('hidden')).to.equal(true);
  });

  it('consultation declined: told why, customer still on hold, can resume', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    button(s.el, 'consult')!.click();
    await settled(s.el);
    await choose(s.el, chloe);
    s.clock.advance(4_000);
    await settled(s.el);
    expect(s.el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('declined');
    expect(fired).to.include('error:consult:target-declined');
    expect(state(s).state).to.equal('held');
    expect(isDisabled(s.el, 'resume')).to.equal(false);
  });

  it('the customer hanging up during a consultation ends the call and its buttons', async () => {
    const s = await setup();
    button(s.el, 'consult')!.click();
    await settled(s.el);
    await choose(s.el, ben);
    s.clock.advance(5_000);
    await settled(s.el);
    s.cc.hangUpRemotely(state(s).callId!);
    await settled(s.el);
    expect(state(s).state).to.equal('ended');
    expect(shown(s.el)).to.deep.equal(['reschedule', 'mark-done']);
  });

  it('mark done needs a disposition when mandatory, then reports disposition, notes and history', async () => {
    const s = await setup('immediate', { policy: { dispositionMandatory: true } });
    const fired = recordActionEvents(s.el);
    button(s.el, 'end-call')!.click();
    await settled(s.el);
    expect(isDisabled(s.el, 'mark-done')).to.equal(true);
    const reason = s.el.shadowRoot!.querySelector('[part=reason]')!;
    expect(reason.hasAttribute('hidden')).to.equal(false);
    expect(reason.textContent).to.include('Choose a disposition');
    button(s.el, 'mark-done')!.click();
    await settled(s.el);
    expect(state(s).state).to.equal('ended');
    await s.cc.addNote(s.interaction.id, 'Customer wants a call next week');
    const [code] = flatCodes(await s.cc.dispositionCodes());
    await s.cc.setDisposition(s.interaction.id, code!);
    await settled(s.el);
    expect(isDisabled(s.el, 'mark-done')).to.equal(false);
    const done = oneEvent(s.el, 'callback-done');
    button(s.el, 'mark-done')!.click();
    const event = await done;
    expect(event.detail.disposition?.code).to.equal(code!.code);
    expect(event.detail.notes).to.deep.equal(['Customer wants a call next week']);
    expect(event.detail.history.map((h: { kind: string }) => h.kind)).to.include.members(['accepted', 'hang-up', 'note', 'disposition', 'done']);
    expect(fired.slice(-3)).to.deep.equal(['request:mark-done', 'done:mark-done', 'callback-done']);
  });

  it('opens the DTMF keypad and the scheduler in popups bound to the interaction', async () => {
    const s = await setup();
    button(s.el, 'dtmf')!.click();
    await settled(s.el);
    const keypad = s.el.shadowRoot!.querySelector('#panel dtmf-keypad')!;
    expect(keypad.getAttribute('interaction-id')).to.equal(s.interaction.id);
    expect(s.el.shadowRoot!.querySelector<HTMLElement>('#panel')!.matches(':popover-open')).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await settled(s.el);
    expect(s.el.shadowRoot!.querySelector('#panel dtmf-keypad')).to.equal(null);
    expect(s.el.shadowRoot!.activeElement).to.equal(button(s.el, 'dtmf'));
    button(s.el, 'reschedule')!.click();
    await settled(s.el);
    expect(s.el.shadowRoot!.querySelector('#panel callback-scheduler')).to.not.equal(null);
  });

  it('web callback: Call dials the contact; an invalid number is refused visibly', async () => {
    const s = await setup('web-callback');
    expect(shown(s.el)).to.include('call');
    button(s.el, 'call')!.click();
    // The phone-number library loads on first use.
    await waitUntil(() => state(s).state === 'dialing', 'dialing', { timeout: 3000 });
    await settled(s.el);
    expect(shown(s.el)).to.include('end-call');
    button(s.el, 'end-call')!.click();
    await settled(s.el);
    expect(state(s).state).to.equal('ready-to-call');
    expect(state(s).attempts.at(-1)?.result).to.equal('cancelled');

    // A web form let through a number that cannot be dialed.
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('web-callback', { contact: { name: 'Typo Person', phone: '+44 20' } });
    await cc.accept(offer.id);
    const el = await fixture<CallActions>(html`<call-actions interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .clock=${clock}></call-actions>`);
    const bad = { el, cc, interaction: offer };
    const fired = recordActionEvents(el);
    button(el, 'call')!.click();
    await waitUntil(() => fired.length > 0, 'validation error', { timeout: 3000 });
    await el.updateComplete;
    expect(bad.el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.match(/too short|not a valid/);
    expect(fired).to.deep.equal(['error:call:phone-too-short']);
    expect(bad.cc.getInteraction(bad.interaction.id)!.state).to.equal('ready-to-call');
  });

  it('flow="web-callback" says Call, Done and Schedule callback; the voice flow keeps its words', async () => {
    const s = await setup('web-callback');
    expect(button(s.el, 'mark-done')!.textContent!.trim()).to.equal('Mark done');
    expect(button(s.el, 'reschedule')!.textContent!.trim()).to.equal('Reschedule callback');
    s.el.flow = 'web-callback';
    await settled(s.el);
    expect(button(s.el, 'call')!.textContent!.trim()).to.equal('Call');
    expect(button(s.el, 'mark-done')!.textContent!.trim()).to.equal('Done');
    expect(button(s.el, 'reschedule')!.textContent!.trim()).to.equal('Schedule callback');
    button(s.el, 'reschedule')!.click();
    await settled(s.el);
    expect(s.el.shadowRoot!.querySelector('#panel')!.getAttribute('aria-label')).to.equal('Schedule callback');
    await expect(s.el).to.be.accessible();
  });

  it('perform() does what the button does, and nothing (no event) when the model disables it', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    expect(s.el.perform('mark-done'), 'mark done while connected').to.equal(false);
    expect(s.el.perform('accept'), 'not a toolbar action').to.equal(false);
    await settled(s.el);
    expect(fired).to.deep.equal([]);
    expect(s.el.perform('hold')).to.equal(true);
    await settled(s.el);
    expect(state(s).state).to.equal('held');
    expect(fired).to.deep.equal(['request:hold', 'done:hold']);
    expect(s.el.perform('dtmf'), 'a panel action while held').to.equal(false);
    s.el.perform('resume');
    await settled(s.el);
    expect(s.el.perform('dtmf')).to.equal(true);
    await settled(s.el);
    expect(s.el.shadowRoot!.querySelector('#panel dtmf-keypad')).to.not.equal(null);
  });

  it('shows the shortcuts a host handles in aria-keyshortcuts', async () => {
    const s = await setup('web-callback');
    expect(button(s.el, 'call')!.hasAttribute('aria-keyshortcuts')).to.equal(false);
    s.el.keyShortcuts = { call: 'Alt+Shift+C', 'mark-done': 'Alt+Shift+D' };
    await settled(s.el);
    expect(button(s.el, 'call')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+C');
    expect(button(s.el, 'mark-done')!.getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+D');
    expect(button(s.el, 'reschedule')!.hasAttribute('aria-keyshortcuts')).to.equal(false);
  });

  it('leaves no popup or timer behind when removed with a panel open', async () => {
    const s = await setup();
    const baseline = s.clock.pendingTimers;
    button(s.el, 'transfer')!.click();
    await settled(s.el);
    s.el.remove();
    await aTimeout(0);
    expect(s.clock.pendingTimers).to.equal(baseline);
    const { openPopupCount } = await import('../../src/controllers/popup-controller.js');
    expect(openPopupCount()).to.equal(0);
  });
});

function flatCodes(nodes: readonly { code: string; label: string; children?: readonly unknown[] }[]): { code: string; label: string }[] {
  return nodes.flatMap((n) => (n.children?.length ? flatCodes(n.children as typeof nodes) : [{ code: n.code, label: n.label }]));
}

describe('<call-actions> with the rest of the window', () => {
  it('a conference member leaving is shown in the call status, announced, and logged', async () => {
    const s = await setup();
    const status = await fixture(html`<call-status interaction-id=${s.interaction.id} .adapter=${s.cc} .telephony=${s.cc} .clock=${s.clock}></call-status>`);
    button(s.el, 'conference')!.click();
    await settled(s.el);
    await choose(s.el, ana);
    await (status as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(status.shadowRoot!.querySelector('[part=participants]')!.textContent).to.include('Ana Ruiz');
    s.cc.participantLeaves(state(s).callId!, ana.id);
    await settled(s.el);
    await (status as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(status.shadowRoot!.querySelector('[part=participants]') === null, 'participants line gone').to.equal(true);
    expect(state(s).history.at(-1)).to.deep.include({ kind: 'participant-left' });
    expect(state(s).state).to.equal('connected');
    const { announcement } = await import('../../src/controllers/announcer.js');
    await waitUntil(() => announcement().includes('Ana Ruiz left the conference'), 'announced');
  });

  it('a failed instant transfer keeps the call and says why', async () => {
    const s = await setup();
    s.cc.failNext('blindTransfer', 'target-busy');
    button(s.el, 'transfer')!.click();
    await settled(s.el);
    await choose(s.el, ana);
    await settled(s.el);
    expect(state(s).state).to.equal('connected');
    expect(s.el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('busy');
  });

  /** Drives the simulator into each state a call can be in and checks the toolbar against the model. */
  it('shows exactly what the model allows in every reachable state', async () => {
    const { allowedActions } = await import('../../src/model/actions.js');
    const check = (s: Setup, label: string) => {
      const model = allowedActions(state(s), s.el.session.actionContext);
      const expected = buttons(s.el).map((b) => b.dataset.action!);
      const visible = Object.entries(model).filter(([a, v]) => v.status !== 'hidden' && expected.includes(a)).map(([a]) => a);
      expect(visible.sort(), `${label}: shown`).to.deep.equal([...expected].sort());
      for (const b of buttons(s.el)) {
        const want = model[b.dataset.action as keyof typeof model].status === 'disabled' ? 'true' : 'false';
        expect(b.getAttribute('aria-disabled'), `${label}: ${b.dataset.action}`).to.equal(want);
      }
    };
    const voice = await setup();
    check(voice, 'connected');
    await voice.cc.hold(state(voice).callId!);
    await settled(voice.el);
    check(voice, 'held');
    await voice.cc.resume(state(voice).callId!);
    void voice.cc.startConsultation(state(voice).callId!, ben).catch(() => undefined);
    await settled(voice.el);
    check(voice, 'consultation ringing');
    voice.clock.advance(5_000);
    await settled(voice.el);
    check(voice, 'consultation connected');
    voice.cc.hangUpRemotely(state(voice).callId!);
    await settled(voice.el);
    check(voice, 'ended');
    const web = await setup('web-callback');
    check(web, 'ready to call');
    void web.cc.dial({ number: state(web).contact.phone, interactionId: web.interaction.id });
    await settled(web.el);
    check(web, 'dialing');
  });
});

describe('<call-actions> mark done and the note draft', () => {
  it('a note typed but not saved joins the history at Mark done, and the stored draft is cleared', async () => {
    const { writeNoteDraft, readNoteDraft } = await import('../../src/elements/interaction-note/note-drafts.js');
    const s = await setup();
    button(s.el, 'end-call')!.click();
    await settled(s.el);
    writeNoteDraft(s.interaction.id, 'Call back after the 5th', s.cc);
    const done = oneEvent(s.el, 'callback-done');
    button(s.el, 'mark-done')!.click();
    const event = await done;
    expect(event.detail.notes).to.deep.equal(['Call back after the 5th']);
    expect(readNoteDraft(s.interaction.id, s.cc) ?? '').to.equal('');
  });
});

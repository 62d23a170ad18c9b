import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/callback-desk.js';
import '../../src/call-actions.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { CallActions } from '../../src/call-actions.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { CallbackDoneEvent } from '../../src/elements/call-actions/call-actions.events.js';
import { ManualClock } from '../../src/model/clock.js';
import { act, actionsRoot, button, current, setup, text, type PreviewSetup } from '../helpers/callback-preview.js';
import { recordActionEvents } from '../helpers/events.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * Issue 16, Schedule callback from the web preview: the button said "Schedule callback" and opened
 * a form titled "Reschedule callback"; after "Callback rescheduled for Mon 10:00." the preview
 * stayed open on Ready to call with Call enabled; and a past date with the number "12ab" showed
 * only the number's error, the date's on the next submit.
 */

const scheduler = (s: PreviewSetup) => actionsRoot(s.el).querySelector('#panel callback-scheduler')?.shadowRoot ?? null;

async function openScheduler(s: PreviewSetup) {
  await act(s, 'reschedule');
  await waitUntil(() => scheduler(s)?.querySelector('#date'), 'scheduler open');
  return scheduler(s)!;
}

function setInput(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The date input's value (the agent's zone: the browser's here) `days` from now. */
function dayInputs(now: number, days: number) {
  const d = new Date(now + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

describe('<callback-preview>: Schedule callback', () => {
  afterEach(() => localStorage.clear());

  it('the button and the form it opens have one name: "Schedule callback" on a web callback', async () => {
    const s = await setup();
    expect(text(button(s.el, 'reschedule'))).to.equal('Schedule callback');
    const form = await openScheduler(s);
    expect(text(form.querySelector('[part=title]'))).to.equal('Schedule callback');
    expect(actionsRoot(s.el).querySelector('#panel')!.getAttribute('aria-label')).to.equal('Schedule callback');
    expect(text(form.querySelector('[part=submit-button]'))).to.equal('Schedule');
  });

  it('…and "Reschedule callback" on a voice callback', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const el = await fixture<CallActions>(html`<call-actions interaction-id=${offer.id} .adapter=${cc} .telephony=${cc} .directory=${cc} .clock=${clock}></call-actions>`);
    await el.updateComplete;
    const open = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="reschedule"]')!;
    expect(text(open)).to.equal('Reschedule callback');
    open.click();
    await waitUntil(() => el.shadowRoot!.querySelector('#panel callback-scheduler')?.shadowRoot?.querySelector('[part=title]'), 'scheduler open');
    const form = el.shadowRoot!.querySelector('#panel callback-scheduler')!.shadowRoot!;
    expect(text(form.querySelector('[part=title]'))).to.equal('Reschedule callback');
    expect(text(form.querySelector('[part=submit-button]'))).to.equal('Reschedule');
  });

  it('a past date and the number "12ab": both errors at once, each on its field, focus on the first; nothing sent, everything kept', async () => {
    const s = await setup({ policy: { canRescheduleOnNewNumber: true } });
    const fired = recordActionEvents(s.el);
    const form = await openScheduler(s);
    const date = form.querySelector<HTMLInputElement>('#date')!;
    const time = form.querySelector<HTMLInputElement>('#time')!;
    const number = form.querySelector<HTMLInputElement>('#number')!;
    const past = dayInputs(s.clock.now(), -3);
    setInput(date, past);
    setInput(time, '10:00');
    setInput(number, '12ab');
    await settled(s.el);
    form.querySelector<HTMLButtonElement>('[part=submit-button]')!.click();
    await waitUntil(() => date.getAttribute('aria-invalid') === 'true' && number.getAttribute('aria-invalid') === 'true', 'both fields marked invalid after one submit', { timeout: 3000 });
    await settled(s.el);

    const described = (field: HTMLElement) => (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => text(form.getElementById(id)));
    expect(described(date)).to.include('The new time must be in the future.');
    expect(described(number)).to.include('This is not a valid phone number.');
    expect(text(form.querySelector('[part=time-error]'))).to.equal('The new time must be in the future.');
    expect(text(form.querySelector('[part=number-error]'))).to.equal('This is not a valid phone number.');
    expect(time.getAttribute('aria-invalid'), 'the time of day itself is fine').to.equal('false');
    expect(form.activeElement, 'focus on the first field in the wrong').to.equal(date);
    expect([date.value, time.value, number.value]).to.deep.equal([past, '10:00', '12ab']);
    expect(fired).to.deep.equal(['error:reschedule:time-past']);
    expect(current(s).history.some((h) => h.kind === 'rescheduled')).to.equal(false);
    await expect(s.el).to.be.accessible();

    // The date put right: its error goes at once; the number's stays until it is fixed.
    setInput(date, dayInputs(s.clock.now(), 1));
    await settled(s.el);
    expect(date.getAttribute('aria-invalid')).to.equal('false');
    expect(form.querySelector<HTMLElement>('[part=time-error]')!.hidden).to.equal(true);
    expect(number.getAttribute('aria-invalid')).to.equal('true');
  });
});

describe('<callback-desk>: a web callback scheduled for another time leaves the agent like a done one', () => {
  async function desk() {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const page = await fixture<HTMLElement>(html`<div>
      <callback-desk .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>
    </div>`);
    const el = page.querySelector<CallbackDesk>('callback-desk')!;
    await el.updateComplete;
    return { clock, cc, desk: el, page };
  }
  type Desk = Awaited<ReturnType<typeof desk>>;

  const deskRoot = (d: Desk) => d.desk.shadowRoot!;
  const preview = (d: Desk, id: string) => deskRoot(d).querySelector(`#window-${CSS.escape(id)} > callback-preview`);
  const actions = (d: Desk, id: string) => preview(d, id)?.shadowRoot?.querySelector('call-actions')?.shadowRoot ?? null;

  async function accept(d: Desk) {
    const offer = await d.cc.offer('web-callback');
    await settled(d.desk);
    const notification = deskRoot(d).querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'offer shown');
    notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => actions(d, offer.id)?.querySelector('[data-action="reschedule"]'), 'preview open');
    return offer.id;
  }

  /** Opens Schedule callback in the preview of `id`, picks the first free slot tomorrow and submits. */
  async function scheduleFor(d: Desk, id: string) {
    const open = actions(d, id)!.querySelector<HTMLButtonElement>('[data-action="reschedule"]')!;
    await waitUntil(() => open.getAttribute('aria-disabled') === 'false', 'Schedule callback enabled');
    open.focus();
    open.click();
    await waitUntil(() => actions(d, id)?.querySelector('#panel callback-scheduler')?.shadowRoot?.querySelector('#date'), 'scheduler open');
    const form = actions(d, id)!.querySelector('#panel callback-scheduler')!.shadowRoot!;
    setInput(form.querySelector<HTMLInputElement>('#date')!, dayInputs(d.clock.now(), 1));
    await settled(d.desk);
    await waitUntil(() => form.querySelector('[part=slots] input[type=radio]:not([disabled])'), 'free slots');
    form.querySelector<HTMLInputElement>('[part=slots] input[type=radio]:not([disabled])')!.click();
    await settled(d.desk);
    const submit = form.querySelector<HTMLButtonElement>('[part=submit-button]')!;
    submit.focus();
    submit.click();
  }

  it('the window goes, the host hears callback-done after callback-action-done, focus to the idle message', async () => {
    const d = await desk();
    const heard: string[] = [];
    let done: CallbackDoneEvent | undefined;
    d.page.addEventListener('callback-action-done', (e) => heard.push(`action-done:${e.detail.action}`));
    d.page.addEventListener('callback-done', (e) => {
      heard.push('callback-done');
      done = e;
    });
    const id = await accept(d);
    await scheduleFor(d, id);
    await waitUntil(() => done, 'the host hears callback-done', { timeout: 3000 });
    expect(heard).to.deep.equal(['action-done:reschedule', 'callback-done']);
    expect(done!.detail.interaction.id).to.equal(id);
    expect(done!.detail.interaction.state).to.equal('done');
    expect(done!.detail.history.at(-1)).to.include({ kind: 'rescheduled' });
    expect(d.cc.getInteraction(id)!.state).to.equal('done');
    await settled(d.desk);
    await waitUntil(() => !deskRoot(d).querySelector(`#window-${CSS.escape(id)}`), 'the preview is gone');
    await settled(d.desk);
    expect(document.activeElement, 'focus is not dropped').to.not.equal(document.body);
    expect(deskRoot(d).activeElement?.matches('.idle'), 'focus on the idle message').to.equal(true);
    await expect(d.desk).to.be.accessible();
  });

  it('with another callback open: its window shows and takes focus', async () => {
    const d = await desk();
    const first = await accept(d);
    const second = await accept(d);
    expect(deskRoot(d).querySelector(`#window-${CSS.escape(second)}:not([hidden])`), 'the second is shown').to.not.equal(null);
    await scheduleFor(d, second);
    await waitUntil(() => !deskRoot(d).querySelector(`#window-${CSS.escape(second)}`), 'the rescheduled preview is gone', { timeout: 3000 });
    await settled(d.desk);
    expect(d.cc.getInteraction(first)!.state, 'the other one is untouched').to.equal('ready-to-call');
    expect(deskRoot(d).activeElement?.id).to.equal(`window-${first}`);
  });
});

describe("<callback-desk>: the contact's daytime hours are configured on the desk", () => {
  // The contact's clock is UTC−5 (no daylight saving); the simulator's free slots are half hours
  // from 08:00 to 20:00 UTC on weekdays, so 03:00 to 15:00 for the contact.
  const CONTACT_ZONE = 'Etc/GMT+5';

  async function desk(hours: { start?: string; end?: string } = {}) {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const page = await fixture<HTMLElement>(html`<div>
      <callback-desk
        contact-day-start=${hours.start ?? nothing}
        contact-day-end=${hours.end ?? nothing}
        .callbackAdapter=${cc}
        .telephonyAdapter=${cc}
        .directoryAdapter=${cc}
        .clock=${clock}
      ></callback-desk>
    </div>`);
    const el = page.querySelector<CallbackDesk>('callback-desk')!;
    await el.updateComplete;
    return { clock, cc, desk: el };
  }
  type Desk = Awaited<ReturnType<typeof desk>>;

  /** The call toolbar of the open window: in the web preview, or in the voice window. */
  const toolbar = (d: Desk) => {
    const window = d.desk.shadowRoot!.querySelector('[part=window]:not([hidden]) > :is(callback-preview, interaction-window)');
    return window?.shadowRoot?.querySelector('call-actions')?.shadowRoot ?? null;
  };

  /** Accepts an offer from a contact on UTC−5, opens (Re)schedule callback, picks tomorrow: the slots flagged outside the contact's day. */
  async function flaggedSlots(d: Desk, scenario: 'web-callback' | 'immediate') {
    await d.cc.offer(scenario, { contact: { timeZone: CONTACT_ZONE } });
    await settled(d.desk);
    const notification = d.desk.shadowRoot!.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'offer shown');
    notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => toolbar(d)?.querySelector('[data-action="reschedule"]')?.getAttribute('aria-disabled') === 'false', 'Reschedule enabled', { timeout: 3000 });
    toolbar(d)!.querySelector<HTMLButtonElement>('[data-action="reschedule"]')!.click();
    await waitUntil(() => toolbar(d)?.querySelector('#panel callback-scheduler')?.shadowRoot?.querySelector('#date'), 'scheduler open');
    const form = toolbar(d)!.querySelector('#panel callback-scheduler')!.shadowRoot!;
    setInput(form.querySelector<HTMLInputElement>('#date')!, dayInputs(d.clock.now(), 1));
    await settled(d.desk);
    await waitUntil(() => form.querySelector('[part=slots] .slot'), 'free slots');
    const slots = [...form.querySelectorAll('[part=slots] .slot')];
    return { all: slots.length, outside: slots.filter((slot) => slot.classList.contains('outside')).length };
  }

  it('by default 08:00–21:00 on the contact\'s clock: the slots from 03:00 to 07:30 for the contact are flagged', async () => {
    const d = await desk();
    expect(await flaggedSlots(d, 'web-callback')).to.deep.equal({ all: 24, outside: 10 });
  });

  it('contact-day-start / contact-day-end on the desk reach the web preview\'s Schedule callback form', async () => {
    const d = await desk({ start: '12:00', end: '14:00' });
    // Inside 12:00–14:00 for the contact: 12:00, 12:30, 13:00 and 13:30; the other 20 are flagged.
    expect(await flaggedSlots(d, 'web-callback')).to.deep.equal({ all: 24, outside: 20 });
  });

  it('…and a voice callback\'s Reschedule callback form', async () => {
    const d = await desk({ start: '12:00', end: '14:00' });
    expect(await flaggedSlots(d, 'immediate')).to.deep.equal({ all: 24, outside: 20 });
  });
});

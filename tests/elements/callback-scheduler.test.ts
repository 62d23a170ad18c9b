import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-scheduler.js';
import type { CallbackScheduler } from '../../src/callback-scheduler.js';
import { SimulatedContactCenter, type SimulatedContactCenterOptions } from '../../src/adapters/simulated/index.js';
import type { ScenarioName } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import type { Policy } from '../../src/model/actions.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { formatPhone, phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { eventType, recordEvents } from '../helpers/events.js';
import { focusedIn, root, shadowText } from '../helpers/dom.js';

// The ManualClock starts on Wednesday 25 November 2026, 15:00 UTC. The agent works in Madrid
// (UTC+1: 16:00); the sample contacts of the scenarios used here are in London (GMT).
const NOW = Date.UTC(2026, 10, 25, 15, 0);
const utc = (h: number, m = 0) => Date.UTC(2026, 10, 25, h, m);
/**
 * A day of November 2026 as this engine's Intl writes it for the agent (en-GB, Madrid): 'Wednesday
 * 25 November' and 'Wed 25 Nov' in Chromium and Firefox, with a comma after the weekday in
 * WebKitGTK (its ICU's en-GB patterns).
 */
const longDay = (date: number) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Madrid' }).format(Date.UTC(2026, 10, date, 12));
const shortDay = (date: number) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Europe/Madrid' }).format(Date.UTC(2026, 10, date, 12));

async function setup(scenario: ScenarioName = 'immediate', options: SimulatedContactCenterOptions = {}, policy?: Partial<Policy>) {
  const clock = new ManualClock(NOW);
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, ...options });
  const offer = await cc.offer(scenario);
  await cc.accept(offer.id);
  const el = await fixture<CallbackScheduler>(
    html`<callback-scheduler lang="en-GB" time-zone="Europe/Madrid" interaction-id=${offer.id}></callback-scheduler>`,
  );
  el.adapter = cc;
  el.telephony = cc;
  el.clock = clock;
  if (policy) el.policy = policy;
  await el.updateComplete;
  return { clock, cc, el, id: offer.id };
}

const $ = <T extends Element = HTMLElement>(el: CallbackScheduler, selector: string) => root(el).querySelector<T>(selector);
const input = (el: CallbackScheduler, id: string) => $<HTMLInputElement>(el, `#${id}`)!;
const submit = (el: CallbackScheduler) => $<HTMLButtonElement>(el, 'button[type=submit]')!;
const errorText = (el: CallbackScheduler) => $(el, '[part=error]')!;
/** The problem with the date or time entered, shown next to those fields. */
const timeErrorText = (el: CallbackScheduler) => $(el, '[part=time-error]')!;
const slotLabels = (el: CallbackScheduler) => [...root(el).querySelectorAll<HTMLLabelElement>('.slot')];

/** What an agent typing into a field does: the value changes, then `input` fires. */
async function type(el: CallbackScheduler, id: string, value: string) {
  const field = input(el, id);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function slotsLoaded(el: CallbackScheduler) {
  await waitUntil(() => root(el).querySelector('[part=slots]') || /No free times/.test(shadowText(el)), 'slots never loaded');
  await el.updateComplete;
}

/** Records the events the scheduler fires. */
/** The events these tests record, by type. */
const SCHEDULER_EVENTS = ['callback-action', 'callback-action-done', 'callback-error', 'cancel'];

async function press(el: CallbackScheduler, button: HTMLButtonElement) {
  button.click();
  await aTimeout(0);
  await el.updateComplete;
  await aTimeout(0);
  await el.updateComplete;
}

describe('<callback-scheduler>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('starts on today, shows the chosen time in the agent and the contact zone, and is accessible', async () => {
    const { el } = await setup();
    expect(input(el, 'date').value).to.equal('2026-11-25');
    expect(input(el, 'time').value).to.equal('');
    expect($(el, '[part=preview]')).to.equal(null);
    await type(el, 'time', '17:30');
    expect($(el, '[part=preview]')!.textContent).to.equal("Wed 17:30 your time · 16:30 GMT contact's time");
    await slotsLoaded(el);
    await expect(el).to.be.accessible();
  });

  it('reads the inputs in the contact zone when the agent asks, and sends that instant', async () => {
    const { el, cc, id } = await setup();
    const toggle = $<HTMLInputElement>(el, '.zone input')!;
    expect($(el, '.zone')!.textContent).to.include("contact's time zone (GMT)");
    toggle.click();
    await el.updateComplete;
    await slotsLoaded(el);
    await type(el, 'time', '17:00');
    expect($(el, '[part=preview]')!.textContent).to.equal("Wed 18:00 your time · 17:00 GMT contact's time");
    const done = oneEvent(el, 'callback-action-done');
    submit(el).click();
    await done;
    expect(cc.getInteraction(id)!.desiredTime).to.equal(utc(17));
  });

  it('shows no zone toggle when the contact is in the agent zone', async () => {
    const { el } = await setup();
    el.timeZone = 'Europe/London';
    await el.updateComplete;
    expect($(el, '.zone')).to.equal(null);
    await type(el, 'time', '17:30');
    expect($(el, '[part=preview]')!.textContent).to.equal('Wed 17:30 your time');
  });

  it('lists the free slots of the day from the callback service; full ones are disabled; choosing one fills the time', async () => {
    const { el, cc, id } = await setup();
    await slotsLoaded(el);
    const day = { from: Date.UTC(2026, 10, 24, 23), to: Date.UTC(2026, 10, 25, 23) };
    const expected = (await cc.availability(id, day)).filter((s) => s.start > NOW);
    const labels = slotLabels(el);
    expect(labels.length).to.equal(expected.length);
    expect(labels.length).to.be.greaterThan(3);
    expect($(el, '[part=slots] legend')!.textContent).to.include(longDay(25));
    labels.forEach((label, i) => {
      const radio = label.querySelector('input')!;
      expect(radio.disabled, label.textContent!).to.equal(expected[i]!.capacity === 0);
      expect(label.textContent).to.include(expected[i]!.capacity === 0 ? 'Full' : `${expected[i]!.capacity} free`);
    });
    // 15:30 UTC (16:30 in Madrid) starts full in the simulator's calendar.
    expect(labels[0]!.textContent).to.match(/16:30.17:00/);
    expect(labels[0]!.querySelector('input')!.disabled).to.equal(true);
    labels[1]!.querySelector('input')!.click();
    await el.updateComplete;
    expect(input(el, 'time').value).to.equal('17:00');
    expect(labels[1]!.querySelector('input')!.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('loads the slots again for another day, and offers a retry when they cannot be loaded', async () => {
    const { el, cc } = await setup();
    await slotsLoaded(el);
    cc.failNext('availability', 'network');
    await type(el, 'date', '2026-11-26');
    await waitUntil(() => shadowText(el).includes('could not be loaded'));
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'button.retry')!.click();
    await slotsLoaded(el);
    expect($(el, '[part=slots] legend')!.textContent).to.include(longDay(26));
    expect(slotLabels(el).length).to.equal(24);
    await type(el, 'date', '2026-11-28');
    await slotsLoaded(el);
    expect(shadowText(el)).to.include(`No free times on ${longDay(28)}`);
  });

  it('refuses a past time with a visible message, keeps the inputs and sends nothing', async () => {
    const { el, cc, id } = await setup();
    const fired = recordEvents(el, SCHEDULER_EVENTS, eventType);
    await type(el, 'time', '10:00');
    await press(el, submit(el));
    expect(timeErrorText(el).hidden).to.equal(false);
    expect(timeErrorText(el).textContent).to.equal('The new time must be in the future.');
    expect(input(el, 'time').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'date').getAttribute('aria-invalid'), 'today is a good day').to.equal('false');
    expect(el.hasState('error')).to.equal(true);
    expect(input(el, 'date').value).to.equal('2026-11-25');
    expect(input(el, 'time').value).to.equal('10:00');
    expect(fired).to.deep.equal(['callback-error']);
    expect(cc.getInteraction(id)!.history.some((h) => h.kind === 'rescheduled')).to.equal(false);
    await expect(el).to.be.accessible();
    await type(el, 'time', '18:00');
    expect(timeErrorText(el).hidden, 'editing clears the error').to.equal(true);
  });

  it('refuses a time with no free slot and offers nearby free times as buttons', async () => {
    const { el, cc, id } = await setup();
    const fired = recordEvents(el, SCHEDULER_EVENTS, eventType);
    await slotsLoaded(el);
    await type(el, 'time', '16:40');
    await press(el, submit(el));
    expect(timeErrorText(el).textContent).to.equal('No callback can be taken at that time. Choose another time.');
    const buttons = [...root(el).querySelectorAll<HTMLButtonElement>('[part=alternatives] button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal([`${shortDay(25)}, 17:00–17:30`, `${shortDay(25)}, 17:30–18:00`]);
    expect(input(el, 'time').value).to.equal('16:40');
    expect(fired).to.deep.equal(['callback-error']);
    await expect(el).to.be.accessible();
    buttons[1]!.click();
    await el.updateComplete;
    await aTimeout(0);
    expect(input(el, 'time').value).to.equal('17:30');
    expect(root(el).activeElement).to.equal(input(el, 'time'));
    expect(root(el).querySelector('[part=alternatives]')).to.equal(null);
    const done = oneEvent(el, 'callback-action-done');
    submit(el).click();
    await done;
    expect(cc.getInteraction(id)!.desiredTime).to.equal(utc(16, 30));
  });

  it('reschedules: request event with the args, adapter call, done event, confirmation', async () => {
    const { el, cc, id } = await setup();
    const fired = recordEvents(el, SCHEDULER_EVENTS, eventType);
    await slotsLoaded(el);
    await type(el, 'time', '18:00');
    const request = oneEvent(el, 'callback-action');
    submit(el).click();
    const event = await request;
    expect(event.detail.action).to.equal('reschedule');
    expect(event.detail.args).to.deep.equal({ time: utc(17), personal: false });
    await oneEvent(el, 'callback-action-done');
    await waitUntil(() => $(el, '[part=status]'));
    expect(fired).to.deep.equal(['callback-action', 'callback-action-done']);
    expect(cc.getInteraction(id)!.history.at(-1)).to.deep.include({ kind: 'rescheduled', time: utc(17) });
    expect($(el, '[part=status]')!.textContent).to.equal('Rescheduled for Wed 18:00.');
    expect(el.hasState('rescheduled')).to.equal(true);
    await aTimeout(80);
    expect(announcement()).to.equal('Callback rescheduled for Wed 18:00.');
  });

  it('a host can cancel the request: no adapter call', async () => {
    const { el, cc, id } = await setup();
    const fired = recordEvents(el, SCHEDULER_EVENTS, eventType);
    el.addEventListener('callback-action', (e) => e.preventDefault());
    await type(el, 'time', '18:00');
    await press(el, submit(el));
    expect(fired).to.deep.equal(['callback-action']);
    expect(cc.getInteraction(id)!.desiredTime).to.not.equal(utc(17));
    expect(submit(el).disabled).to.equal(false);
  });

  it('back to the queue by default; personal goes in the event args only', async () => {
    const { el } = await setup();
    const [queue, personal] = [...root(el).querySelectorAll<HTMLInputElement>('input[name=who]')];
    expect(queue!.checked).to.equal(true);
    expect(root(el).querySelector('.who')!.textContent).to.include('Personal (call back by me)');
    personal!.click();
    await type(el, 'time', '18:00');
    const request = oneEvent(el, 'callback-action');
    submit(el).click();
    expect((await request).detail.args).to.deep.equal({ time: utc(17), personal: true });
  });

  it('offers a new number only with the privilege, and validates it', async () => {
    const { el: plain } = await setup();
    expect($(plain, '#number')).to.equal(null);

    const { el, cc, id } = await setup('immediate', {}, { canRescheduleOnNewNumber: true });
    const fired = recordEvents(el, SCHEDULER_EVENTS, eventType);
    expect($(el, 'label[for=number]')!.textContent).to.equal('New number (optional)');
    await type(el, 'time', '18:00');
    await type(el, 'number', '+44 12');
    await press(el, submit(el));
    await waitUntil(() => !$(el, '[part=number-error]')!.hidden, 'no number error', { timeout: 5000 });
    expect($(el, '[part=number-error]')!.textContent).to.equal('The phone number is too short.');
    expect(input(el, 'number').getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).activeElement).to.equal(input(el, 'number'));
    expect(fired).to.deep.equal([]);
    expect(input(el, 'time').value).to.equal('18:00');
    await expect(el).to.be.accessible();

    await type(el, 'number', '+44 20 7946 0123');
    expect($(el, '[part=number-error]')!.hidden).to.equal(true);
    const request = oneEvent(el, 'callback-action');
    submit(el).click();
    expect((await request).detail.args).to.deep.equal({ time: utc(17), number: '+442079460123', personal: false });
    await oneEvent(el, 'callback-action-done');
    expect(cc.getInteraction(id)!.history.at(-1)).to.deep.include({ kind: 'rescheduled', number: '+442079460123' });
  });

  it('asks for the reason on a web callback (defaulting to the last dial result), not on a voice one', async () => {
    const { el: voice } = await setup();
    expect($(voice, '#reason')).to.equal(null);

    const { el, cc, clock, id } = await setup('busy');
    await cc.dial({ number: cc.getInteraction(id)!.contact.phone, interactionId: id });
    clock.advance(2_000);
    await waitUntil(() => cc.getInteraction(id)!.attempts.length === 1 && cc.getInteraction(id)!.state === 'ready-to-call');
    await el.updateComplete;
    const select = $<HTMLSelectElement>(el, '#reason')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal([
      'No reason given', 'No answer', 'Busy', 'Contact unavailable', 'Answering machine', 'Requested by the customer',
    ]);
    expect(select.value).to.equal('busy');
    select.value = 'requested';
    select.dispatchEvent(new Event('change'));
    await type(el, 'time', '18:00');
    const request = oneEvent(el, 'callback-action');
    submit(el).click();
    expect((await request).detail.args).to.deep.equal({ time: utc(17), reason: 'requested', personal: false });
    await oneEvent(el, 'callback-action-done');
    expect(cc.getInteraction(id)!.history.at(-1)).to.deep.include({ kind: 'rescheduled', reason: 'requested' });
    await expect(el).to.be.accessible();
  });

  it('shows an adapter failure and keeps everything the agent entered', async () => {
    const { el, cc, id } = await setup('busy', {}, { canRescheduleOnNewNumber: true });
    const fired = recordEvents(el, SCHEDULER_EVENTS, eventType);
    await slotsLoaded(el);
    await type(el, 'date', '2026-11-26');
    await slotsLoaded(el);
    await type(el, 'time', '10:00');
    await type(el, 'number', '+44 20 7946 0123');
    const select = $<HTMLSelectElement>(el, '#reason')!;
    select.value = 'unavailable';
    select.dispatchEvent(new Event('change'));
    root(el).querySelectorAll<HTMLInputElement>('input[name=who]')[1]!.click();
    await el.updateComplete;

    cc.failNext('reschedule', 'network');
    const failed = oneEvent(el, 'callback-error');
    submit(el).click();
    expect((await failed).detail.code).to.equal('network');
    await el.updateComplete;
    expect(errorText(el).textContent).to.equal('The contact center cannot be reached. Check the connection and try again.');
    expect(fired).to.deep.equal(['callback-action', 'callback-error']);
    expect(input(el, 'date').value).to.equal('2026-11-26');
    expect(input(el, 'time').value).to.equal('10:00');
    expect(input(el, 'number').value).to.equal('+44 20 7946 0123');
    expect($<HTMLSelectElement>(el, '#reason')!.value).to.equal('unavailable');
    expect(root(el).querySelectorAll<HTMLInputElement>('input[name=who]')[1]!.checked).to.equal(true);
    expect(submit(el).disabled).to.equal(false);
    expect(cc.getInteraction(id)!.history.some((h) => h.kind === 'rescheduled')).to.equal(false);
    await expect(el).to.be.accessible();

    const alternative = { start: Date.UTC(2026, 10, 26, 10), end: Date.UTC(2026, 10, 26, 10, 30), capacity: 2 };
    cc.failNext('reschedule', 'time-unavailable', { detail: { alternatives: [alternative] } });
    submit(el).click();
    await oneEvent(el, 'callback-error');
    await el.updateComplete;
    expect(errorText(el).textContent).to.equal('No callback can be taken at that time. Choose another time.');
    expect(input(el, 'time').value).to.equal('10:00');
    const offered = root(el).querySelector<HTMLButtonElement>('[part=alternatives] button')!;
    expect(offered.textContent!.trim()).to.equal(`${shortDay(26)}, 11:00–11:30`);
    offered.click();
    await el.updateComplete;
    expect(input(el, 'time').value).to.equal('11:00');
  });

  it('shows the pending state while the service answers', async () => {
    const { el, cc, clock } = await setup();
    await slotsLoaded(el);
    cc.latencyMs = 1_000;
    await type(el, 'time', '18:00');
    submit(el).focus();
    submit(el).click();
    await aTimeout(0);
    await el.updateComplete;
    expect(submit(el).getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement === submit(el), 'focus stays on the submit button').to.equal(true);
    // A second submit while the first is on its way is refused.
    const requests: string[] = [];
    el.addEventListener('callback-action', () => requests.push('request'));
    submit(el).click();
    await aTimeout(0);
    expect(requests).to.deep.equal([]);
    expect(submit(el).textContent!.trim()).to.equal('Rescheduling…');
    // The refused second click may have queued a render; the state is read once it is done.
    await el.updateComplete;
    expect(el.hasState('pending')).to.equal(true);
    await expect(el).to.be.accessible();
    const done = oneEvent(el, 'callback-action-done');
    clock.advance(1_000);
    await done;
    await el.updateComplete;
    expect(submit(el).getAttribute('aria-disabled')).to.equal('false');
  });

  it('Cancel fires a bubbling, composed cancel event and empties the form unless prevented', async () => {
    const { el } = await setup();
    await type(el, 'time', '18:00');
    const outer = el.parentElement!;
    const cancelled = oneEvent(outer, 'cancel');
    $<HTMLButtonElement>(el, 'button.cancel')!.click();
    const event = await cancelled;
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(input(el, 'time').value).to.equal('');

    await type(el, 'time', '18:30');
    el.addEventListener('cancel', (e) => e.preventDefault(), { once: true });
    $<HTMLButtonElement>(el, 'button.cancel')!.click();
    await el.updateComplete;
    expect(input(el, 'time').value).to.equal('18:30');
  });

  it("is disabled with the reason before the first call when the agent may not reschedule before calling", async () => {
    const { el } = await setup('web-callback', {}, { canRescheduleBeforeCall: false });
    const fired = recordEvents(el, SCHEDULER_EVENTS, eventType);
    expect(el.hasState('blocked')).to.equal(true);
    expect($(el, '[part=blocked]')!.textContent).to.equal('Call the contact at least once before scheduling another callback.');
    expect($<HTMLFieldSetElement>(el, 'fieldset.fields')!.disabled).to.equal(true);
    expect(submit(el).disabled).to.equal(true);
    expect($<HTMLButtonElement>(el, 'button.cancel')!.disabled).to.equal(false);
    submit(el).click();
    await aTimeout(0);
    expect(fired).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('is hidden without the privilege, without the capability, and before the offer is accepted', async () => {
    const { el } = await setup('immediate', {}, { canReschedule: false });
    expect(root(el).querySelector('form')).to.equal(null);
    const { el: unsupported } = await setup('immediate', { capabilities: { reschedule: false } });
    expect(root(unsupported).querySelector('form')).to.equal(null);
    const clock = new ManualClock(NOW);
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    const offered = await fixture<CallbackScheduler>(html`<callback-scheduler interaction-id=${offer.id}></callback-scheduler>`);
    offered.adapter = cc;
    offered.clock = clock;
    await offered.updateComplete;
    expect(root(offered).querySelector('form')).to.equal(null);
    await cc.accept(offer.id);
    await offered.updateComplete;
    expect(root(offered).querySelector('form')).to.not.equal(null);
  });

  it('works with the keyboard alone: slot by arrows, submit with Enter', async () => {
    const { el, cc, id } = await setup();
    await slotsLoaded(el);
    input(el, 'date').focus();
    for (let i = 0; i < 12 && focusedIn(el)?.getAttribute('name') !== 'slot'; i++) await sendKeys({ press: 'Tab' });
    expect(focusedIn(el)?.getAttribute('name')).to.equal('slot');
    // Arrow keys move through the free slots and skip the full ones.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el, 'time').value).to.equal('17:30');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(input(el, 'time').value).to.equal('17:00');
    for (let i = 0; i < 12 && focusedIn(el) !== submit(el); i++) await sendKeys({ press: 'Tab' });
    expect(focusedIn(el)).to.equal(submit(el));
    const done = oneEvent(el, 'callback-action-done');
    await sendKeys({ press: 'Enter' });
    await done;
    expect(cc.getInteraction(id)!.desiredTime).to.equal(utc(16));
  });

  it('stops loading slots when removed (no request or timer outlives it) and loads again when put back', async () => {
    const { el, cc, clock } = await setup();
    await slotsLoaded(el);
    const idle = clock.pendingTimers;
    cc.latencyMs = 500;
    await type(el, 'date', '2026-11-26');
    expect(clock.pendingTimers).to.equal(idle + 1);
    const parent = el.parentElement!;
    el.remove();
    expect(clock.pendingTimers).to.equal(idle);
    cc.latencyMs = 0;
    parent.append(el);
    await slotsLoaded(el);
    expect($(el, '[part=slots] legend')!.textContent).to.include(longDay(26));
  });

  it('renders untrusted contact data as text', async () => {
    const { el } = await setup('hostile-data', {}, { canRescheduleOnNewNumber: true });
    const interaction: Interaction = el.adapter!.getInteraction(el.interactionId!)!;
    expect(root(el).querySelector('img, script')).to.equal(null);
    expect($(el, '#number-hint')!.textContent).to.include(formatPhone(interaction.contact.phone));
  });
});

import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { act, actionsRoot, button, call, callState, current, inner, isDisabled, root, setup, text, type PreviewSetup } from '../helpers/callback-preview.js';
import { recordActionEvents } from '../helpers/events.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

const scheduler = (s: PreviewSetup) => actionsRoot(s.el).querySelector('#panel callback-scheduler')?.shadowRoot ?? null;

function setInput(input: HTMLInputElement | HTMLSelectElement, value: string, type = 'input') {
  input.value = value;
  input.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
}

async function openScheduler(s: PreviewSetup) {
  await act(s, 'reschedule');
  await waitUntil(() => scheduler(s)?.querySelector('#date'), 'scheduler open');
  return scheduler(s)!;
}

/** Local date and time of `time` as the date and time inputs read them (the agent's zone). */
function localInputs(time: number) {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}

describe('<callback-preview> actions and bad input', () => {
  afterEach(() => localStorage.clear());

  it('Schedule callback after a busy attempt: the reason is offered, can be changed, and is recorded', async () => {
    const s = await setup({ scenario: 'busy' });
    await call(s);
    s.clock.advance(1_500);
    await settled(s.el);
    expect(callState(s.el)).to.equal('Ready to call');
    const form = await openScheduler(s);
    expect(actionsRoot(s.el).querySelector('#panel')!.getAttribute('aria-label')).to.equal('Schedule callback');
    const reason = form.querySelector<HTMLSelectElement>('#reason')!;
    expect(reason.value).to.equal('busy');
    setInput(reason, 'unavailable', 'change');
    setInput(form.querySelector<HTMLInputElement>('#date')!, '2026-11-26');
    await settled(s.el);
    await waitUntil(() => form.querySelector('[part=slots] input[type=radio]:not([disabled])'), 'free slots');
    form.querySelector<HTMLInputElement>('[part=slots] input[type=radio]:not([disabled])')!.click();
    await settled(s.el);
    await expect(s.el).to.be.accessible();
    const done = oneEvent(s.el, 'callback-action-done');
    form.querySelector<HTMLButtonElement>('[part=submit-button]')!.click();
    expect((await done).detail.action).to.equal('reschedule');
    const entry = current(s).history.find((h) => h.kind === 'rescheduled');
    expect(entry).to.deep.include({ reason: 'unavailable' });
    expect(new Date(current(s).desiredTime!).toISOString().slice(0, 10)).to.equal('2026-11-26');
    await settled(s.el);
    expect(scheduler(s) === null, 'the panel closed').to.equal(true);
  });

  it('Schedule callback before any call: disabled with the reason when the policy forbids it', async () => {
    const s = await setup({ scenario: 'busy', policy: { canRescheduleBeforeCall: false } });
    const fired = recordActionEvents(s.el);
    expect(isDisabled(s.el, 'reschedule')).to.equal(true);
    const why = button(s.el, 'reschedule')!.getAttribute('aria-describedby')!;
    expect(text(actionsRoot(s.el).getElementById(why))).to.equal('Call the contact at least once before rescheduling.');
    expect(button(s.el, 'reschedule')!.title).to.include('at least once');
    button(s.el, 'reschedule')!.click();
    await settled(s.el);
    expect(scheduler(s) === null, 'no scheduler').to.equal(true);
    expect(fired).to.deep.equal([]);
    await expect(s.el).to.be.accessible();
    await call(s);
    s.clock.advance(1_500);
    await settled(s.el);
    expect(isDisabled(s.el, 'reschedule'), 'after one attempt').to.equal(false);
  });

  it('a new number is offered when the policy allows rescheduling on a new number', async () => {
    const s = await setup({ policy: { canRescheduleOnNewNumber: true } });
    const form = await openScheduler(s);
    expect(form.querySelector('#number') !== null, 'number field').to.equal(true);
    const other = await setup();
    const plain = await openScheduler(other);
    expect(plain.querySelector('#number') === null, 'no number field by default').to.equal(true);
  });

  it('schedule in the past: refused before anything is sent, with what was entered kept', async () => {
    const s = await setup();
    const fired = recordActionEvents(s.el);
    const form = await openScheduler(s);
    const past = localInputs(s.clock.now() - 60 * 60_000);
    setInput(form.querySelector<HTMLInputElement>('#date')!, past.date);
    setInput(form.querySelector<HTMLInputElement>('#time')!, past.time);
    await settled(s.el);
    form.querySelector<HTMLButtonElement>('[part=submit-button]')!.click();
    await settled(s.el);
    const error = form.querySelector('[part=time-error]')!;
    expect(text(error)).to.equal('The new time must be in the future.');
    // Said where the agent is taken: the first field in the wrong, described by the message.
    expect(form.activeElement?.getAttribute('aria-describedby')).to.include(error.id);
    expect(form.querySelector<HTMLInputElement>('#date')!.value).to.equal(past.date);
    expect(form.querySelector<HTMLInputElement>('#time')!.value).to.equal(past.time);
    expect(fired).to.deep.equal(['error:reschedule:time-past']);
    expect(current(s).history.some((h) => h.kind === 'rescheduled')).to.equal(false);
    await expect(s.el).to.be.accessible();
  });

  it('invalid number on Call: refused visibly, nothing dialed, still Ready to call', async () => {
    const s = await setup({ overrides: { contact: { name: 'X', phone: '+44 20' } } });
    const fired = recordActionEvents(s.el);
    button(s.el, 'call')!.click();
    await waitUntil(() => fired.length > 0, 'validation error', { timeout: 3000 });
    await settled(s.el);
    const alert = actionsRoot(s.el).querySelector('[role=alert]')!;
    expect(text(alert)).to.equal('The phone number is too short.');
    expect(fired).to.deep.equal(['error:call:phone-too-short']);
    expect(current(s).state).to.equal('ready-to-call');
    expect(current(s).attempts).to.deep.equal([]);
    expect(callState(s.el)).to.equal('Ready to call');
    await expect(s.el).to.be.accessible();
  });

  it('contact edit failure: the message is shown and every edit is kept; a retry saves it', async () => {
    const s = await setup();
    const contact = root(s.el).querySelector('contact-directory')!;
    await waitUntil(() => contact.shadowRoot?.querySelector('[part=edit-button]'), 'contact shown');
    const saved: string[] = [];
    s.el.addEventListener('contact-saved', (e) => saved.push((e as CustomEvent<{ contact: { name: string } }>).detail.contact.name));
    await contact.edit();
    const form = contact.shadowRoot!;
    const name = form.querySelector<HTMLInputElement>('#field-name')!;
    name.select();
    await sendKeys({ type: 'Priya N. Natarajan' });
    s.cc.failNext('updateContact', 'network');
    const failed = oneEvent(s.el, 'callback-error');
    form.querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    expect((await failed).detail).to.include({ action: 'update-contact', code: 'network' });
    await settled(s.el);
    expect(text(form.querySelector('[part=error]'))).to.include('cannot be reached');
    expect(form.querySelector<HTMLInputElement>('#field-name')!.value).to.equal('Priya N. Natarajan');
    expect(saved).to.deep.equal([]);
    expect(current(s).contact.name).to.equal('Priya Natarajan');
    await expect(s.el).to.be.accessible();
    const done = oneEvent(s.el, 'contact-saved');
    form.querySelector<HTMLButtonElement>('[part=save-button]')!.click();
    await done;
    await settled(s.el);
    expect(current(s).contact.name).to.equal('Priya N. Natarajan');
    expect(text(inner(s.el, 'call-status')!.querySelector('[part=name]'))).to.equal('Priya N. Natarajan');
  });

  it('standard responses: "Insert into note" puts the text into the note draft', async () => {
    const s = await setup();
    const note = root(s.el).querySelector('interaction-note')!;
    const responses = root(s.el).querySelector('standard-responses')!;
    responses.dispatchEvent(
      new CustomEvent('response-insert', { detail: { response: { id: 'resp-greeting' }, text: 'Hello, this is your callback.' }, bubbles: true, composed: true }),
    );
    await settled(s.el);
    expect(note.value).to.equal('Hello, this is your callback.');
    expect(inner(s.el, 'interaction-note')!.querySelector('textarea')!.value).to.equal('Hello, this is your callback.');
    responses.dispatchEvent(new CustomEvent('response-insert', { detail: { text: 'Goodbye.' }, bubbles: true, composed: true }));
    await settled(s.el);
    expect(note.value).to.equal('Hello, this is your callback.\nGoodbye.');
    expect(current(s).history.some((h) => h.kind === 'note'), 'not saved by inserting').to.equal(false);
  });

  it('standard responses: search by keyword, read one, insert it into the note with the keyboard', async () => {
    const s = await setup({ regions: 'responses, note' });
    const responses = inner(s.el, 'standard-responses')!;
    responses.querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ type: 'greeting' });
    s.clock.advance(200);
    await settled(s.el);
    await waitUntil(() => responses.querySelector('[part=option]'), 'results', { timeout: 3000 });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    const insert = responses.querySelector<HTMLButtonElement>('[part=insert-button]')!;
    insert.focus();
    await sendKeys({ press: 'Enter' });
    await settled(s.el);
    const body = 'Hello, this is your callback from Northwind Bank. Is now still a good time to talk?';
    expect(root(s.el).querySelector('interaction-note')!.value).to.equal(body);
    expect(inner(s.el, 'interaction-note')!.querySelector('textarea')!.value).to.equal(body);
    await expect(s.el).to.be.accessible();
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import type { GmsCallbackAdapter } from '../../src/adapters/gms/index.js';
import type { CallbackDoneEvent } from '../../src/call-actions.js';
import '../helpers/lit-warnings.js';
import { expectAccessibleIn } from '../helpers/axe-frame.js';

type DemoWindow = Window & typeof globalThis & { gmsDemo: { gms: GmsCallbackAdapter; base: string } };

interface LoggedRequest {
  method: string;
  path: string;
  /** The request body as sent. */
  body: string;
}

interface StoredCallback {
  _id: string;
  _customer_number: string;
  _desired_time: string;
  _callback_state: string;
}


/** axe inside the demo's own frame (chai-a11y-axe cannot check a node of another document). */
async function expectAccessible(_win: DemoWindow, doc: Document) {
  await expectAccessibleIn(doc.body);
}

/** A number no other test uses on the shared contract server. */
const freshNumber = () => `+4420794${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;

/**
 * Issue 17, the demo pages: the GMS demo showed the notification, callback information, scheduler
 * and history only, and an integrator who gave the GMS adapter a telephony adapter could neither
 * end the call nor mark the callback done ("End the call first"): the GMS interaction had no call
 * and never heard that the call ended. Loads demo/gms.html as `npm run demo:gms` serves it (the
 * test run has the same GMS contract server at /__gms-url) and completes a callback as an agent
 * would, by keyboard: request, route, accept, talk, end, note, disposition, reschedule into a free
 * time from GMS availability, Mark done. Then checks what GMS recorded.
 */
describe('GMS demo page', function () {
  // Each phone action waits for the simulated phone's 250 ms latency.
  this.timeout(45_000);

  it('completes a GMS callback end to end: accept, call, end, note, disposition, reschedule through GMS availability, Mark done', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/gms.html" style="width:1400px;height:1000px" title="GMS demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.body?.dataset.ready === 'true', 'demo page ready', { timeout: 15_000 });
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as DemoWindow;
    const { base, gms } = win.gmsDemo;
    const desk = doc.querySelector('callback-desk')!.shadowRoot!;
    const done: CallbackDoneEvent[] = [];
    doc.addEventListener('callback-done', (e) => done.push(e as CallbackDoneEvent));
    const number = freshNumber();

    // The customer asks for a callback: the form POSTs to GMS.
    const numberField = doc.querySelector<HTMLInputElement>('#create input[name=number]')!;
    numberField.focus();
    numberField.select();
    await sendKeys({ type: number });
    await sendKeys({ press: 'Enter' });
    const status = () => doc.getElementById('status')!.textContent ?? '';
    await waitUntil(() => status().startsWith('GMS stored callback'), `stored (${status()})`, { timeout: 10_000 });
    const id = /GMS stored callback (\S+)\./.exec(status())![1]!;

    // The service routes it to the agent: the call rings with the callback data.
    const route = () => doc.querySelector<HTMLButtonElement>(`#stored li[data-id="${id}"] button`);
    await waitUntil(route, 'Route to me listed', { timeout: 5_000 });
    route()!.focus();
    await sendKeys({ press: 'Enter' });
    const notification = () => desk.querySelector('callback-notification')?.shadowRoot ?? null;
    await waitUntil(() => notification()?.querySelector('button.accept'), 'the offer is shown', { timeout: 10_000 });
    expect(notification()!.textContent).to.include('Margaret Chen');
    const customerCall = () => doc.getElementById('customer-call')!.textContent;
    expect(customerCall()).to.equal('ringing at the agent');

    notification()!.querySelector<HTMLButtonElement>('button.accept')!.focus();
    await sendKeys({ press: 'Enter' });
    const windowRoot = () => desk.querySelector('[part=window]:not([hidden]) > interaction-window')?.shadowRoot ?? null;
    const inWindow = (tag: string) => windowRoot()?.querySelector(tag)?.shadowRoot ?? null;
    const callState = () => inWindow('call-status')?.querySelector('[part=state]')?.textContent?.trim();
    await waitUntil(() => callState() === 'Connected', `connected (${callState()})`, { timeout: 10_000 });
    await waitUntil(() => customerCall() === 'talking with the agent', 'the customer is on the call', { timeout: 5_000 });
    await expectAccessible(win, doc);

    const button = (action: string) => inWindow('call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
    const press = async (action: string) => {
      await waitUntil(() => button(action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`, { timeout: 10_000 });
      button(action)!.focus();
      await sendKeys({ press: 'Enter' });
    };
    const history = () => inWindow('case-history')?.textContent ?? '';

    // End call: the phone hangs up, and the GMS interaction hears it.
    await press('end-call');
    await waitUntil(() => customerCall() === 'ended', `the customer's call ended (${customerCall()})`, { timeout: 10_000 });
    await waitUntil(() => history().includes('The agent ended the call'), 'the history says who ended it', { timeout: 5_000 });
    expect(gms.getInteraction(id)?.state).to.equal('ended');
    // Mark done now waits for the disposition only, not for a call end that never comes.
    button('mark-done')!.focus();
    const reason = () => inWindow('call-actions')?.querySelector('[part=reason]')?.textContent ?? '';
    await waitUntil(() => reason().includes('Choose a disposition before marking done.'), `Mark done's reason (${reason()})`, { timeout: 5_000 });
    expect(reason()).to.not.include('End the call first');

    // The note.
    const note = 'Customer wants a call next week about the refund.';
    inWindow('interaction-note')!.querySelector('textarea')!.focus();
    await sendKeys({ type: note });

    // The disposition, from the list: arrow keys move the choice in the radio group.
    const picker = () => inWindow('disposition-picker');
    await waitUntil(() => picker()?.querySelector('input[type=radio]'), 'dispositions listed', { timeout: 5_000 });
    picker()!.querySelector<HTMLInputElement>('input[type=radio]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    const chosen = () => picker()!.querySelector<HTMLInputElement>('input[type=radio]:checked');
    await waitUntil(chosen, 'a disposition chosen', { timeout: 5_000 });
    const code = chosen()!.value;

    // Reschedule into a free time GMS offers.
    await press('reschedule');
    const scheduler = () => inWindow('call-actions')?.querySelector('callback-scheduler')?.shadowRoot ?? null;
    await waitUntil(() => scheduler()?.querySelector('#date'), 'the scheduler opened', { timeout: 5_000 });
    // The next weekday (GMS's office hours are weekdays), picked in the date field.
    const day = new Date(Date.now() + 2 * 86_400_000);
    while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
    const typed = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const dateField = scheduler()!.querySelector<HTMLInputElement>('#date')!;
    dateField.value = typed;
    dateField.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const freeSlots = () => [...(scheduler()?.querySelectorAll<HTMLInputElement>('[part=slots] input[type=radio]:not([disabled])') ?? [])];
    // The free times of that day (its legend names the day; the ones of today show first).
    const legend = () => scheduler()?.querySelector('[part=slots] legend')?.textContent ?? '';
    const ofThatDay = new RegExp(`\\b${day.getDate()}\\b`);
    await waitUntil(() => ofThatDay.test(legend()) && freeSlots().length > 0, `free times from GMS availability (${legend()})`, { timeout: 10_000 });
    freeSlots()[0]!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => freeSlots()[0]!.checked, 'a free time chosen', { timeout: 5_000 });
    const submit = scheduler()!.querySelector<HTMLButtonElement>('button[type=submit]')!;
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => history().includes('Callback rescheduled to'), `the history shows the reschedule (${history()})`, { timeout: 10_000 });

    // Mark done.
    await press('mark-done');
    await waitUntil(() => done.length === 1, 'callback-done', { timeout: 10_000 });
    await waitUntil(() => desk.textContent!.includes('No interaction in progress'), 'the window closed', { timeout: 5_000 });
    expect(done[0]!.detail.disposition?.code).to.equal(code);
    expect(done[0]!.detail.notes.join(' ')).to.include(note);
    expect(doc.activeElement, 'focus stays in the page').to.not.equal(doc.body);

    // What GMS recorded: one PUT with the new time, which GMS offered as free, and the callback
    // waiting for that time.
    const log = (await (await fetch(`${base}/__control/log`)).json()) as LoggedRequest[];
    const puts = log.filter((r) => r.method === 'PUT' && r.path.endsWith(`/${id}`));
    expect(puts).to.have.length(1);
    const time = (JSON.parse(puts[0]!.body) as Record<string, string>)._new_desired_time!;
    const rescheduled = gms.getInteraction(id)!.history.find((h) => h.kind === 'rescheduled');
    expect(rescheduled && 'time' in rescheduled ? rescheduled.time : undefined).to.equal(Date.parse(time));
    const availability = log.filter((r) => r.method === 'GET' && r.path.endsWith('/availability'));
    expect(availability.length, 'the free times came from GMS').to.be.greaterThan(0);
    const [record] = (await (await fetch(`${base}/genesys/1/service/callback?_id=${encodeURIComponent(id)}`)).json()) as StoredCallback[];
    expect(record!._callback_state).to.equal('SCHEDULED');
    expect(Date.parse(record!._desired_time)).to.equal(Date.parse(time));
    expect(record!._customer_number.replace(/\D/g, '')).to.equal(number.replace(/\D/g, ''));
    // The page's list of stored callbacks shows it too.
    await waitUntil(() => doc.querySelector(`#stored li[data-id="${id}"]`)?.textContent?.includes('SCHEDULED'), 'listed as scheduled', { timeout: 5_000 });
  });
});

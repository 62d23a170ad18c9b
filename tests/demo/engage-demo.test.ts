import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import type { WorkspaceCallbackAdapter } from '../../src/adapters/workspace/index.js';
import type { CallbackDoneEvent } from '../../src/call-actions.js';
import '../helpers/lit-warnings.js';
import { expectAccessibleIn } from '../helpers/axe-frame.js';

type DemoWindow = Window &
  typeof globalThis & { engageDemo: { agent: WorkspaceCallbackAdapter; workspace: string; gmsBase: string; dn: string } };

interface LoggedRequest {
  method: string;
  path: string;
  body: string;
}

interface StoredCallback {
  _id: string;
  _desired_time: string;
  _callback_state: string;
}

interface ServerCall {
  state: string;
  userData: { key: string; value: string }[];
  participants: { number: string }[];
}


/** axe inside the demo's own frame (chai-a11y-axe cannot check a node of another document). */
async function expectAccessible(_win: DemoWindow, doc: Document) {
  await expectAccessibleIn(doc.body);
}

const post = async <T = unknown>(url: string, body: unknown = {}): Promise<T> =>
  (await (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;

/** A number no other test uses on the shared contract servers. */
const freshNumber = () => `+4420794${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;

/**
 * Issue 20's demo (`npm run demo:engage`): loads demo/engage.html as that script serves it (the test
 * run has the same Workspace API and GMS contract servers) and plays a voice callback end to end by
 * keyboard: a customer's request stored in GMS, routed as a call whose user data carries the GMS
 * keys, accepted, held and resumed, a colleague consulted and conferenced in, the call ended, a note
 * and a disposition, a reschedule into GMS availability, Mark done. Then checks what the Workspace
 * API and GMS recorded: the disposition and the note in the call's user data, the call completed,
 * one PUT to GMS with the new time.
 */
describe('Genesys Engage demo page', function () {
  // The consulted colleague answers after a second of wall-clock time.
  this.timeout(60_000);
  let workspace = '';

  after(async () => {
    // The demo runs the Workspace contract server's far ends on the wall clock; the other tests drive its clock.
    if (workspace) await post(`${workspace}/__control/clock`, { realTime: false });
  });

  it('plays a voice callback: accept, hold, consult and conference, end, note, disposition, reschedule through GMS, Mark done', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/engage.html" style="width:1400px;height:1000px" title="Engage demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.body?.dataset.ready === 'true', 'demo page ready', { timeout: 15_000 });
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as DemoWindow;
    const { agent, gmsBase, dn } = win.engageDemo;
    workspace = win.engageDemo.workspace;
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

    // Routed: the call rings on the agent's DN with the GMS keys in its user data.
    const route = () => doc.querySelector<HTMLButtonElement>(`#stored li[data-id="${id}"] button`);
    await waitUntil(route, 'Route to me listed', { timeout: 5_000 });
    route()!.focus();
    await sendKeys({ press: 'Enter' });
    const notification = () => desk.querySelector('callback-notification')?.shadowRoot ?? null;
    await waitUntil(() => notification()?.querySelector('button.accept'), 'the offer is shown', { timeout: 10_000 });
    expect(notification()!.textContent).to.include('Margaret Chen');
    const customerCall = () => doc.getElementById('customer-call')!.textContent ?? '';
    await waitUntil(() => customerCall() === 'ringing at the agent', `ringing (${customerCall()})`, { timeout: 5_000 });

    notification()!.querySelector<HTMLButtonElement>('button.accept')!.focus();
    await sendKeys({ press: 'Enter' });
    const windowRoot = () => desk.querySelector('[part=window]:not([hidden]) > interaction-window')?.shadowRoot ?? null;
    const inWindow = (tag: string) => windowRoot()?.querySelector(tag)?.shadowRoot ?? null;
    const callState = () => inWindow('call-status')?.querySelector('[part=state]')?.textContent?.trim();
    await waitUntil(() => callState() === 'Connected', `connected (${callState()})`, { timeout: 10_000 });
    await waitUntil(() => customerCall() === 'talking with the agent', 'the customer is on the call', { timeout: 5_000 });
    await expectAccessible(win, doc);
    const callId = agent.getInteraction(id)!.callId!;
    const onServer = () => post<ServerCall>(`${workspace}/__control/call`, { id: agent.telephony.connIdOf(callId) });

    const button = (action: string) => inWindow('call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
    const press = async (action: string) => {
      await waitUntil(() => button(action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`, { timeout: 10_000 });
      button(action)!.focus();
      await sendKeys({ press: 'Enter' });
    };
    const history = () => inWindow('case-history')?.textContent ?? '';

    // Hold and resume.
    await press('hold');
    await waitUntil(() => customerCall() === 'on hold', `on hold (${customerCall()})`, { timeout: 10_000 });
    await press('resume');
    await waitUntil(() => customerCall() === 'talking with the agent', `resumed (${customerCall()})`, { timeout: 10_000 });

    // Consult a colleague found through Targets, then conference her in.
    await press('consult');
    const communicator = () => inWindow('call-actions')?.querySelector('#panel team-communicator')?.shadowRoot ?? null;
    await waitUntil(() => communicator()?.querySelector('input'), 'the team communicator opened', { timeout: 5_000 });
    communicator()!.querySelector('input')!.focus();
    await sendKeys({ type: 'Ana' });
    await waitUntil(() => communicator()!.querySelector('[role=option]')?.textContent?.includes('Ana Ruiz'), 'Ana Ruiz found', { timeout: 10_000 });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => customerCall() === 'on hold', `the customer waits during the consultation (${customerCall()})`, { timeout: 10_000 });
    await press('consult-conference');
    await waitUntil(() => customerCall().includes('with 7001'), `conferenced (${customerCall()})`, { timeout: 15_000 });
    await waitUntil(() => !button('consult-conference'), 'the consultation is over', { timeout: 5_000 });

    // End call.
    await press('end-call');
    await waitUntil(() => customerCall() === 'ended', `the agent's call ended (${customerCall()})`, { timeout: 10_000 });

    // The note, and the disposition from the list (codes from the server's configuration).
    const note = 'Customer wants a call next week about the refund.';
    inWindow('interaction-note')!.querySelector('textarea')!.focus();
    await sendKeys({ type: note });
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
    const day = new Date(Date.now() + 2 * 86_400_000);
    while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
    const typed = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const dateField = scheduler()!.querySelector<HTMLInputElement>('#date')!;
    dateField.value = typed;
    dateField.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const freeSlots = () => [...(scheduler()?.querySelectorAll<HTMLInputElement>('[part=slots] input[type=radio]:not([disabled])') ?? [])];
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

    // What the Workspace API recorded: the call completed, with the disposition and the note in its user data.
    const call = await onServer();
    expect(call.state).to.equal('Completed');
    const data = Object.fromEntries(call.userData.map((p) => [p.key, p.value]));
    expect(data).to.include({ GMS_ServiceName: 'contract-callback', DispositionCode: code });
    expect(data.Comment).to.include(note);
    expect(call.participants.map((p) => p.number)).to.include('7001');
    expect((await post<{ agentState: string }>(`${workspace}/__control/agent`, { dn })).agentState).to.equal('Ready');
    await waitUntil(() => doc.getElementById('user-data')!.textContent!.includes(code), 'the page shows the user data', { timeout: 5_000 });

    // What GMS recorded: one PUT with the new time; the callback waits for it.
    const log = (await (await fetch(`${gmsBase}/__control/log`)).json()) as LoggedRequest[];
    const puts = log.filter((r) => r.method === 'PUT' && r.path.endsWith(`/${id}`));
    expect(puts).to.have.length(1);
    const time = (JSON.parse(puts[0]!.body) as Record<string, string>)._new_desired_time!;
    const [record] = (await (await fetch(`${gmsBase}/genesys/1/service/callback?_id=${encodeURIComponent(id)}`)).json()) as StoredCallback[];
    expect(record!._callback_state).to.equal('SCHEDULED');
    expect(Date.parse(record!._desired_time)).to.equal(Date.parse(time));
  });
});

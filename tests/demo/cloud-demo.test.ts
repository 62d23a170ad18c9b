import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import type { GenesysCloudCallbackAdapter } from '../../src/adapters/genesys-cloud/index.js';
import type { CallbackDoneEvent } from '../../src/call-actions.js';
import '../helpers/lit-warnings.js';

type DemoWindow = Window & typeof globalThis & { cloudDemo: { callbacks: GenesysCloudCallbackAdapter; base: string; userId: string } };

interface ServerConversation {
  participants: { purpose: string; userId?: string; state: string; wrapup?: { code: string; notes?: string } }[];
}

const post = async <T = unknown>(url: string, body: unknown = {}): Promise<T> =>
  (await (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;

/**
 * Issue 21's demo (`npm run demo:cloud`): loads demo/cloud.html as that script serves it (the test
 * run has the same Genesys Cloud contract server) and plays a web callback: a customer's request
 * (a callback conversation), routed to the agent, accepted, called from the preview, held and
 * resumed, ended, a note and a wrap-up code, Mark done; then checks the agent's participants on the
 * server: the callback and its call both wrapped up with that code, the callback with the note.
 * And a web callback scheduled for another time: the server holds the new time and the agent's
 * participant leaves it.
 */
describe('Genesys Cloud demo page', function () {
  this.timeout(60_000);

  // No reset of the shared contract server: as on a real site, it keeps what earlier files left
  // (their agents, conversations, and the service clock their harness froze minutes ago), and this
  // page, a new agent of its own, gets its offers all the same (offerStart in
  // src/adapters/genesys-cloud/conversations.ts).

  /** Opens the demo, has a customer ask for a callback, routes it to the agent and accepts it. */
  async function acceptedCallback() {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/cloud.html" style="width:1400px;height:1000px" title="Genesys Cloud demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.body?.dataset.ready === 'true', 'demo page ready', { timeout: 15_000 });
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as DemoWindow;
    const desk = doc.querySelector('callback-desk')!.shadowRoot!;
    const done: CallbackDoneEvent[] = [];
    doc.addEventListener('callback-done', (e) => done.push(e as CallbackDoneEvent));

    // The customer asks for a callback: a callback conversation waits in the queue.
    doc.querySelector<HTMLButtonElement>('#create button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    const status = () => doc.getElementById('status')!.textContent ?? '';
    await waitUntil(() => status().startsWith('Genesys Cloud created callback'), `created (${status()})`, { timeout: 10_000 });
    const id = /created callback (\S+)\./.exec(status())![1]!;

    // The queue routes it to the agent: the offer.
    const route = () => doc.querySelector<HTMLButtonElement>(`#queued li[data-id="${id}"] button`);
    await waitUntil(route, 'Route to me listed', { timeout: 5_000 });
    route()!.focus();
    await sendKeys({ press: 'Enter' });
    const notification = () => desk.querySelector('callback-notification')?.shadowRoot ?? null;
    await waitUntil(() => notification()?.querySelector('button.accept'), 'the offer is shown', { timeout: 10_000 });
    expect(notification()!.textContent).to.include('Margaret Chen');
    notification()!.querySelector<HTMLButtonElement>('button.accept')!.focus();
    await sendKeys({ press: 'Enter' });

    const preview = () => desk.querySelector('callback-preview')?.shadowRoot ?? null;
    const inPreview = (tag: string) => preview()?.querySelector(tag)?.shadowRoot ?? null;
    const callState = () => inPreview('call-status')?.querySelector('[part=state]')?.textContent?.trim();
    await waitUntil(() => callState() === 'Ready to call', `ready to call (${callState()})`, { timeout: 10_000 });
    const button = (action: string) => inPreview('call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
    // The preview's actions are clicked, as tests/demo/demo.test.ts does (the keyboard is the elements' own tests' business).
    const press = async (action: string) => {
      await waitUntil(() => button(action)?.getAttribute('aria-disabled') === 'false', `${action} enabled`, { timeout: 10_000 });
      button(action)!.click();
    };
    return { doc, win, desk, done, id, inPreview, callState, press, ...win.cloudDemo };
  }

  const agentOf = async (base: string, userId: string, conversationId: string) =>
    (await post<ServerConversation>(`${base}/__control/conversation/${conversationId}`)).participants.find((p) => p.purpose === 'agent' && p.userId === userId);

  it('plays a web callback: accept, Call, hold and resume, end, note, wrap-up code, Mark done', async () => {
    const { doc, done, id, inPreview, callState, press, callbacks, base, userId } = await acceptedCallback();
    const customerCall = () => doc.getElementById('customer-call')!.textContent ?? '';
    // Call from the preview: the agent's Genesys Cloud phone dials the callback number.
    await press('call');
    await waitUntil(() => callState() === 'Connected', `connected (${callState()})`, { timeout: 10_000 });
    await waitUntil(() => customerCall() === 'talking with the agent', `the customer answered (${customerCall()})`, { timeout: 5_000 });
    await press('hold');
    await waitUntil(() => customerCall() === 'on hold', `on hold (${customerCall()})`, { timeout: 10_000 });
    await press('resume');
    await waitUntil(() => customerCall() === 'talking with the agent', `resumed (${customerCall()})`, { timeout: 10_000 });
    await press('end-call');
    await waitUntil(() => callState() === 'Ready to call', `the call ended (${callState()})`, { timeout: 10_000 });
    const callId = callbacks.getInteraction(id)!.callId!;

    // The note, and a wrap-up code from the list.
    const note = 'Refund explained; customer satisfied.';
    // Typed into the field (the keyboard's path through the note is the element's own tests').
    const textarea = inPreview('interaction-note')!.querySelector('textarea')!;
    textarea.value = note;
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const picker = () => inPreview('disposition-picker');
    await waitUntil(() => picker()?.querySelector('input[type=radio]'), 'wrap-up codes listed', { timeout: 5_000 });
    picker()!.querySelectorAll<HTMLInputElement>('input[type=radio]')[1]!.click();
    const chosen = () => picker()!.querySelector<HTMLInputElement>('input[type=radio]:checked');
    await waitUntil(chosen, 'a wrap-up code chosen', { timeout: 5_000 });
    const code = chosen()!.value;

    await press('mark-done');
    await waitUntil(() => done.length === 1, 'callback-done', { timeout: 10_000 });
    expect(done[0]!.detail.disposition?.code).to.equal(code);

    // On Genesys Cloud: the agent's callback participant wrapped up with the code and the note,
    // and the call the preview placed wrapped up with the same code.
    const callback = await agentOf(base, userId, id);
    expect(callback?.state).to.equal('terminated');
    expect(callback?.wrapup?.code).to.equal(code);
    expect(callback?.wrapup?.notes).to.include(note);
    await waitUntil(async () => (await agentOf(base, userId, callId))?.state === 'terminated', 'the call wrapped up too', { timeout: 5_000 });
    expect((await agentOf(base, userId, callId))?.wrapup?.code).to.equal(code);
  });

  it('schedules the web callback for another time: Genesys Cloud holds the new time and the agent is released', async () => {
    const { id, inPreview, press, base, userId, done } = await acceptedCallback();
    await press('reschedule');
    const scheduler = () => inPreview('call-actions')?.querySelector('callback-scheduler')?.shadowRoot ?? null;
    await waitUntil(() => scheduler()?.querySelector('#date'), 'the scheduler opened', { timeout: 5_000 });
    const day = new Date(Date.now() + 2 * 86_400_000);
    const typed = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const set = (field: string, value: string) => {
      const input = scheduler()!.querySelector<HTMLInputElement>(field)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    set('#date', typed);
    set('#time', '10:30');
    const when = new Date(`${typed}T10:30`).getTime();
    scheduler()!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => done.length === 1, 'the web callback closes, scheduled', { timeout: 10_000 });
    const conversation = await post<ServerConversation & { scheduledTime?: number }>(`${base}/__control/conversation/${id}`);
    expect(conversation.scheduledTime).to.equal(when);
    await waitUntil(async () => (await agentOf(base, userId, id))?.state === 'disconnected', 'the agent released from the callback', { timeout: 5_000 });
  });
});

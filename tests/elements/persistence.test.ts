import { expect, waitUntil } from '@open-wc/testing';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import '../helpers/lit-warnings.js';

// The backend outlives the page: the contact center lives in this test window, and a desk in a
// same-origin iframe (persistence-frame.html) uses it. Reloading or removing the iframe is the
// agent reloading or closing the tab; the work they typed must come back from IndexedDB.

interface FrameGlobals {
  __cc?: SimulatedContactCenter;
  __deskReady?: boolean;
  __done?: { id: string; disposition?: string; notes: string[] }[];
  __flush?: () => Promise<void>;
}

const FRAME_URL = new URL('./persistence-frame.html', import.meta.url).href;
const frames: HTMLIFrameElement[] = [];

async function openFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = FRAME_URL;
  frame.style.inlineSize = '900px';
  frame.style.blockSize = '900px';
  document.body.append(frame);
  frames.push(frame);
  await waitUntil(() => globalsOf(frame)?.__deskReady === true, 'the desk page did not start', { timeout: 8_000 });
  return frame;
}

const globalsOf = (frame: HTMLIFrameElement) => frame.contentWindow as (Window & FrameGlobals) | null;

async function reload(frame: HTMLIFrameElement): Promise<void> {
  await globalsOf(frame)!.__flush!();
  const old = frame.contentWindow;
  frame.contentWindow!.location.reload();
  await waitUntil(() => frame.contentWindow !== old || globalsOf(frame)?.__deskReady !== true, 'no reload', { timeout: 8_000 });
  await waitUntil(() => globalsOf(frame)?.__deskReady === true, 'the desk page did not come back', { timeout: 8_000 });
}

/** The agent closes the tab: the page is gone; nothing of it is left but what it stored. */
async function close(frame: HTMLIFrameElement): Promise<void> {
  await globalsOf(frame)!.__flush!();
  frame.remove();
}

function deep<T extends Element>(frame: HTMLIFrameElement, ...path: string[]): T | null {
  let node: Element | null | undefined = frame.contentDocument?.querySelector('callback-desk');
  for (const selector of path) node = node?.shadowRoot?.querySelector(selector);
  return (node as T | null | undefined) ?? null;
}

const windowPath = ['interaction-window'];
const noteField = (f: HTMLIFrameElement) => deep<HTMLTextAreaElement>(f, ...windowPath, 'interaction-note', 'textarea');
const radio = (f: HTMLIFrameElement, code: string) => deep<HTMLInputElement>(f, ...windowPath, 'disposition-picker', `input[value="${code}"]`);
const pickerText = (f: HTMLIFrameElement) => deep(f, ...windowPath, 'disposition-picker', '[part~="base"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
const markDone = (f: HTMLIFrameElement) => deep<HTMLButtonElement>(f, ...windowPath, 'call-actions', '[data-action="mark-done"]');
const pending = (f: HTMLIFrameElement) => deep(f, ...windowPath, 'call-actions', '[part~="pending"]');

async function typeNote(frame: HTMLIFrameElement, text: string) {
  await waitUntil(() => noteField(frame), 'no note field');
  const field = noteField(frame)!;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

async function pick(frame: HTMLIFrameElement, code: string) {
  await waitUntil(() => radio(frame, code), 'codes not shown');
  radio(frame, code)!.click();
}

/** An accepted voice callback whose call has ended: Mark done is the next step. */
async function endedCallback(cc: SimulatedContactCenter) {
  const offer = await cc.offer('immediate');
  const interaction = await cc.accept(offer.id);
  await cc.hangUp(interaction.callId!);
  return interaction.id;
}

const notes = (cc: SimulatedContactCenter, id: string) => cc.getInteraction(id)!.history.flatMap((h) => (h.kind === 'note' ? [h.text] : []));

describe('Nothing the agent typed is lost (reload, closed tab)', () => {
  let cc: SimulatedContactCenter;

  beforeEach(async () => {
    await pendingWorkStore().clear();
    cc = new SimulatedContactCenter({ latencyMs: 0 });
    (window as Window & FrameGlobals).__cc = cc;
  });

  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    cc.dispose();
    await pendingWorkStore().clear();
  });

  it('a failed Mark done survives a reload with its note and disposition, and is sent once the backend is back', async () => {
    const id = await endedCallback(cc);
    const frame = await openFrame();
    await typeNote(frame, 'Asked for a quote by e-mail');
    // The backend goes away before the disposition reaches it: only the page knows the choice.
    cc.setOffline(true);
    await pick(frame, 'FU-DOCS-SENT');
    await waitUntil(() => markDone(frame) && markDone(frame)!.getAttribute('aria-disabled') === 'false', 'Mark done not possible');
    markDone(frame)!.click();
    await waitUntil(() => pending(frame), 'no pending message');
    expect(pending(frame)!.textContent).to.include('Not marked done yet');
    expect(cc.getInteraction(id)!.state).to.equal('ended');

    await reload(frame);
    await waitUntil(() => noteField(frame)?.value === 'Asked for a quote by e-mail', 'the note did not come back');
    // The codes cannot load while the backend is down; the kept choice is shown anyway.
    await waitUntil(() => pickerText(frame).includes('Documents sent by e-mail'), 'the disposition did not come back');
    await waitUntil(() => pending(frame), 'the pending Mark done is not shown after the reload');
    expect(cc.getInteraction(id)!.state).to.equal('ended');

    cc.setOffline(false);
    await waitUntil(() => cc.getInteraction(id)!.state === 'done', 'not marked done once the backend was back');
    expect(cc.getInteraction(id)!.disposition).to.deep.equal({ code: 'FU-DOCS-SENT', label: 'Documents sent by e-mail' });
    expect(notes(cc, id)).to.deep.equal(['Asked for a quote by e-mail']);
    await waitUntil(() => globalsOf(frame)!.__done!.length === 1, 'callback-done not fired');
    expect(globalsOf(frame)!.__done).to.deep.equal([{ id, disposition: 'FU-DOCS-SENT', notes: ['Asked for a quote by e-mail'] }]);
  });

  it('a closed tab: a new page has the note, the disposition and the pending Mark done, and sends them', async () => {
    const id = await endedCallback(cc);
    const first = await openFrame();
    await typeNote(first, 'Customer prefers mornings');
    await pick(first, 'FU-CALLBACK');
    cc.setOffline(true);
    await waitUntil(() => markDone(first)?.getAttribute('aria-disabled') === 'false', 'Mark done not possible');
    markDone(first)!.click();
    await waitUntil(() => pending(first), 'no pending message');
    await close(first);

    const second = await openFrame();
    await waitUntil(() => noteField(second)?.value === 'Customer prefers mornings', 'the note did not come back');
    await waitUntil(() => pickerText(second).includes('Callback requested'), 'the disposition is not shown');
    await waitUntil(() => pending(second), 'the pending Mark done is not shown');
    expect(cc.getInteraction(id)!.state).to.equal('ended');

    cc.setOffline(false);
    await waitUntil(() => cc.getInteraction(id)!.state === 'done', 'not marked done once the backend was back');
    expect(cc.getInteraction(id)!.disposition?.code).to.equal('FU-CALLBACK');
    expect(notes(cc, id)).to.deep.equal(['Customer prefers mornings']);
    await waitUntil(() => globalsOf(second)!.__done!.length === 1, 'callback-done not fired');
    await new Promise((r) => setTimeout(r, 50));
    expect(globalsOf(second)!.__done!.length).to.equal(1);
  });

  it('a note and a disposition not yet marked done come back after a reload', async () => {
    const id = await endedCallback(cc);
    const frame = await openFrame();
    await typeNote(frame, 'Half a thought');
    cc.failNext('setDisposition', 'network');
    await pick(frame, 'NR-BUSY');
    await reload(frame);
    await waitUntil(() => noteField(frame)?.value === 'Half a thought', 'the note did not come back');
    await waitUntil(() => radio(frame, 'NR-BUSY')?.checked === true, 'the disposition did not come back');
    // The service did not have it: the restored page stores it.
    await waitUntil(() => cc.getInteraction(id)!.disposition?.code === 'NR-BUSY', 'the kept disposition was not sent again');
    expect(cc.getInteraction(id)!.state).to.equal('ended');
    expect(notes(cc, id)).to.deep.equal([]);
  });
});

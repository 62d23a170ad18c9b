import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { PendingWorkStore, pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import '../helpers/lit-warnings.js';
import { deepActive } from '../helpers/deep.js';
import { inDesk } from '../helpers/desk.js';

// The backend outlives the page: the contact center lives in this test window, and a desk in a
// same-origin iframe (persistence-frame.html) uses it. Reloading or removing the iframe is the
// agent reloading or closing the tab; the work they typed must come back from IndexedDB.

interface FrameGlobals {
  __cc?: SimulatedContactCenter;
  __hidden?: Set<string>;
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

const windowPath = ['interaction-window'];
const noteField = (f: HTMLIFrameElement) => inDesk<HTMLTextAreaElement>(f.contentDocument, ...windowPath, 'interaction-note', 'textarea');
const radio = (f: HTMLIFrameElement, code: string) => inDesk<HTMLInputElement>(f.contentDocument, ...windowPath, 'disposition-picker', `input[value="${code}"]`);
const pickerText = (f: HTMLIFrameElement) => inDesk(f.contentDocument, ...windowPath, 'disposition-picker', '[part~="base"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
const markDone = (f: HTMLIFrameElement) => inDesk<HTMLButtonElement>(f.contentDocument, ...windowPath, 'call-actions', '[data-action="mark-done"]');
const pending = (f: HTMLIFrameElement) => inDesk(f.contentDocument, ...windowPath, 'call-actions', '[part~="pending"]');

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

describe('Nothing the agent typed is lost (reload, closed tab)', function () {
  // A test opens a desk page and reloads it, waiting up to 8 s for each start: more than mocha's
  // 10 s default in a loaded Firefox or WebKit.
  this.timeout(40_000);
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

// After a reload, the backend may no longer know the interaction the agent was working on (a
// backend whose agent-side record lives in the page, as GMS's does): the frame's adapter then
// hides it (window.__hidden). Its work must still be shown, never on another interaction. (axe
// cannot run on an iframe's element: tests/a11y/unsent-work.a11y.test.ts checks every state.)
describe('Unsent work from an earlier page', function () {
  // A test opens a desk page and reloads it, waiting up to 8 s for each start: more than mocha's
  // 10 s default in a loaded Firefox or WebKit.
  this.timeout(40_000);
  let cc: SimulatedContactCenter;
  let hidden: Set<string>;
  const globals = window as Window & FrameGlobals;

  beforeEach(async () => {
    await pendingWorkStore().clear();
    cc = new SimulatedContactCenter({ latencyMs: 0 });
    hidden = new Set();
    globals.__cc = cc;
    globals.__hidden = hidden;
  });

  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    cc.dispose();
    delete globals.__hidden;
    await pendingWorkStore().clear();
  });

  const list = (f: HTMLIFrameElement) => inDesk(f.contentDocument, 'unsent-work');
  const entries = (f: HTMLIFrameElement) => [...(list(f)?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="entry"]') ?? [])];
  const inEntry = <T extends Element>(f: HTMLIFrameElement, selector: string) => entries(f)[0]?.querySelector<T>(selector) ?? null;
  const sendButton = (f: HTMLIFrameElement) => inEntry<HTMLButtonElement>(f, '[part~="send-button"]');
  const idle = (f: HTMLIFrameElement) => inDesk<HTMLElement>(f.contentDocument, '.idle');
  /** What another page opened later reads from IndexedDB. */
  const stored = async (id: string) => {
    const store = new PendingWorkStore();
    await store.ready;
    return store.get(id, cc);
  };

  /** The agent types a note, picks a disposition, Mark done fails on the way; then the page reloads and the adapter has forgotten the interaction. */
  async function reloadDuringFailedMarkDone() {
    const id = await endedCallback(cc);
    const contact = cc.getInteraction(id)!.contact;
    const frame = await openFrame();
    await typeNote(frame, 'Asked for a <b>quote</b> by e-mail');
    cc.setOffline(true);
    await pick(frame, 'FU-DOCS-SENT');
    await waitUntil(() => markDone(frame)?.getAttribute('aria-disabled') === 'false', 'Mark done not possible');
    markDone(frame)!.click();
    await waitUntil(() => pending(frame), 'no pending message');
    hidden.add(id);
    await reload(frame);
    await waitUntil(() => entries(frame).length === 1, 'the unsent work is not shown after the reload');
    return { id, contact, frame };
  }

  it('is shown after a reload with its note, disposition and pending Mark done when the adapter no longer knows the interaction', async () => {
    const { id, contact, frame } = await reloadDuringFailedMarkDone();
    expect(idle(frame)?.textContent, 'no window for it').to.include('No interaction in progress');
    const region = list(frame)!.shadowRoot!.querySelector('[part~="base"]')!;
    expect(region.getAttribute('aria-labelledby')).to.equal('heading');
    expect(region.querySelector('#heading')!.textContent).to.equal('Unsent work from an earlier page');
    const entry = entries(frame)[0]!;
    expect(entry.querySelector('h3')!.textContent, 'who it was with').to.include(contact.name);
    const note = entry.querySelector<HTMLTextAreaElement>('[part~="note"]')!;
    expect(note.value, 'the note, as typed').to.equal('Asked for a <b>quote</b> by e-mail');
    expect(note.readOnly).to.equal(true);
    expect(note.labels?.[0]?.textContent).to.equal('Note');
    expect(entry.querySelector('b'), 'typed markup rendered').to.equal(null);
    expect(entry.textContent).to.include('Documents sent by e-mail');
    expect(entry.textContent).to.include('Mark done was asked for');
    // Nothing can be sent to an interaction the service does not know; the agent reads why.
    const send = sendButton(frame)!;
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    expect(entry.querySelector(`#${send.getAttribute('aria-describedby')}`)!.textContent).to.include('does not know this interaction');
    send.click();
    await globalsOf(frame)!.__flush!();
    expect(cc.getInteraction(id)!.state).to.equal('ended');
    expect(announcement(frame.contentDocument!)).to.include('Unsent work from an earlier page');
    // Still there after another reload: nothing was sent or thrown away.
    await reload(frame);
    await waitUntil(() => entries(frame).length === 1, 'the unsent work is gone after a second reload');
  });

  it('Discard asks first, then removes it from the screen and from the browser for good', async () => {
    const { id, frame } = await reloadDuringFailedMarkDone();
    const heard: string[] = [];
    const desk = frame.contentDocument!.querySelector('callback-desk')!;
    desk.addEventListener('callback-work-discarded', (e) => heard.push(e.detail.interactionId));
    // Keyboard only: to Discard, which asks; Escape keeps the work, focus back on Discard.
    inEntry<HTMLButtonElement>(frame, '[part~="discard-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => inEntry(frame, '[part~="confirm"]'), 'no confirmation asked');
    await waitUntil(() => deepActive(frame.contentDocument)?.classList.contains('keep'), 'focus is not on Keep');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => deepActive(frame.contentDocument)?.getAttribute('part') === 'discard-button', 'focus not back on Discard');
    expect(inEntry(frame, '[part~="confirm"]')).to.equal(null);
    expect(heard).to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive(frame.contentDocument)?.classList.contains('keep'), 'focus is not on Keep');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActive(frame.contentDocument)?.classList.contains('discard-confirm')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => entries(frame).length === 0, 'the work is still shown');
    expect(heard).to.deep.equal([id]);
    expect(deepActive(frame.contentDocument), 'focus on the idle message').to.equal(idle(frame));
    await globalsOf(frame)!.__flush!();
    expect(await stored(id), 'still stored').to.equal(undefined);
    await reload(frame);
    await new Promise((r) => setTimeout(r, 200));
    expect(entries(frame).length, 'back after a reload').to.equal(0);
    expect(cc.getInteraction(id)!.state, 'nothing was sent').to.equal('ended');
  });

  it('Send, once the adapter finds the interaction again, marks it done with the kept note and disposition', async () => {
    const { id, frame } = await reloadDuringFailedMarkDone();
    expect(sendButton(frame)!.getAttribute('aria-disabled')).to.equal('true');
    // The backend is back and knows the interaction again (by id: nothing is published).
    cc.setOffline(false);
    hidden.delete(id);
    frame.contentWindow!.dispatchEvent(new Event('online'));
    await waitUntil(() => sendButton(frame)?.getAttribute('aria-disabled') === 'false', 'Send not possible once the interaction is known again');
    expect(sendButton(frame)!.hasAttribute('aria-describedby')).to.equal(false);
    sendButton(frame)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cc.getInteraction(id)!.state === 'done', 'not marked done');
    expect(cc.getInteraction(id)!.disposition).to.deep.equal({ code: 'FU-DOCS-SENT', label: 'Documents sent by e-mail' });
    expect(notes(cc, id)).to.deep.equal(['Asked for a <b>quote</b> by e-mail']);
    await waitUntil(() => globalsOf(frame)!.__done!.length === 1, 'callback-done not fired');
    expect(globalsOf(frame)!.__done).to.deep.equal([{ id, disposition: 'FU-DOCS-SENT', notes: ['Asked for a <b>quote</b> by e-mail'] }]);
    await waitUntil(() => entries(frame).length === 0, 'still listed once sent');
    expect(deepActive(frame.contentDocument), 'focus on the idle message').to.equal(idle(frame));
    await globalsOf(frame)!.__flush!();
    expect(await stored(id), 'still stored once sent').to.equal(undefined);
  });

  it('lists only work of its own backend, and never gives another backend’s work to an interaction of the same id', async () => {
    // The first run of the simulated center: a note on its cb-1, then the page goes.
    const first = await endedCallback(cc);
    const frame = await openFrame();
    await typeNote(frame, 'For the first center');
    await globalsOf(frame)!.__flush!();
    // The next run (another scope) also has a cb-1, and a cb-2 whose note is typed now.
    const second = new SimulatedContactCenter({ latencyMs: 0 });
    const [own, other] = [await endedCallback(second), await endedCallback(second)];
    expect(own).to.equal(first);
    globals.__cc = second;
    try {
      await reload(frame);
      const otherNote = () => inDesk<HTMLTextAreaElement>(frame.contentDocument, `#window-${other} interaction-window`, 'interaction-note', 'textarea');
      inDesk<HTMLButtonElement>(frame.contentDocument, `#tab-${other}`)!.click();
      await waitUntil(() => otherNote(), 'no note field for the second callback');
      otherNote()!.value = 'For the second center';
      otherNote()!.dispatchEvent(new Event('input', { bubbles: true }));
      // The page reloads, and the backend no longer knows its cb-2.
      hidden.add(other);
      await reload(frame);
      const ownNote = () => inDesk<HTMLTextAreaElement>(frame.contentDocument, `#window-${own} interaction-window`, 'interaction-note', 'textarea');
      await waitUntil(() => entries(frame).length === 1, 'this backend’s unsent work is not shown');
      expect(inEntry<HTMLTextAreaElement>(frame, '[part~="note"]')!.value).to.equal('For the second center');
      expect(list(frame)!.shadowRoot!.textContent).not.to.include('For the first center');
      await waitUntil(() => ownNote(), 'no window for this backend’s cb-1');
      expect(ownNote()!.value, 'the other backend’s note on cb-1').to.equal('');
      expect(frame.contentDocument!.body.textContent).not.to.include('For the first center');
    } finally {
      second.dispose();
    }
  });
});

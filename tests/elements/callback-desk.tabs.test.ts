import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/callback-desk.js';
import type { CallbackDesk, DeskOwnershipDetail } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { PendingWorkStore, pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { tabConnection } from '../helpers/tab-connection.js';
import { deepActive } from '../helpers/deep.js';
import type { TabGlobals } from './desk-tab-frame.js';
import '../helpers/lit-warnings.js';

// One agent, two tabs of one browser, one backend: exactly one tab owns the desk (Web Locks), the
// other connects nothing and says so; they hand the desk over through a BroadcastChannel, and what
// one tab typed is what the other shows. A same-origin iframe is a document of its own in the same
// browser context (shared locks, channels and IndexedDB): each frame is a tab.

const FRAME_URL = new URL('./desk-tab-frame.html', import.meta.url).href;
const frames: HTMLIFrameElement[] = [];
const globalsOf = (frame: HTMLIFrameElement) => frame.contentWindow as (Window & TabGlobals) | null;

async function openTab(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = FRAME_URL;
  frame.title = `tab ${frames.length + 1}`;
  frame.style.inlineSize = '900px';
  frame.style.blockSize = '700px';
  document.body.append(frame);
  frames.push(frame);
  await waitUntil(() => globalsOf(frame)?.__deskReady === true, 'the desk page did not start', { timeout: 8_000 });
  return frame;
}

function deep<T extends Element>(frame: HTMLIFrameElement, ...path: string[]): T | null {
  let node: Element | null | undefined = frame.contentDocument?.querySelector('callback-desk');
  for (const selector of path) node = node?.shadowRoot?.querySelector(selector);
  return (node as T | null | undefined) ?? null;
}

const standbyPanel = (f: HTMLIFrameElement) => deep(f, '[part=standby]');
const takeOverButton = (f: HTMLIFrameElement) => deep<HTMLButtonElement>(f, '[part=standby-take-over]');
const acceptButton = (f: HTMLIFrameElement) => deep<HTMLButtonElement>(f, 'callback-notification', 'button.accept');
const noteField = (f: HTMLIFrameElement) => deep<HTMLTextAreaElement>(f, 'interaction-window', 'interaction-note', 'textarea');
const owner = (f: HTMLIFrameElement) => globalsOf(f)?.__ownership?.at(-1)?.owner;

async function typeNote(frame: HTMLIFrameElement, text: string) {
  await waitUntil(() => noteField(frame), 'no note field');
  const field = noteField(frame)!;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<callback-desk> in two tabs of one agent', () => {
  let cc: SimulatedContactCenter;

  beforeEach(async () => {
    await pendingWorkStore().clear();
    cc = new SimulatedContactCenter({ latencyMs: 0 });
    (window as Window & TabGlobals).__cc = cc;
  });

  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    cc.dispose();
    await pendingWorkStore().clear();
  });

  it('an offer reaches one tab: the other stands by, connected to nothing, and accepts nothing', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    await waitUntil(() => standbyPanel(second), 'the second tab shows no standby panel');
    expect(globalsOf(second)!.__ownership!.map((o) => [o.owner, o.reason, o.scope])).to.deep.equal([[false, 'other-tab', cc.workScope]]);
    expect(standbyPanel(second)!.textContent).to.include('This desk is open in another tab');
    expect(takeOverButton(second)!.textContent!.trim()).to.equal('Use this tab instead');
    await waitUntil(() => globalsOf(second)!.__announcement!() === 'This desk is open in another tab.', 'not announced');
    // Not one subscription: no offer handler, no call listener, no status listener.
    expect(globalsOf(second)!.__open!()).to.equal(0);
    expect(globalsOf(first)!.__open!()).to.be.greaterThan(0);
    expect(deep(second, 'callback-notification')).to.equal(null);

    const offer = await cc.offer('immediate');
    await waitUntil(() => acceptButton(first), 'the owning tab does not show the offer');
    await aTimeout(50);
    expect(acceptButton(second)).to.equal(null);
    acceptButton(first)!.click();
    await waitUntil(() => noteField(first), 'no window in the owning tab');
    expect(cc.getInteraction(offer.id)!.state).to.not.equal('offered');
    expect(deep(second, 'interaction-window')).to.equal(null);
    expect(globalsOf(second)!.__open!()).to.equal(0);
  });

  it('Use this tab instead: the note typed in the first tab is in the second, the first stands by, and taking it back shows what the second typed', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    await waitUntil(() => takeOverButton(second), 'no take-over button');
    const offer = await cc.offer('immediate');
    await waitUntil(() => acceptButton(first), 'offer not shown');
    acceptButton(first)!.click();
    await typeNote(first, 'Wants the quote by Tuesday');

    takeOverButton(second)!.click();
    await waitUntil(() => noteField(second)?.value === 'Wants the quote by Tuesday', 'the second tab does not show the note typed in the first');
    await waitUntil(() => standbyPanel(first), 'the first tab does not stand by');
    expect(standbyPanel(first)!.textContent).to.include('Your desk moved to another tab');
    expect(takeOverButton(first)!.textContent!.trim()).to.equal('Take the desk back');
    expect(globalsOf(first)!.__ownership!.at(-1)).to.include({ owner: false, reason: 'moved' });
    expect(globalsOf(second)!.__ownership!.at(-1)).to.include({ owner: true, reason: 'taken-over' });
    await waitUntil(() => globalsOf(first)!.__announcement!() === 'Your desk moved to another tab.', 'the move is not announced');
    await waitUntil(() => globalsOf(second)!.__announcement!() === 'This tab now handles your desk.', 'the take-over is not announced');
    expect(globalsOf(first)!.__open!()).to.equal(0);
    expect(globalsOf(second)!.__open!()).to.be.greaterThan(0);

    // The first tab still holds its old copy in memory: taking the desk back must show the newer one.
    await typeNote(second, 'Wants the quote by Tuesday, before noon');
    takeOverButton(first)!.click();
    await waitUntil(() => noteField(first)?.value === 'Wants the quote by Tuesday, before noon', 'the first tab shows its stale note');
    await waitUntil(() => standbyPanel(second), 'the second tab does not stand by');
    await globalsOf(first)!.__flush!();
    const later = new PendingWorkStore();
    await later.ready;
    expect(later.get(offer.id)?.draft).to.equal('Wants the quote by Tuesday, before noon');
  });

  it('the owning tab closes: the waiting tab takes the desk by itself and says so', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    await waitUntil(() => standbyPanel(second), 'no standby panel');
    first.remove();
    await waitUntil(() => owner(second) === true, 'the second tab did not take the desk');
    expect(globalsOf(second)!.__ownership!.at(-1)).to.include({ owner: true, reason: 'other-tab-closed' });
    await waitUntil(() => deep(second, 'callback-notification'), 'the desk is not shown');
    expect(standbyPanel(second)).to.equal(null);
    await waitUntil(() => globalsOf(second)!.__announcement!() === 'The other tab closed: this tab now handles your desk.', 'not announced');
    expect(globalsOf(second)!.__open!()).to.be.greaterThan(0);
    await cc.offer('immediate');
    await waitUntil(() => acceptButton(second), 'the offer does not reach the remaining tab');
  });
});

/** Another tab, played by the test: holds the desk's lock and answers on its channel as a desk would. */
function otherTab(scope: string) {
  const name = `callback-elements:desk:${scope}`;
  const since = Date.UTC(2026, 0, 5, 9, 30);
  let letGo: () => void = () => {};
  let held = false;
  const granted = new Promise<void>((resolve) => {
    void navigator.locks
      .request(name, () => {
        held = true;
        resolve();
        return new Promise<void>((r) => (letGo = r));
      })
      .catch(() => undefined)
      .finally(() => (held = false));
  });
  const channel = new BroadcastChannel(name);
  const asked: string[] = [];
  channel.onmessage = (e: MessageEvent<{ type: string; tab: string }>) => {
    asked.push(e.data.type);
    if (e.data.type === 'query') channel.postMessage({ type: 'owner', tab: 'other', since });
    if (e.data.type === 'take-over') channel.postMessage({ type: 'released', tab: 'other', to: e.data.tab });
  };
  return {
    granted,
    since,
    asked,
    held: () => held,
    close() {
      letGo();
      channel.close();
    },
  };
}

describe('<callback-desk> while another tab has the desk', () => {
  let cc: SimulatedContactCenter;
  let other: ReturnType<typeof otherTab>;

  beforeEach(async () => {
    cc = new SimulatedContactCenter({ latencyMs: 0 });
    other = otherTab(cc.workScope);
    await other.granted;
  });

  afterEach(() => {
    other.close();
    cc.dispose();
  });

  async function deskOn(connection = tabConnection(cc)) {
    const events: DeskOwnershipDetail[] = [];
    const desk = await fixture<CallbackDesk>(html`<callback-desk
      .callbackAdapter=${connection.adapter}
      .telephonyAdapter=${connection.adapter}
      .directoryAdapter=${connection.adapter}
      @callback-desk-ownership=${(e: CustomEvent<DeskOwnershipDetail>) => events.push(e.detail)}
    ></callback-desk>`);
    return { desk, events, open: connection.open };
  }

  it('shows why it is empty and since when (axe clean); Use this tab instead by keyboard takes it, announced, focus in the desk', async () => {
    const { desk, events, open } = await deskOn();
    const root = desk.shadowRoot!;
    await waitUntil(() => events.length === 1, 'no ownership event');
    expect(events[0]).to.deep.include({ owner: false, reason: 'other-tab', since: other.since, scope: cc.workScope });
    expect(desk.hasState('standby')).to.equal(true);
    await waitUntil(() => root.querySelector('[part=standby-take-over]'), 'no standby panel');
    const panel = root.querySelector('[part=standby]')!;
    expect(panel.textContent).to.include(new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(other.since));
    expect(root.querySelector('callback-notification, agent-status, .idle')).to.equal(null);
    expect(open()).to.equal(0);
    await expect(desk).to.be.accessible();

    await cc.offer('immediate');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('part')).to.equal('standby-take-over');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => events.length === 2, 'the desk did not come to this tab');
    expect(other.asked).to.include('take-over');
    expect(other.held()).to.equal(false);
    expect(events[1]).to.include({ owner: true, reason: 'taken-over' });
    expect(desk.hasState('standby')).to.equal(false);
    await waitUntil(() => announcement() === 'This tab now handles your desk.', 'not announced');
    await desk.updateComplete;
    // The offer made while the other tab had the desk is here now.
    const notification = root.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'the waiting offer is not shown');
    expect(open()).to.be.greaterThan(0);
    // The button went with the panel: focus is in the desk, not on the page's body. An offer waits,
    // so the idle line is hidden: focus is on the offers.
    await waitUntil(() => root.activeElement?.matches('[part=notifications]'), 'focus is not on the desk');
    await expect(desk).to.be.accessible();
  });

  it('desks of one page share the tab: both stand by, and both show the offer once the other tab closes', async () => {
    const one = await deskOn();
    const two = await deskOn();
    await waitUntil(() => one.desk.shadowRoot!.querySelector('[part=standby]') && two.desk.shadowRoot!.querySelector('[part=standby]'), 'not both standing by');
    expect(one.open() + two.open()).to.equal(0);

    other.close();
    await waitUntil(() => one.events.at(-1)?.owner === true && two.events.at(-1)?.owner === true, 'the page did not take the desk');
    expect(one.events.at(-1)!.reason).to.equal('other-tab-closed');
    await waitUntil(() => announcement() === 'The other tab closed: this tab now handles your desk.', 'not announced');
    await cc.offer('immediate');
    for (const { desk } of [one, two]) {
      await desk.updateComplete;
      const notification = desk.shadowRoot!.querySelector('callback-notification')!;
      await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'a desk of the page does not show the offer');
    }
  });

  it('asked by another tab: it stands by, then says released, and the focus that was in it goes to the panel title', async () => {
    other.close();
    const { desk, events, open } = await deskOn();
    expect(events.map((e) => [e.owner, e.reason])).to.deep.equal([[true, 'only-tab']]);
    const root = desk.shadowRoot!;
    root.querySelector<HTMLElement>('.idle')!.focus();

    const name = `callback-elements:desk:${cc.workScope}`;
    const channel = new BroadcastChannel(name);
    const released = new Promise<{ to: string }>((resolve) => {
      channel.onmessage = (e: MessageEvent<{ type: string; to: string }>) => {
        if (e.data.type === 'released') resolve(e.data);
      };
    });
    channel.postMessage({ type: 'take-over', tab: 'asking-tab' });
    expect((await released).to).to.equal('asking-tab');
    expect(events.at(-1)).to.include({ owner: false, reason: 'moved' });
    expect(open()).to.equal(0);
    let stolen = false;
    void navigator.locks.request(name, { steal: true }, () => {
      stolen = true;
      return new Promise<void>((resolve) => setTimeout(resolve, 50));
    });
    await waitUntil(() => stolen, 'the lock was not left to the asking tab');
    await waitUntil(() => root.activeElement?.id === 'standby-title', 'focus is not on the panel title');
    await waitUntil(() => announcement() === 'Your desk moved to another tab.', 'not announced');
    expect(root.querySelector('[part=standby-take-over]')!.textContent!.trim()).to.equal('Take the desk back');
    channel.close();
  });

  it('no-tab-lock: the desk owns in this tab whatever the others do', async () => {
    const events: DeskOwnershipDetail[] = [];
    const desk = await fixture<CallbackDesk>(html`<callback-desk
      no-tab-lock
      .callbackAdapter=${cc}
      .telephonyAdapter=${cc}
      .directoryAdapter=${cc}
      @callback-desk-ownership=${(e: CustomEvent<DeskOwnershipDetail>) => events.push(e.detail)}
    ></callback-desk>`);
    await waitUntil(() => events.length === 1, 'no ownership event');
    expect(events[0]).to.include({ owner: true, reason: 'unlocked' });
    expect(desk.shadowRoot!.querySelector('[part=standby]')).to.equal(null);
    await cc.offer('immediate');
    const notification = desk.shadowRoot!.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'the offer is not shown');
  });
});

describe('PendingWorkStore shared by tabs', () => {
  const DB = 'callback-elements-tabs-test';

  afterEach(async () => {
    const store = new PendingWorkStore({ database: DB });
    await store.clear();
  });

  it('an older copy written back does not replace what another tab wrote since; reload() brings the newer work', async () => {
    const reader = new PendingWorkStore({ database: DB });
    await reader.ready;
    // Tab A's copy of cb-1 is a second older than what tab B typed on it; A writes its copy back after.
    const t = Date.now();
    const a = new PendingWorkStore({ database: DB, now: () => t });
    await a.ready;
    const b = new PendingWorkStore({ database: DB, now: () => t + 1_000 });
    await b.ready;
    b.update('cb-1', { draft: 'typed in tab B' });
    await b.flush();
    a.update('cb-1', { draft: 'stale in tab A' });
    await a.flush();

    const later = new PendingWorkStore({ database: DB });
    await later.ready;
    expect(later.get('cb-1')?.draft).to.equal('typed in tab B');
    expect(a.get('cb-1')?.draft).to.equal('typed in tab B');

    // A page that read the store before both: reload() shows the stored work, and forgets work sent elsewhere.
    expect(reader.get('cb-1')).to.equal(undefined);
    await reader.reload();
    expect(reader.get('cb-1')?.draft).to.equal('typed in tab B');
    b.remove('cb-1');
    await b.flush();
    await reader.reload();
    expect(reader.get('cb-1')).to.equal(undefined);
  });
});

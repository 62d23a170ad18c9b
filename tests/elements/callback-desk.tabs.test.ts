import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import type { CallbackDesk, DeskOwnershipDetail } from '../../src/callback-desk.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { PendingWorkStore, pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { tabConnection } from '../helpers/tab-connection.js';
import { deepActive } from '../helpers/deep.js';
import type { TabGlobals } from './desk-tab-frame.js';
import '../helpers/lit-warnings.js';
import { inDesk } from '../helpers/desk.js';

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

const standbyPanel = (f: HTMLIFrameElement) => inDesk(f.contentDocument, '[part=standby]');
const takeOverButton = (f: HTMLIFrameElement) => inDesk<HTMLButtonElement>(f.contentDocument, '[part=standby-take-over]');
const acceptButton = (f: HTMLIFrameElement) => inDesk<HTMLButtonElement>(f.contentDocument, 'callback-notification', 'button.accept');
const noteField = (f: HTMLIFrameElement) => inDesk<HTMLTextAreaElement>(f.contentDocument, 'interaction-window', 'interaction-note', 'textarea');
const owner = (f: HTMLIFrameElement) => globalsOf(f)?.__ownership?.at(-1)?.owner;
const windowAction = (f: HTMLIFrameElement, action: string) => inDesk<HTMLButtonElement>(f.contentDocument, 'interaction-window', 'call-actions', `[data-action="${action}"]`);
const unsentEntries = (f: HTMLIFrameElement) => inDesk(f.contentDocument, 'unsent-work')?.shadowRoot?.querySelectorAll('[part~=entry]').length ?? 0;

/** Clicks a window's action once it is enabled. */
async function act(frame: HTMLIFrameElement, action: string) {
  await waitUntil(() => windowAction(frame, action)?.getAttribute('aria-disabled') === 'false', `${action} is not enabled`);
  windowAction(frame, action)!.click();
}

async function typeNote(frame: HTMLIFrameElement, text: string) {
  await waitUntil(() => noteField(frame), 'no note field');
  const field = noteField(frame)!;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<callback-desk> in two tabs of one agent', function () {
  // A test opens up to three tabs, each a whole desk page that may take openTab()'s 8 s to start
  // in a loaded Firefox or WebKit: mocha's 10 s default is less than one test's own waits.
  this.timeout(40_000);
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
    expect(inDesk(second.contentDocument, 'callback-notification')).to.equal(null);

    const offer = await cc.offer('immediate');
    await waitUntil(() => acceptButton(first), 'the owning tab does not show the offer');
    await aTimeout(50);
    expect(acceptButton(second)).to.equal(null);
    acceptButton(first)!.click();
    await waitUntil(() => noteField(first), 'no window in the owning tab');
    expect(cc.getInteraction(offer.id)!.state).to.not.equal('offered');
    expect(inDesk(second.contentDocument, 'interaction-window')).to.equal(null);
    expect(globalsOf(second)!.__open!()).to.equal(0);
  });

  it('Use this tab instead: the idle desk moves (announced on both sides); the tab that closes with a note typed leaves it to the tab that takes the desk, not that tab’s older copy', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    await waitUntil(() => takeOverButton(second), 'no take-over button');

    takeOverButton(second)!.click();
    await waitUntil(() => owner(second) === true, 'the desk did not move');
    await waitUntil(() => standbyPanel(first), 'the first tab does not stand by');
    expect(standbyPanel(first)!.textContent).to.include('Your desk moved to another tab');
    expect(takeOverButton(first)!.textContent!.trim()).to.equal('Take the desk back');
    expect(globalsOf(first)!.__ownership!.at(-1)).to.include({ owner: false, reason: 'moved' });
    expect(globalsOf(second)!.__ownership!.at(-1)).to.include({ owner: true, reason: 'taken-over' });
    await waitUntil(() => globalsOf(first)!.__announcement!() === 'Your desk moved to another tab.', 'the move is not announced');
    await waitUntil(() => globalsOf(second)!.__announcement!() === 'This tab now handles your desk.', 'the take-over is not announced');
    expect(globalsOf(first)!.__open!()).to.equal(0);
    expect(globalsOf(second)!.__open!()).to.be.greaterThan(0);

    const offer = await cc.offer('immediate');
    await waitUntil(() => acceptButton(second), 'offer not shown');
    acceptButton(second)!.click();
    await typeNote(second, 'Wants the quote by Tuesday');
    await globalsOf(second)!.__flush!();
    // A third tab reads the stored work now: it holds this copy in memory from here on.
    const third = await openTab();
    await globalsOf(third)!.__flush!();
    first.remove();
    await typeNote(second, 'Wants the quote by Tuesday, before noon');
    await globalsOf(second)!.__flush!();
    second.remove();
    await waitUntil(() => owner(third) === true, 'the third tab did not take the desk');
    expect(globalsOf(third)!.__ownership!.at(-1)).to.include({ owner: true, reason: 'other-tab-closed' });
    await waitUntil(() => noteField(third)?.value === 'Wants the quote by Tuesday, before noon', 'the third tab shows its older copy of the note');
    await globalsOf(third)!.__flush!();
    const later = new PendingWorkStore();
    await later.ready;
    expect(later.get(offer.id, cc)?.draft).to.equal('Wants the quote by Tuesday, before noon');
  });

  it('the owning tab closes: the waiting tab takes the desk by itself and says so', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    await waitUntil(() => standbyPanel(second), 'no standby panel');
    first.remove();
    await waitUntil(() => owner(second) === true, 'the second tab did not take the desk');
    expect(globalsOf(second)!.__ownership!.at(-1)).to.include({ owner: true, reason: 'other-tab-closed' });
    await waitUntil(() => inDesk(second.contentDocument, 'callback-notification'), 'the desk is not shown');
    expect(standbyPanel(second)).to.equal(null);
    await waitUntil(() => globalsOf(second)!.__announcement!() === 'The other tab closed: this tab now handles your desk.', 'not announced');
    expect(globalsOf(second)!.__open!()).to.be.greaterThan(0);
    await cc.offer('immediate');
    await waitUntil(() => acceptButton(second), 'the offer does not reach the remaining tab');
  });

  it('Use this tab instead while Mark done is on its way: the first tab lets it finish (its host hears callback-done once), then hands over, and the second shows none of that work', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    await waitUntil(() => takeOverButton(second), 'no take-over button');
    const offer = await cc.offer('immediate');
    await waitUntil(() => acceptButton(first), 'offer not shown');
    acceptButton(first)!.click();
    await typeNote(first, 'Sent with Mark done');
    await act(first, 'end-call');
    let markDones = 0;
    const markDone = cc.markDone.bind(cc);
    cc.markDone = (...args) => {
      markDones++;
      return markDone(...args);
    };
    cc.latencyMs = 400;
    await act(first, 'mark-done');

    takeOverButton(second)!.click();
    await waitUntil(() => standbyPanel(second)?.textContent?.includes('Finishing in the other tab…'), 'the second tab does not say the first one is finishing');
    expect(takeOverButton(second)!.getAttribute('aria-disabled')).to.equal('true');
    await waitUntil(() => globalsOf(second)!.__announcement!() === 'Finishing in the other tab…', 'not announced');
    await waitUntil(() => owner(second) === true, 'the desk did not move once Mark done went through', { timeout: 5_000 });
    expect(globalsOf(first)!.__done!.map((d) => d.interaction.id)).to.deep.equal([offer.id]);
    expect(globalsOf(first)!.__done![0]!.notes).to.include('Sent with Mark done');
    expect(cc.getInteraction(offer.id)!.state).to.equal('done');
    await waitUntil(() => inDesk(second.contentDocument, 'callback-notification'), 'the desk is not shown');
    await aTimeout(500);
    expect(inDesk(second.contentDocument, 'interaction-window')).to.equal(null);
    expect(unsentEntries(second)).to.equal(0);
    expect(markDones).to.equal(1);
    const later = new PendingWorkStore();
    await later.ready;
    expect(later.get(offer.id, cc)).to.equal(undefined);
  });

  it('two tabs ask at once: the desk goes to one, and the other does not take it from that one after its wait', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    const third = await openTab();
    await waitUntil(() => takeOverButton(second) && takeOverButton(third), 'no take-over buttons');
    takeOverButton(second)!.click();
    takeOverButton(third)!.click();
    await waitUntil(() => owner(second) === true || owner(third) === true, 'the desk did not move');
    const [moved, other] = owner(second) ? [second, third] : [third, second];
    // Past the other tab's wait for an answer (3 s), after which it used to take the desk unsaved.
    await aTimeout(3_500);
    expect(owner(moved)).to.equal(true);
    expect(owner(other)).to.equal(false);
    expect(owner(first)).to.equal(false);
    expect(takeOverButton(other)!.getAttribute('aria-disabled')).to.equal('false');
    expect(globalsOf(other)!.__open!()).to.equal(0);
  });

  it('a tab that had the desk taken without a hand-over (it did not answer in time) saves what was typed there and says so', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const offer = await cc.offer('immediate');
    await waitUntil(() => acceptButton(first), 'offer not shown');
    acceptButton(first)!.click();
    await typeNote(first, 'Typed just before the desk was taken');
    const name = `callback-elements:desk:${cc.workScope}`;
    const channel = new BroadcastChannel(name);
    const heard: string[] = [];
    channel.onmessage = (e: MessageEvent<{ type: string }>) => heard.push(e.data.type);
    let letGo: () => void = () => {};
    void navigator.locks.request(name, { steal: true }, () => new Promise<void>((resolve) => (letGo = resolve)));
    await waitUntil(() => heard.includes('saved'), 'the tab did not say it saved what was typed there');
    await waitUntil(() => standbyPanel(first), 'the first tab does not stand by');
    const later = new PendingWorkStore();
    await later.ready;
    expect(later.get(offer.id, cc)?.draft).to.equal('Typed just before the desk was taken');
    letGo();
    channel.close();
  });
});

describe('<callback-desk> in two tabs, each with its own backend object of one agent', function () {
  // A test opens up to three tabs, each a whole desk page that may take openTab()'s 8 s to start
  // in a loaded Firefox or WebKit: mocha's 10 s default is less than one test's own waits.
  this.timeout(40_000);
  // Real tabs cannot share an adapter object: the GMS session, the phone and its SIP sessions live
  // in one tab. What is open there cannot be carried on from another.
  beforeEach(async () => {
    await pendingWorkStore().clear();
    (window as Window & TabGlobals).__ownBackendScope = `agent-${Math.random().toString(36).slice(2)}`;
  });

  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    delete (window as Window & TabGlobals).__ownBackendScope;
    await pendingWorkStore().clear();
  });

  it('an interaction open in the first tab keeps the desk there: Use this tab instead says why (announced), and the desk moves once it is done', async () => {
    const first = await openTab();
    await waitUntil(() => owner(first) === true, 'the first tab does not own the desk');
    const second = await openTab();
    await waitUntil(() => takeOverButton(second), 'no take-over button');
    expect(globalsOf(second)!.__ownership!.at(-1)).to.include({ owner: false, reason: 'other-tab' });
    const offer = await globalsOf(first)!.__cc!.offer('immediate');
    await waitUntil(() => acceptButton(first), 'offer not shown');
    acceptButton(first)!.click();
    await typeNote(first, 'Still talking');

    takeOverButton(second)!.click();
    const why = 'Interactions are open in the other tab: finish them there first. This tab takes the desk as soon as they are done.';
    await waitUntil(() => standbyPanel(second)?.textContent?.includes(why), 'the second tab does not say why the desk stays');
    await waitUntil(() => globalsOf(second)!.__announcement!() === why, 'not announced');
    expect(takeOverButton(second)!.textContent!.trim()).to.equal('Stop waiting');
    // Past the asking tab's wait for an answer: the desk did not move, the call is still handled in the first tab.
    await aTimeout(3_500);
    expect(owner(first)).to.equal(true);
    expect(owner(second)).to.equal(false);
    expect(noteField(first)?.value).to.equal('Still talking');
    expect(globalsOf(second)!.__open!()).to.equal(0);

    await act(first, 'end-call');
    await act(first, 'mark-done');
    await waitUntil(() => owner(second) === true, 'the desk did not move once the first tab was idle', { timeout: 5_000 });
    expect(globalsOf(second)!.__ownership!.at(-1)).to.include({ owner: true, reason: 'taken-over' });
    expect(globalsOf(first)!.__done!.map((d) => d.interaction.id)).to.deep.equal([offer.id]);
    await waitUntil(() => standbyPanel(first), 'the first tab does not stand by');
    await waitUntil(() => globalsOf(second)!.__announcement!() === 'This tab now handles your desk.', 'the take-over is not announced');
    expect(globalsOf(second)!.__open!()).to.be.greaterThan(0);
    expect(globalsOf(first)!.__open!()).to.equal(0);
  });
});

/**
 * Another tab, played by the test: holds the desk's lock and answers on its channel as a desk
 * would: `take-over` with `released`, or with `busy` (interactions open there), or not at all (frozen).
 */
function otherTab(scope: string, answer: { takeOver: 'released' | 'busy' | 'finishing' | 'nothing' } = { takeOver: 'released' }) {
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
  let lastAsker = '';
  channel.onmessage = (e: MessageEvent<{ type: string; tab: string }>) => {
    asked.push(e.data.type);
    if (e.data.type === 'take-over') lastAsker = e.data.tab;
    if (e.data.type === 'query') channel.postMessage({ type: 'owner', tab: 'other', since });
    if (e.data.type !== 'take-over' || answer.takeOver === 'nothing') return;
    if (answer.takeOver === 'finishing') channel.postMessage({ type: 'finishing', tab: 'other', until: Date.now() + 5_000 });
    else channel.postMessage(answer.takeOver === 'busy' ? { type: 'busy', tab: 'other' } : { type: 'released', tab: 'other', to: e.data.tab });
  };
  return {
    granted,
    since,
    asked,
    answer,
    held: () => held,
    post: (message: object) => channel.postMessage(message),
    lastAsker: () => lastAsker,
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

describe('<callback-desk> while another tab has the desk and is busy, frozen, or none can be asked', () => {
  let cc: SimulatedContactCenter;

  beforeEach(() => {
    cc = new SimulatedContactCenter({ latencyMs: 0 });
  });

  afterEach(() => cc.dispose());

  async function deskOn(adapter: SimulatedContactCenter = cc) {
    const events: DeskOwnershipDetail[] = [];
    const desk = await fixture<CallbackDesk>(html`<callback-desk
      .callbackAdapter=${adapter}
      .telephonyAdapter=${adapter}
      .directoryAdapter=${adapter}
      @callback-desk-ownership=${(e: CustomEvent<DeskOwnershipDetail>) => events.push(e.detail)}
    ></callback-desk>`);
    return { desk, events, root: desk.shadowRoot! };
  }

  it('the other tab has interactions open: why is shown and announced (axe clean), Stop waiting by keyboard, and the desk comes once the other tab says it is idle', async () => {
    const other = otherTab(cc.workScope, { takeOver: 'busy' });
    await other.granted;
    try {
      const { desk, events, root } = await deskOn();
      await waitUntil(() => root.querySelector('[part=standby-take-over]'), 'no standby panel');
      await sendKeys({ press: 'Tab' });
      expect(deepActive()?.getAttribute('part')).to.equal('standby-take-over');
      await sendKeys({ press: 'Enter' });
      const why = 'Interactions are open in the other tab: finish them there first. This tab takes the desk as soon as they are done.';
      await waitUntil(() => root.querySelector('[part=standby]')!.textContent!.includes(why), 'why is not shown');
      await waitUntil(() => announcement() === why, 'not announced');
      const button = root.querySelector('[part=standby-take-over]')!;
      expect(button.textContent!.trim()).to.equal('Stop waiting');
      expect(root.getElementById(button.getAttribute('aria-describedby')!)!.textContent).to.equal(why);
      expect(deepActive()).to.equal(button);
      await expect(desk).to.be.accessible();
      await aTimeout(3_500);
      expect(other.held()).to.equal(true);
      expect(events.map((e) => e.owner)).to.deep.equal([false]);

      // Stop waiting: the other tab's idle no longer brings the desk here.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => button.textContent!.trim() === 'Use this tab instead', 'still waiting');
      expect(deepActive()).to.equal(button);
      expect(root.querySelector('[part=standby]')!.textContent).not.to.include(why);
      other.post({ type: 'idle', tab: 'other' });
      await aTimeout(100);
      expect(other.asked.filter((t) => t === 'take-over')).to.have.length(1);

      // Asked again, and this time the other tab becomes idle: this tab asks once more and gets it.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => button.textContent!.trim() === 'Stop waiting', 'not waiting');
      other.answer.takeOver = 'released';
      other.post({ type: 'idle', tab: 'other' });
      await waitUntil(() => events.at(-1)?.owner === true, 'the desk did not come once the other tab was idle');
      expect(events.at(-1)).to.include({ reason: 'taken-over' });
      expect(other.asked.filter((t) => t === 'take-over')).to.have.length(3);
      await waitUntil(() => root.activeElement?.classList.contains('idle'), 'focus is not on the desk');
    } finally {
      other.close();
    }
  });

  it('the other tab finishes a Mark done first: Finishing in the other tab… (axe clean), no take-over by force meanwhile, then the desk comes when released', async () => {
    const other = otherTab(cc.workScope, { takeOver: 'finishing' });
    await other.granted;
    try {
      const { desk, events, root } = await deskOn();
      await waitUntil(() => root.querySelector('[part=standby-take-over]'), 'no standby panel');
      const button = root.querySelector<HTMLButtonElement>('[part=standby-take-over]')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root.querySelector('[part=standby]')!.textContent!.includes('Finishing in the other tab…'), 'not shown');
      await waitUntil(() => announcement() === 'Finishing in the other tab…', 'not announced');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(root.getElementById(button.getAttribute('aria-describedby')!)!.textContent).to.equal('Finishing in the other tab…');
      expect(deepActive()).to.equal(button);
      await expect(desk).to.be.accessible();
      // Pressed again while waiting: nothing more is asked.
      await sendKeys({ press: 'Enter' });
      // Past the usual wait for an answer: the other tab said how long it needs, and keeps the desk.
      await aTimeout(3_500);
      expect(other.held()).to.equal(true);
      expect(events.map((e) => e.owner)).to.deep.equal([false]);
      expect(other.asked.filter((t) => t === 'take-over')).to.have.length(1);
      other.post({ type: 'released', tab: 'other', to: other.lastAsker() });
      await waitUntil(() => events.at(-1)?.owner === true, 'the desk did not come when released');
      expect(events.at(-1)).to.include({ reason: 'taken-over' });
    } finally {
      other.close();
    }
  });

  it('the other tab does not answer (frozen): this tab takes the desk after its wait, and reads again what that tab saves when it wakes', async () => {
    const other = otherTab(cc.workScope, { takeOver: 'nothing' });
    await other.granted;
    try {
      const { events, root } = await deskOn();
      await waitUntil(() => root.querySelector('[part=standby-take-over]'), 'no standby panel');
      root.querySelector<HTMLButtonElement>('[part=standby-take-over]')!.click();
      await waitUntil(() => events.at(-1)?.owner === true, 'the desk was not taken', { timeout: 5_000 });
      expect(other.held()).to.equal(false);
      // The frozen tab wakes, finds its lock gone, saves what was typed there and says so.
      const earlier = new PendingWorkStore();
      await earlier.ready;
      earlier.update('cb-7', { draft: 'Typed in the frozen tab' }, cc);
      await earlier.flush();
      other.post({ type: 'saved', tab: 'other' });
      await waitUntil(() => pendingWorkStore().get('cb-7', cc)?.draft === 'Typed in the frozen tab', 'the saved work was not read again');
    } finally {
      other.close();
      await pendingWorkStore().clear();
    }
  });

  it('the adapters go: the desk no longer shows :state(standby)', async () => {
    const other = otherTab(cc.workScope);
    await other.granted;
    try {
      const { desk, events } = await deskOn();
      await waitUntil(() => events.length === 1, 'no ownership event');
      expect(desk.hasState('standby')).to.equal(true);
      desk.callbackAdapter = undefined;
      desk.telephonyAdapter = undefined;
      desk.directoryAdapter = undefined;
      await desk.updateComplete;
      expect(desk.hasState('standby')).to.equal(false);
      expect(desk.shadowRoot!.querySelector('[part=standby]')).to.equal(null);
    } finally {
      other.close();
    }
  });

  it('Web Locks refused (an opaque-origin document, such as a sandboxed frame): the desk owns as without them, and the page stays responsive', async () => {
    const request = LockManager.prototype.request;
    let requests = 0;
    // Every request rejects, as in an <iframe sandbox="allow-scripts">. Past a thousand it never
    // settles, so that a retry loop with no task in between fails this test instead of hanging the page.
    LockManager.prototype.request = function () {
      requests++;
      if (requests > 1_000) return new Promise<never>(() => {});
      return Promise.reject(new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'));
    } as typeof request;
    try {
      const { desk, events, root } = await deskOn();
      let ticked = false;
      setTimeout(() => (ticked = true));
      await waitUntil(() => ticked, 'a task did not run');
      expect(requests).to.be.lessThan(3);
      expect(events.map((e) => [e.owner, e.reason])).to.deep.equal([[true, 'unlocked']]);
      expect(desk.hasState('standby')).to.equal(false);
      expect(root.querySelector('[part=standby]')).to.equal(null);
      await cc.offer('immediate');
      await desk.updateComplete;
      const notification = root.querySelector('callback-notification')!;
      await waitUntil(() => notification.shadowRoot!.querySelector('button.accept'), 'the offer is not shown');
    } finally {
      LockManager.prototype.request = request;
    }
  });

  it('lock requests that keep failing otherwise: asked again with a back-off, a few times, then the desk owns as without Web Locks', async () => {
    const request = LockManager.prototype.request;
    const asked: number[] = [];
    LockManager.prototype.request = function () {
      asked.push(performance.now());
      if (asked.length > 1_000) return new Promise<never>(() => {});
      return Promise.reject(new DOMException('The request was aborted.', 'AbortError'));
    } as typeof request;
    try {
      const { desk, events, root } = await deskOn();
      await waitUntil(() => events.length === 1, 'the desk did not decide', { timeout: 5_000 });
      expect(events.map((e) => [e.owner, e.reason])).to.deep.equal([[true, 'unlocked']]);
      expect(asked.length).to.be.within(2, 8);
      // Spaced out, not in a loop with no task in between.
      expect(asked.at(-1)! - asked[0]!).to.be.greaterThan(500);
      expect(desk.hasState('standby')).to.equal(false);
      expect(root.querySelector('[part=standby]')).to.equal(null);
    } finally {
      LockManager.prototype.request = request;
    }
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

import { expect, waitUntil } from '@open-wc/testing';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { quiet } from '../helpers/wait.js';
import type { TabGlobals } from './desk-tab-frame.js';
import '../helpers/lit-warnings.js';
import { inDesk } from '../helpers/desk.js';

// One agent, two pages of one browser context (issue 15, part 4: "tested with two pages in one
// browser context"). tests/elements/callback-desk.tabs.test.ts covers the hand-over in detail with
// same-origin iframes; here each tab is a top-level page opened with window.open, with its own
// document, event loop turn and page lifecycle, sharing Web Locks, BroadcastChannel and IndexedDB
// with the other as two tabs do. The desk page (desk-tab-frame.ts) reaches the shared backend
// through window.opener.

const PAGE_URL = new URL('./desk-tab-frame.html', import.meta.url).href;
type Page = Window & TabGlobals;
const pages: Page[] = [];

async function openPage(): Promise<Page> {
  const page = window.open(PAGE_URL, `desk-page-${pages.length + 1}`, 'popup,width=900,height=700') as Page | null;
  expect(page, 'window.open gave no page').to.not.equal(null);
  pages.push(page!);
  await waitUntil(() => page!.__deskReady === true, 'the desk page did not start', { timeout: 8_000 });
  return page!;
}

const owner = (page: Page) => page.__ownership?.at(-1)?.owner;
const standbyPanel = (page: Page) => inDesk(page.document, '[part=standby]');
const acceptButton = (page: Page) => inDesk<HTMLButtonElement>(page.document, 'callback-notification', 'button.accept');

describe('<callback-desk> in two pages of one browser context', function () {
  // Each test opens two whole desk pages and waits up to 8 s for each to start (and 8 s for the
  // hand-over): mocha's 10 s default is less than one test's own waits in a loaded Firefox or WebKit.
  this.timeout(40_000);
  let cc: SimulatedContactCenter;

  beforeEach(async () => {
    await pendingWorkStore().clear();
    cc = new SimulatedContactCenter({ latencyMs: 0 });
    (window as Window & TabGlobals).__cc = cc;
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) page.close();
    cc.dispose();
    await pendingWorkStore().clear();
  });

  it('one page owns the desk and connects; the other stands by, connected to nothing; an offer is accepted in the owning page only', async () => {
    const first = await openPage();
    await waitUntil(() => owner(first) === true, 'the first page does not own the desk');
    const second = await openPage();
    await waitUntil(() => standbyPanel(second), 'the second page shows no standby panel');
    expect(second.__ownership!.map((o) => [o.owner, o.reason])).to.deep.equal([[false, 'other-tab']]);
    expect(standbyPanel(second)!.textContent).to.include('This desk is open in another tab');
    // One offer handler, one call listener, one status listener: all in the owning page.
    expect(second.__open!()).to.equal(0);
    expect(first.__open!()).to.be.greaterThan(0);

    const offer = await cc.offer('immediate');
    await waitUntil(() => acceptButton(first), 'the owning page does not show the offer');
    await quiet();
    expect(acceptButton(second), 'the offer in the standing-by page').to.equal(null);
    acceptButton(first)!.click();
    await waitUntil(() => inDesk(first.document, 'interaction-window'), 'no window in the owning page');
    expect(cc.getInteraction(offer.id)!.state).to.not.equal('offered');
    expect(inDesk(second.document, 'interaction-window')).to.equal(null);
    expect(second.__open!()).to.equal(0);
  });

  it('the owning page closes: the other takes the desk by itself, says so, and gets the next offer', async () => {
    const first = await openPage();
    await waitUntil(() => owner(first) === true, 'the first page does not own the desk');
    const second = await openPage();
    await waitUntil(() => standbyPanel(second), 'no standby panel');
    pages.splice(pages.indexOf(first), 1);
    first.close();
    await waitUntil(() => owner(second) === true, 'the second page did not take the desk', { timeout: 8_000 });
    expect(second.__ownership!.at(-1)).to.include({ owner: true, reason: 'other-tab-closed' });
    await waitUntil(() => second.__announcement!() === 'The other tab closed: this tab now handles your desk.', 'not announced');
    expect(second.__open!()).to.be.greaterThan(0);
    await cc.offer('immediate');
    await waitUntil(() => acceptButton(second), 'the offer does not reach the remaining page');
  });
});

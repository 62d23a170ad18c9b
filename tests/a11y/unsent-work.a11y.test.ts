import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/unsent-work.js';
import type { UnsentWork } from '../../src/unsent-work.js';
import { PendingWorkStore, pendingWorkStore } from '../../src/controllers/pending-work/pending-work-store.js';
import { announce, announcement } from '../../src/controllers/announcer.js';
import type { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { Interaction } from '../../src/model/interaction.js';
import { accepted, center, type Center } from './fixtures.js';
import { deepActive } from '../helpers/deep.js';
import '../helpers/lit-warnings.js';
import { root } from '../helpers/dom.js';

/**
 * <unsent-work> in every state, checked with axe: work an earlier page left on an interaction the
 * adapter does not know, one it knows as closed, one it can send; Discard's question; Send under
 * way; Send failed. The earlier page is played by writing to IndexedDB before this page's store
 * first reads it (once per test file: the store is the page's one), as a reload would find it.
 */

let c: Center;
let sendable: string;
let closed: string;
/** The adapter as the element sees it: it finds `sendable` by id, but has not given it back to the agent (no window). */
let adapter: SimulatedContactCenter;

function foundById(cc: SimulatedContactCenter, id: string): SimulatedContactCenter {
  return new Proxy(cc, {
    get(target, key) {
      if (key === 'listInteractions') return () => target.listInteractions().filter((i) => i.id !== id);
      if (key === 'onInteraction') return (listener: (i: Interaction) => void) => target.onInteraction((i) => i.id === id || listener(i));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

before(async () => {
  c = center({ latencyMs: 100 });
  const one = await accepted(c);
  const two = await accepted(c);
  for (const id of [one.id, two.id]) {
    const hanging = c.cc.hangUp(c.cc.getInteraction(id)!.callId!);
    c.clock.advance(100);
    await hanging;
  }
  const marking = c.cc.markDone(two.id);
  c.clock.advance(100);
  await marking;
  sendable = one.id;
  closed = two.id;
  adapter = foundById(c.cc, sendable);
  // The earlier page, on the same backend (scope) and another one.
  const earlier = new PendingWorkStore();
  await earlier.ready;
  earlier.update(sendable, { contact: one.contact, draft: 'Asked for a quote', disposition: { code: 'FU-DOCS-SENT', label: 'Documents sent by e-mail' } }, c.cc);
  earlier.update(closed, { contact: two.contact, draft: 'Closed before it was sent', markDonePending: { requestedAt: 1, attempts: 2, lastError: 'network' } }, c.cc);
  earlier.update('cb-99', { draft: 'Kept before contacts were stored' }, c.cc);
  earlier.update('cb-98', { draft: 'Another backend' }, { workScope: 'elsewhere' });
  await earlier.flush();
});

after(async () => {
  c.cc.dispose();
  await pendingWorkStore().clear();
});

/** The entry whose heading or note holds `text`. */
const entry = (el: UnsentWork, text: string) =>
  [...root(el).querySelectorAll<HTMLElement>('[part~=entry]')].find((e) => e.textContent!.includes(text) || e.querySelector('textarea')?.value.includes(text))!;

async function mount(lang = 'en') {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}><unsent-work .adapter=${adapter} .telephony=${c.cc} .clock=${c.clock}></unsent-work></div>`);
  const el = wrapper.querySelector('unsent-work')!;
  await waitUntil(() => root(el).querySelectorAll('[part~=entry]').length === 3, 'the earlier page’s work is not listed');
  await el.updateComplete;
  return el;
}

describe('<unsent-work> accessibility in every state', () => {
  // First of the file: the page has announced nothing of this work yet.
  it('says once per page that unsent work is shown, not again when it is made again (a desk coming back to its tab)', async () => {
    const first = await mount();
    expect(announcement()).to.equal('Unsent work from an earlier page is shown: read it, send it or discard it.');
    first.parentElement!.remove();
    announce('This tab now handles your desk.');
    await mount();
    expect(announcement()).to.equal('This tab now handles your desk.');
  });

  it('unknown, closed and sendable interactions; not another backend’s', async () => {
    const el = await mount();
    expect(root(el).textContent).not.to.include('Another backend');
    const unknown = entry(el, 'cb-99');
    expect(unknown.querySelector('h3')!.textContent).to.equal('Interaction cb-99');
    expect(unknown.querySelector('[part~=send-button]')!.getAttribute('aria-disabled')).to.equal('true');
    expect(entry(el, 'Closed before').querySelector('.why')!.textContent).to.include('closed');
    expect(entry(el, 'Closed before').querySelector('[part~=send-button]')!.getAttribute('aria-disabled')).to.equal('true');
    expect(entry(el, 'Asked for a quote').querySelector('[part~=send-button]')!.getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('Discard’s question, then Keep', async () => {
    const el = await mount();
    entry(el, 'cb-99').querySelector<HTMLButtonElement>('[part~=discard-button]')!.click();
    await waitUntil(() => root(el).querySelector('[part~=confirm]'), 'no question');
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('[part~=confirm] .keep')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part~=confirm]')).to.equal(null);
  });

  it('Send under way, then failed on the way: the work is kept, the error shown, focus kept on Send', async () => {
    const el = await mount();
    c.cc.failNext('markDone', 'network');
    const send = () => entry(el, 'Asked for a quote').querySelector<HTMLButtonElement>('[part~=send-button]')!;
    send().focus();
    send().click();
    await waitUntil(() => send().getAttribute('aria-busy') === 'true', 'not sending');
    await expect(el).to.be.accessible();
    c.clock.advance(100);
    await waitUntil(() => !entry(el, 'Asked for a quote').querySelector<HTMLElement>('[part~=error]')!.hidden, 'no error shown');
    expect(pendingWorkStore().get(sendable, adapter)?.markDonePending?.attempts, 'the failed try is kept').to.equal(1);
    expect(c.cc.getInteraction(sendable)!.state).to.equal('ended');
    // The failed try dates the entry anew, which moves it to the end of the list (oldest first).
    await waitUntil(() => deepActive() === send(), `focus is on ${deepActive()?.localName ?? 'nothing'}, not the entry's Send`);
    await expect(el).to.be.accessible();
  });

  it('in Spanish', async () => {
    const el = await mount('es');
    await waitUntil(() => root(el).querySelector('#heading')?.textContent === 'Trabajo no enviado de una página anterior', 'not in Spanish');
    expect(entry(el, 'cb-99').querySelector('h3')!.textContent).to.equal('Interacción cb-99');
    await expect(el).to.be.accessible();
  });

  it('Discard for good: the entry goes, focus to the heading of the one now in its place', async () => {
    const el = await mount();
    const heard: string[] = [];
    el.addEventListener('callback-work-discarded', (e) => heard.push(e.detail.interactionId));
    entry(el, 'Closed before').querySelector<HTMLButtonElement>('[part~=discard-button]')!.click();
    await waitUntil(() => root(el).querySelector('[part~=confirm]'), 'no question');
    const confirm = root(el).querySelector<HTMLButtonElement>('[part~=confirm] .discard-confirm')!;
    confirm.focus();
    confirm.click();
    await waitUntil(() => root(el).querySelectorAll('[part~=entry]').length === 2, 'still listed');
    expect(heard).to.deep.equal([closed]);
    expect(pendingWorkStore().get(closed, adapter)).to.equal(undefined);
    expect(deepActive()?.textContent).to.equal('Interaction cb-99');
    expect(deepActive()?.localName).to.equal('h3');
  });
});

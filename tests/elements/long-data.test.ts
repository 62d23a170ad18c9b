// Caller data of any length (issue 15, part 7): 10 KB values, 5,000-character unbroken words and
// 200 case-data fields never make an element wider than the desk, never push Accept and Reject out
// of view while an offer counts down, and can still be read whole by keyboard: the clamped boxes
// scroll. At a desktop size and at a phone's width.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '../helpers/viewport.js';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-desk.js';
import '../../src/disposition-picker.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import type { DispositionPicker } from '../../src/disposition-picker.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { DirectoryTarget, StandardResponse } from '../../src/adapters/directory-adapter.js';
import { ManualClock } from '../../src/model/clock.js';
import type { CaseField, DispositionNode } from '../../src/model/interaction.js';
import { deepActive } from '../helpers/deep.js';
import '../helpers/lit-warnings.js';
import { deepElements } from '../helpers/deep.js';
import { inWindow, openWindowRoot } from '../helpers/desk.js';

const UNBROKEN = 'W'.repeat(5000);
const HUNDRED = 'H'.repeat(100);
const TEN_KB_WORDS = 'Confirm the country before lifting the block on the card. '.repeat(180).slice(0, 10 * 1024);
const TEN_KB_UNBROKEN = 'x'.repeat(10 * 1024);

/** 200 fields: an unbroken 5,000-character key and label, 10 KB values, 100-character words. */
const caseData: CaseField[] = Array.from({ length: 200 }, (_, i) => ({
  key: i === 0 ? UNBROKEN : `field${i}`,
  label: i === 1 ? UNBROKEN : i === 2 ? HUNDRED : `Field ${i}`,
  value: i === 3 ? TEN_KB_UNBROKEN : i === 4 ? TEN_KB_WORDS : i === 5 ? HUNDRED : `value ${i}`,
}));
const contact = { name: UNBROKEN, email: `${HUNDRED}@example.com` };
const offerData = { contact, subject: UNBROKEN, instructions: `${TEN_KB_WORDS}\n${UNBROKEN}`, caseData };

const codes: DispositionNode[] = [
  { code: 'f1', label: HUNDRED, children: [{ code: 'f2', label: UNBROKEN, children: [{ code: 'c1', label: `${HUNDRED}c` }] }] },
  { code: 'c2', label: UNBROKEN },
  { code: 'c3', label: 'Information given' },
];
const longTarget: DirectoryTarget = { kind: 'agent', id: 'long', name: UNBROKEN, address: HUNDRED, availability: 'ready' } as DirectoryTarget;
const longResponse: StandardResponse = { id: 'long', title: UNBROKEN, category: HUNDRED, keywords: ['long'], body: `${TEN_KB_WORDS}\n${TEN_KB_UNBROKEN}` };

async function setup() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  // The directory's data is as untrusted as the caller's: long disposition labels, a long
  // colleague's name, a long standard response.
  cc.dispositionCodes = () => Promise.resolve(codes);
  const searchTargets = cc.searchTargets.bind(cc);
  cc.searchTargets = async (query, options) => [longTarget, ...(await searchTargets(query, options))];
  cc.searchResponses = () => Promise.resolve([longResponse]);
  const desk = await fixture<CallbackDesk>(html`<callback-desk
    disposition-mode="list"
    .callbackAdapter=${cc}
    .telephonyAdapter=${cc}
    .directoryAdapter=${cc}
    .clock=${clock}
  ></callback-desk>`);
  return { clock, cc, desk };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const notification = (s: Setup) => s.desk.shadowRoot!.querySelector('callback-notification')!.shadowRoot!;

const describeElement = (el: Element) => {
  const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'page';
  return `${host} ${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}`;
};

/** A tab's name ends in an ellipsis on purpose: its text is clipped by the tab, not painted outside. */
const clippedOnPurpose = (el: Element) => getComputedStyle(el).textOverflow === 'ellipsis' && getComputedStyle(el).overflowX === 'hidden';

/**
 * What the desk shows past its own sides: elements, and text (a word overflowing its box paints
 * outside it although the box fits), and boxes that scroll sideways. Visually hidden text is 1 px.
 */
function outsideTheDesk(desk: HTMLElement): string[] {
  const bounds = desk.getBoundingClientRect();
  // Text kept with its spaces (a note, white-space: pre-wrap) lets the space ending a line hang a
  // few pixels past the edge, unseen, and text boxes (inline elements) include it; a word that
  // does not wrap overflows by far more.
  const outside = (r: DOMRect, slack = 1) => r.width > 0 && (r.left < bounds.left - slack || r.right > bounds.right + slack);
  const hanging = 8;
  const found: string[] = [];
  for (const el of deepElements(desk.shadowRoot!)) {
    if (el.closest('.visually-hidden') || el.matches(':popover-open')) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width && !rect.height) continue;
    const inline = getComputedStyle(el).display === 'inline';
    if (outside(rect, inline ? hanging : 1)) found.push(`${describeElement(el)} is ${Math.round(rect.width)} px wide at ${Math.round(rect.left)}`);
    if (clippedOnPurpose(el)) continue;
    const scrolls = getComputedStyle(el).overflowX !== 'visible';
    if (scrolls && el.scrollWidth > el.clientWidth + 1) found.push(`${describeElement(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent!.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      if (outside(text, hanging)) found.push(`text in ${describeElement(el)} is ${Math.round(text.width)} px wide`);
    }
  }
  return found;
}

function expectWithinWidth(s: Setup, when: string) {
  expect(outsideTheDesk(s.desk), `${when}: painted outside the desk`).to.deep.equal([]);
  expect(s.desk.scrollWidth, `${when}: the desk scrolls sideways`).to.be.at.most(s.desk.clientWidth);
  expect(s.desk.getBoundingClientRect().width, `${when}: the desk is wider than the viewport`).to.be.at.most(innerWidth);
  expect(document.documentElement.scrollWidth, `${when}: the page scrolls sideways`).to.be.at.most(innerWidth);
}

function expectInViewport(element: Element | null, what: string) {
  expect(element, what).to.not.equal(null);
  const rect = element!.getBoundingClientRect();
  expect(rect.width > 0 && rect.height > 0, `${what} is shown`).to.equal(true);
  expect(rect.top, `${what}: top`).to.be.at.least(0);
  expect(rect.left, `${what}: left`).to.be.at.least(0);
  expect(rect.bottom, `${what}: bottom`).to.be.at.most(innerHeight);
  expect(rect.right, `${what}: right`).to.be.at.most(innerWidth);
}

/** Tabs from the start of the page until the focus is on `target` (through shadow roots). */
async function tabTo(target: Element, limit = 30) {
  (document.activeElement as HTMLElement | null)?.blur();
  for (let i = 0; i < limit && deepActive() !== target; i++) await sendKeys({ press: 'Tab' });
  expect(deepActive(), `${describeElement(target)} reached with Tab`).to.equal(target);
}

/**
 * Keyboard scrolling is animated, and on a busy machine it may start a few frames after the key:
 * waits (up to the deadline) until the box is where the key takes it, then until it stops moving.
 */
async function scrollsTo(region: HTMLElement, what: string, arrived: () => boolean) {
  await waitUntil(arrived, what, { timeout: 5_000 });
  let last = NaN;
  for (let still = 0; still < 3; ) {
    await new Promise(requestAnimationFrame);
    still = region.scrollTop === last ? still + 1 : 0;
    last = region.scrollTop;
  }
  expect(arrived(), what).to.equal(true);
}

/** A clamped box is a named, focusable scroll region whose end the keyboard reaches. */
async function expectReadableByKeyboard(region: HTMLElement, what: string, name?: string) {
  expect(region.scrollHeight, `${what} is clamped`).to.be.greaterThan(region.clientHeight);
  // Put in the tab order in the frame after the render that filled it.
  await waitUntil(() => region.getAttribute('tabindex') === '0', `${what} is in the tab order`);
  if (name !== undefined) expect(region.getAttribute('aria-label') ?? '', `${what}'s name`).to.equal(name);
  if (deepActive() !== region) region.focus();
  expect(region.scrollTop, `${what} starts at the top`).to.equal(0);
  await sendKeys({ press: 'End' });
  await scrollsTo(region, `${what} scrolled to its end with End`, () => region.scrollTop + region.clientHeight >= region.scrollHeight - 2);
  await sendKeys({ press: 'Home' });
  await scrollsTo(region, `${what} back to its start with Home`, () => region.scrollTop === 0);
}

/** Lets the resize-loop report pass (a capturing listener runs before mocha's window.onerror). */
function tolerateResizeLoops() {
  const isLoop = (message: unknown) => typeof message === 'string' && /ResizeObserver loop/.test(message);
  const onError = (e: ErrorEvent) => {
    if (isLoop(e.message)) e.stopImmediatePropagation();
  };
  const mochaOnError = window.onerror;
  window.onerror = (message, ...rest) => (isLoop(message) ? true : mochaOnError?.call(window, message, ...rest));
  window.addEventListener('error', onError, { capture: true });
  return () => {
    window.onerror = mochaOnError;
    window.removeEventListener('error', onError, { capture: true });
  };
}

async function showOffer(s: Setup, scenario: 'immediate' | 'web-callback', phone?: string) {
  const offer = await s.cc.offer(scenario, { ...offerData, contact: { ...contact, ...(phone ? { phone } : {}) } });
  await aTimeout(0);
  await waitUntil(() => notification(s).querySelector('button.accept'), 'offer shown');
  await s.desk.updateComplete;
  return offer;
}

async function accept(s: Setup, tag: 'interaction-window' | 'callback-preview', id: string) {
  notification(s).querySelector<HTMLButtonElement>('button.accept')!.click();
  await waitUntil(
    () => s.desk.shadowRoot!.querySelector(`#window-${CSS.escape(id)}:not([hidden]) > ${tag}`) && inWindow(s.desk, 'call-actions'),
    `${tag} open`,
  );
  await aTimeout(50);
}

async function expectOfferAnswerable(s: Setup, when: string) {
  expectWithinWidth(s, when);
  expectInViewport(notification(s).querySelector('button.accept'), `${when}: Accept`);
  expectInViewport(notification(s).querySelector('button.reject'), `${when}: Reject`);
  // The name, the instructions and the 200 fields are all there, as text, in clamped boxes.
  const who = notification(s).querySelector<HTMLElement>('.who')!;
  const details = notification(s).querySelector<HTMLElement>('.details')!;
  expect(who.textContent).to.equal(UNBROKEN);
  expect(details.querySelectorAll('dt')).to.have.length.at.least(200);
  expect(details.textContent).to.include(TEN_KB_UNBROKEN);
  expect(details.getAttribute('role')).to.equal('region');
  await waitUntil(() => details.getAttribute('tabindex') === '0', `${when}: the callback information is in the tab order`);
  await tabTo(details);
  await expectReadableByKeyboard(details, `${when}: the callback information`, 'Callback details');
  await expectReadableByKeyboard(who, `${when}: the contact's name`);
  await expect(s.desk).to.be.accessible();
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 360, height: 800 },
]) {
  describe(`caller data of any length, at ${viewport.width}×${viewport.height}`, () => {
    before(() => setViewport(viewport));
    after(() => setViewport({ width: 800, height: 600 }));

    it('voice callback: the offer keeps Accept and Reject in view; the window keeps to the desk', async function () {
      this.timeout(60_000);
      const s = await setup();
      const offer = await showOffer(s, 'immediate');
      await expectOfferAnswerable(s, 'voice offer');

      await accept(s, 'interaction-window', offer.id);
      await s.cc.addNote(offer.id, UNBROKEN);
      await s.cc.addNote(offer.id, TEN_KB_WORDS);
      const history = inWindow(s.desk, 'case-history')!;
      await waitUntil(() => history.textContent!.includes(UNBROKEN), 'notes in the case history');
      await waitUntil(() => inWindow(s.desk, 'disposition-picker')?.textContent?.includes(HUNDRED), 'disposition codes');
      expectWithinWidth(s, 'voice window');

      const name = inWindow(s.desk, 'call-status')!.querySelector<HTMLElement>('.name')!;
      expect(name.textContent).to.equal(UNBROKEN);
      await expectReadableByKeyboard(name, "call status: the contact's name");
      const info = inWindow(s.desk, 'callback-info')!.querySelector<HTMLElement>('[part=base]')!;
      expect(info.getAttribute('aria-labelledby')).to.equal('title');
      await expectReadableByKeyboard(info, 'callback information');
      const entries = history.querySelector<HTMLElement>('[part=list]')!;
      expect(entries.getAttribute('aria-labelledby')).to.equal('heading');
      await expectReadableByKeyboard(entries, 'case history');
      await expect(s.desk).to.be.accessible();

      // A colleague's name of 5,000 characters in the consultation popup.
      const actions = inWindow(s.desk, 'call-actions')!;
      await waitUntil(() => actions.querySelector('[data-action="consult"][aria-disabled="false"]'), 'consult enabled');
      // Chromium reports a popup whose content grows while Floating UI places it as a window error
      // ("ResizeObserver loop completed with undelivered notifications"): nothing a user sees
      // (see tests/security/xss-harness.ts). Kept from failing the test while the popup is open.
      const restore = tolerateResizeLoops();
      try {
        // The agent sees the button they press (reading the boxes above scrolled the page).
        const consult = actions.querySelector<HTMLButtonElement>('[data-action="consult"]')!;
        consult.scrollIntoView({ block: 'start' });
        consult.click();
        await waitUntil(() => actions.querySelector('#panel team-communicator')?.shadowRoot?.querySelector('input'), 'team communicator', { timeout: 5000 });
        const communicator = actions.querySelector('#panel team-communicator')!;
        const input = communicator.shadowRoot!.querySelector('input')!;
        input.focus();
        await sendKeys({ type: 'W' });
        s.clock.advance(500);
        await waitUntil(() => communicator.shadowRoot!.querySelector('[role=option]'), 'search results');
        await aTimeout(100);
        const panel = actions.querySelector<HTMLElement>('#panel')!;
        const panelRect = panel.getBoundingClientRect();
        expect(panelRect.left, 'the popup, left').to.be.at.least(0);
        expect(panelRect.right, 'the popup, right').to.be.at.most(innerWidth);
        const options = [...communicator.shadowRoot!.querySelectorAll('[role=option]')];
        expect(options[0]!.textContent).to.include(UNBROKEN);
        for (const option of options) {
          expect(option.scrollWidth, 'a result scrolls sideways').to.be.at.most(option.clientWidth + 1);
          expect(option.getBoundingClientRect().right, 'a result, right').to.be.at.most(panelRect.right + 1);
        }
        expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(innerWidth);
      } finally {
        // Closed (Escape, from the search field) before the report is let through again: it comes
        // while the popup is placed.
        await sendKeys({ press: 'Escape' });
        const panel = actions.querySelector<HTMLElement>('#panel');
        if (panel?.matches(':popover-open')) panel.hidePopover();
        await aTimeout(100);
        restore();
      }
    });

    it('web callback: the offer over an open window keeps Accept and Reject in view; the preview keeps to the desk', async function () {
      this.timeout(60_000);
      const s = await setup();
      const voice = await showOffer(s, 'immediate');
      await accept(s, 'interaction-window', voice.id);
      // Accepting focused the new window, which scrolled the page; the next offer shows at the top
      // of the desk, where the agent looks for it (nothing scrolls the page under their hands).
      window.scrollTo(0, 0);
      // Same number: the preview warns of the other open callback, naming its 5,000-character contact.
      const web = await showOffer(s, 'web-callback', voice.contact.phone);
      await expectOfferAnswerable(s, 'web offer');

      await accept(s, 'callback-preview', web.id);
      await waitUntil(() => openWindowRoot(s.desk)!.querySelector('.duplicates.shown'), 'duplicate warning', { timeout: 5000 });
      await waitUntil(() => inWindow(s.desk, 'contact-directory')?.textContent?.includes(HUNDRED), 'contact shown', { timeout: 5000 });
      // Two tabs named after 5,000-character contacts fit the desk; their accessible names are whole.
      const tabs = [...s.desk.shadowRoot!.querySelectorAll<HTMLElement>('[role=tab]')];
      expect(tabs).to.have.length(2);
      for (const tab of tabs) expect(tab.textContent).to.include(UNBROKEN);

      // A standard response with a 5,000-character title and 10 KB of text, shown.
      const responses = inWindow(s.desk, 'standard-responses')!;
      const search = responses.querySelector<HTMLInputElement>('#search')!;
      search.focus();
      await sendKeys({ type: 'long' });
      s.clock.advance(500);
      await waitUntil(() => responses.querySelector('[role=option]'), 'response found');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => responses.querySelector('[part=body]'), 'response shown');
      expectWithinWidth(s, 'web window');

      const caseBox = openWindowRoot(s.desk)!.querySelector<HTMLElement>('section.case')!;
      expect(caseBox.textContent).to.include(TEN_KB_UNBROKEN);
      await expectReadableByKeyboard(caseBox, 'case information');
      await expectReadableByKeyboard(responses.querySelector<HTMLElement>('[part=body]')!, 'the response text');
      await expect(s.desk).to.be.accessible();
    });

    for (const mode of ['list', 'tree'] as const) {
      it(`disposition codes with long labels keep to the picker (${mode})`, async () => {
        const clock = new ManualClock();
        const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
        cc.dispositionCodes = () => Promise.resolve(codes);
        const offer = await cc.offer('immediate');
        await cc.accept(offer.id);
        const el = await fixture<DispositionPicker>(html`<disposition-picker interaction-id=${offer.id} mode=${mode}></disposition-picker>`);
        el.adapter = cc;
        el.directory = cc;
        el.clock = clock;
        await waitUntil(() => el.shadowRoot!.textContent!.includes(UNBROKEN), 'codes shown');
        if (mode === 'tree') {
          el.shadowRoot!.querySelector<HTMLElement>('[role=treeitem]')!.click();
          await waitUntil(() => el.shadowRoot!.querySelectorAll('[role=treeitem]').length > 3, 'folder open');
        }
        const limit = el.getBoundingClientRect().right + 1;
        const wide = deepElements(el.shadowRoot!).filter((child) => child.getBoundingClientRect().right > limit || child.scrollWidth > child.clientWidth + 1 && getComputedStyle(child).overflowX !== 'visible');
        expect(wide.map(describeElement)).to.deep.equal([]);
        expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
        await expect(el).to.be.accessible();
      });
    }
  });
}

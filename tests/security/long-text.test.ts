// One unbroken 100 KB word from a web form (instructions, a case value, a name) must wrap inside
// its element: no sideways scroll of the host page, and a render quick enough to stay inside the
// test's timeout (with `overflow-wrap: anywhere` Chromium took 43 s to lay it out and the tab froze).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/callback-info.js';
import '../../src/call-status.js';
import type { CallbackInfo } from '../../src/callback-info.js';
import { ManualClock } from '../../src/model/clock.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { makeInteraction, T0 } from '../helpers/fixtures.js';
import '../helpers/lit-warnings.js';

const HUNDRED_KB = 100 * 1024;
const word = 'A'.repeat(HUNDRED_KB);
const emoji = 'Ω€😀'.repeat(Math.ceil(HUNDRED_KB / 4)).slice(0, HUNDRED_KB);

async function inBox<T extends HTMLElement>(template: ReturnType<typeof html>) {
  const box = await fixture<HTMLDivElement>(html`<div style="inline-size: 480px">${template}</div>`);
  const el = box.firstElementChild as T & { updateComplete: Promise<boolean> };
  await el.updateComplete;
  return { box, el };
}

/** What inside the element's shadow tree is painted past its end edge ('' when nothing). */
function paintedOutside(el: HTMLElement): string {
  const limit = el.getBoundingClientRect().right + 1;
  return [...el.shadowRoot!.querySelectorAll('*')]
    .filter((child) => child.getBoundingClientRect().right > limit)
    .map((child) => `${child.localName}.${child.className}`)
    .join(', ');
}

describe('an unbroken 100 KB word from a caller', () => {
  for (const [label, text] of [['ASCII', word], ['emoji and symbols', emoji]] as const) {
    it(`wraps inside <callback-info> (${label}): instructions and a case value`, async function () {
      this.timeout(20_000);
      const interaction = makeInteraction({ instructions: text, caseData: [{ key: 'k', label: text.slice(0, 5000), value: text }] });
      const { el } = await inBox<CallbackInfo>(html`<callback-info .clock=${new ManualClock(T0)} .interaction=${interaction}></callback-info>`);
      expect(el.shadowRoot!.textContent!.includes(text), 'the whole text is there').to.equal(true);
      expect(el.getBoundingClientRect().width).to.be.at.most(481);
      expect(paintedOutside(el), 'painted outside the element').to.equal('');
      expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(window.innerWidth);
    });
  }

  it('wraps inside <call-status>: a contact name and a number of 100 KB', async function () {
    this.timeout(20_000);
    const interaction = makeInteraction({ state: 'connected', contact: { ...makeInteraction().contact, name: word, phone: `+1${word}` } });
    const cc = new SimulatedContactCenter({ clock: new ManualClock(T0), latencyMs: 0 });
    const offered = await cc.offer('immediate', { contact: { ...interaction.contact } });
    const { el } = await inBox<HTMLElement>(html`<call-status .adapter=${cc} .telephony=${cc} interaction-id=${offered.id}></call-status>`);
    expect(el.shadowRoot!.textContent!.includes(word), 'the name is shown').to.equal(true);
    expect(paintedOutside(el), 'painted outside the element').to.equal('');
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
  });
});

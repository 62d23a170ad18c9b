import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-notification.js';
import type { CallbackNotification } from '../../src/callback-notification.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { announcement } from '../../src/controllers/announcer.js';
import { ManualClock } from '../../src/model/clock.js';
import { formatPhone, phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import { act, call, current, inner, mount, root, text } from '../helpers/callback-preview.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * Numbers are shown for reading ("+44 20 7946 0123", international format) wherever an agent sees
 * one; what is dialed, sent in events and kept is the number as stored (E.164, "+442079460123").
 */

const E164 = '+442079460123';
const SHOWN = '+44 20 7946 0123';

describe('phone numbers as people read them', () => {
  // First in the file, so the phone library is not loaded yet: the number shows as stored, then
  // formatted once the library arrives, with nothing else happening.
  it('an offer from a number only: shown as stored at once, then formatted when the library has loaded', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const el = await fixture<CallbackNotification>(html`<callback-notification .adapter=${cc} .clock=${clock}></callback-notification>`);
    await cc.offer('immediate', { contact: { name: '', phone: E164 } });
    await el.updateComplete;
    const title = () => el.shadowRoot!.querySelector('.who')!.textContent!.trim();
    expect([E164, SHOWN]).to.include(title());
    await waitUntil(() => title() === SHOWN, `title reads "${title()}"`, { timeout: 5000 });
    const number = [...el.shadowRoot!.querySelectorAll('.row')].find((r) => r.querySelector('dt')!.textContent === 'Number')!;
    expect(number.querySelector('dd')!.textContent!.trim()).to.equal(SHOWN);
    await expect(el).to.be.accessible();
  });

  it('formats valid international numbers and leaves anything else as given', async () => {
    await phoneFormatReady();
    expect(formatPhone(E164)).to.equal(SHOWN);
    expect(formatPhone('+12125550142')).to.equal('+1 212 555 0142');
    expect(formatPhone('+34919930123')).to.equal('+34 919 93 01 23');
    for (const other of ['4102', 'sip:ben@example.com', '020 7946 0123', '+44 12', '']) expect(formatPhone(other)).to.equal(other);
  });

  it('the announcement of a new offer reads the number formatted', async () => {
    await phoneFormatReady();
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    await fixture<CallbackNotification>(html`<callback-notification .adapter=${cc} .clock=${clock}></callback-notification>`);
    await cc.offer('immediate', { contact: { name: '', phone: E164 } });
    expect(announcement()).to.equal(`New callback: Immediate, ${SHOWN}.`);
  });

  it('a web callback: case information, callback information, call status and case history show it formatted; Call dials E.164', async () => {
    await phoneFormatReady();
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('web-callback', { contact: { name: 'Olivia Bennett', phone: E164 }, behaviour: { ringMs: 1000 } });
    await cc.accept(offer.id);
    const el = await mount(cc, clock, offer.id);
    const s = { clock, cc, el, id: offer.id };
    expect(text(root(el).querySelector('[data-region=case-information] [data-key=number] dd'))).to.equal(SHOWN);
    expect(text(inner(el, 'callback-info'))).to.include(`Number ${SHOWN}`);
    expect(text(inner(el, 'call-status')!.querySelector('[part=number]'))).to.equal(SHOWN);
    expect(text(inner(el, 'contact-directory')!.querySelector('[data-field=phone] dd'))).to.equal(SHOWN);

    const requests: unknown[] = [];
    el.addEventListener('callback-action', (e) => requests.push(e.detail.args));
    await call(s);
    expect(requests).to.deep.equal([{ number: E164 }]);
    const dial = current(s).history.find((h) => h.kind === 'dial');
    expect(dial && dial.kind === 'dial' ? dial.number : '').to.equal(E164);
    clock.advance(1000);
    await settled(el);
    await waitUntil(() => text(inner(el, 'case-history')).includes(`Called ${SHOWN}`), `history: ${text(inner(el, 'case-history'))}`);
    expect(text(inner(el, 'case-history'))).to.not.include(E164);
    await act(s, 'end-call');
    // The editor keeps the number as stored, to copy or correct.
    const directory = () => inner(el, 'contact-directory')!;
    await waitUntil(() => directory().querySelector('[part~=edit-button]'), 'Edit contact');
    directory().querySelector<HTMLButtonElement>('[part~=edit-button]')!.click();
    await waitUntil(() => directory().querySelector('input[type=tel]'), 'contact editor');
    expect(directory().querySelector<HTMLInputElement>('input[type=tel]')!.value).to.equal(E164);
  });

  describe('copied', () => {
    /** Selects `node`'s text as the agent does with the mouse, presses Control+C, and returns what the clipboard was given. */
    async function copy(node: Node): Promise<string> {
      // As a mouse selects: WebKit ignores addRange() of a range inside a shadow root, but takes
      // setBaseAndExtent() there, as it does the agent's own selection.
      document.getSelection()!.setBaseAndExtent(node, 0, node, node.childNodes.length);
      let copied: string | undefined;
      // Last in the event's path: what the page's handlers left on the clipboard.
      const last = (e: ClipboardEvent) => {
        copied = e.defaultPrevented ? e.clipboardData!.getData('text/plain') : document.getSelection()!.toString();
      };
      window.addEventListener('copy', last);
      try {
        await sendKeys({ down: 'Control' });
        await sendKeys({ press: 'KeyC' });
        await sendKeys({ up: 'Control' });
        // Headless Chromium may not run the copy command from a key: the event the browser fires then.
        if (copied === undefined) document.body.dispatchEvent(new ClipboardEvent('copy', { clipboardData: new DataTransfer(), bubbles: true, composed: true, cancelable: true }));
      } finally {
        window.removeEventListener('copy', last);
        document.getSelection()!.removeAllRanges();
      }
      return copied!;
    }

    it('a number selected in the page and copied is the number as stored (E.164), in a sentence too', async () => {
      await phoneFormatReady();
      const clock = new ManualClock();
      const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
      const offer = await cc.offer('web-callback', { contact: { name: 'Olivia Bennett', phone: E164 }, behaviour: { ringMs: 1000 } });
      await cc.accept(offer.id);
      const el = await mount(cc, clock, offer.id);
      const shown = root(el).querySelector('[data-region=case-information] [data-key=number] dd')!;
      expect(text(shown)).to.equal(SHOWN);
      expect(await copy(shown)).to.equal(E164);
      const status = inner(el, 'call-status')!.querySelector('[part=number]')!;
      expect(text(status)).to.equal(SHOWN);
      expect(await copy(status)).to.equal(E164);
      const info = inner(el, 'callback-info')!;
      expect(await copy(info)).to.include(E164).and.not.include(SHOWN);
    });

    it('text without a number shown is copied as selected', async () => {
      const el = await fixture<HTMLParagraphElement>(html`<p>Call +44 20 7946 0999 tomorrow</p>`);
      expect(await copy(el)).to.equal('Call +44 20 7946 0999 tomorrow');
    });
  });
});


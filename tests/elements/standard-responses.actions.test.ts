import { expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-provider.js';
import type { ResponseInsertEvent, StandardResponses } from '../../src/standard-responses.js';
import { STANDARD_RESPONSES } from '../../src/adapters/simulated/index.js';
import { $, errorBox, html, mount, options, root, search, setup, status, text, titles, typeSearch } from '../helpers/standard-responses-fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** Replaces navigator.clipboard.writeText for one test (an own property over the prototype's method). */
function stubClipboard(write: (text: string) => Promise<void>) {
  Object.defineProperty(navigator.clipboard, 'writeText', { value: write, configurable: true, writable: true });
  return () => delete (navigator.clipboard as unknown as Record<string, unknown>)['writeText'];
}

async function showFirst(el: StandardResponses) {
  options(el)[0]!.click();
  await el.updateComplete;
}

const copyButton = (el: StandardResponses) => $<HTMLButtonElement>(el, '[part=copy-button]')!;
const insertButton = (el: StandardResponses) => $<HTMLButtonElement>(el, '[part=insert-button]')!;

describe('<standard-responses> actions', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it('copies the shown text to the clipboard and says so', async () => {
    const { cc, clock } = setup();
    const copied: string[] = [];
    restore = stubClipboard(async (t) => void copied.push(t));
    const el = await mount(cc, clock);
    expect($(el, '[part=copy-button]') === null, 'no Copy before a response is shown').to.equal(true);
    await showFirst(el);
    copyButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(copied).to.deep.equal([STANDARD_RESPONSES[0]!.body]);
    expect(text($(el, '[part=copy-status]'))).to.equal('Copied');
    expect($(el, '[part=copy-status]')!.getAttribute('role')).to.equal('status');
    expect($(el, '[part=copy-error]')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
    // Another response: the confirmation was about the previous one.
    options(el)[1]!.click();
    await el.updateComplete;
    expect(text($(el, '[part=copy-status]'))).to.equal('');
  });

  it('shows an error when the clipboard refuses', async () => {
    const { cc, clock } = setup();
    restore = stubClipboard(() => Promise.reject(new DOMException('Denied', 'NotAllowedError')));
    const el = await mount(cc, clock);
    await showFirst(el);
    copyButton(el).click();
    await settled(el);
    const error = $(el, '[part=copy-error]')!;
    expect(error.hidden).to.equal(false);
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.equal('Could not copy. Select the text and copy it by hand.');
    expect(text($(el, '[part=copy-status]'))).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('asks to insert the shown response into the note (response-insert), by keyboard', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const fired: ResponseInsertEvent[] = [];
    el.addEventListener('response-insert', (e) => fired.push(e));
    await typeSearch(el, clock, 'late fee');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(fired).to.have.length(0);
    const heard = oneEvent(document, 'response-insert');
    insertButton(el).focus();
    await sendKeys({ press: 'Enter' });
    const event = (await heard) as ResponseInsertEvent;
    const expected = STANDARD_RESPONSES.find((r) => r.id === 'resp-late-fee')!;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.response).to.deep.equal(expected);
    expect(event.detail.text).to.equal(expected.body);
    expect(fired).to.have.length(1);
    expect(text(insertButton(el))).to.equal('Insert into note');
  });

  it('shows a failed search, keeps the typed text, and searches again on Try again', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const errors: { action: string; code: string }[] = [];
    el.addEventListener('callback-error', (e) => errors.push({ action: e.detail.action, code: e.detail.code }));
    cc.failNext('searchResponses', 'network');
    await typeSearch(el, clock, 'voicemail');
    expect(errors).to.deep.equal([{ action: 'search-responses', code: 'network' }]);
    expect(errorBox(el).hidden).to.equal(false);
    expect(errorBox(el).getAttribute('role')).to.equal('alert');
    expect(text(errorBox(el))).to.equal('The contact center cannot be reached. Check the connection and try again. Try again');
    expect(search(el).value).to.equal('voicemail');
    expect(options(el)).to.have.length(0);
    expect(search(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.hasState('error')).to.equal(true);
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('.retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(errorBox(el).hidden).to.equal(true);
    expect(titles(el)).to.deep.equal(['Voicemail message']);
    expect(root(el).activeElement?.id).to.equal('search');
    expect(errors).to.have.length(1);
  });

  it('shows a failed first load with Try again, then the library and its categories', async () => {
    const { cc, clock } = setup();
    cc.failNext('searchResponses', 'timeout');
    const el = await mount(cc, clock);
    expect(text(errorBox(el))).to.equal('The contact center did not answer in time. Try again. Try again');
    expect(root(el).querySelectorAll('#category option')).to.have.length(1);
    root(el).querySelector<HTMLButtonElement>('.retry')!.click();
    await settled(el);
    expect(titles(el)).to.have.length(STANDARD_RESPONSES.length);
    expect(root(el).querySelectorAll('#category option')).to.have.length(6);
  });

  it('takes the directory and clock from a <callback-provider>, and shows nothing but the field without one', async () => {
    const { cc, clock } = setup();
    const provider = await fixture(html`<callback-provider .directoryAdapter=${cc} .clock=${clock}>
      <standard-responses></standard-responses>
    </callback-provider>`);
    const el = provider.querySelector('standard-responses')!;
    await settled(el);
    expect(titles(el)).to.have.length(STANDARD_RESPONSES.length);
    await typeSearch(el, clock, 'gdpr');
    expect(titles(el)).to.deep.equal(['Call recording notice']);

    const alone = await fixture<StandardResponses>(html`<standard-responses></standard-responses>`);
    await settled(alone);
    expect(options(alone)).to.have.length(0);
    expect(status(alone)).to.equal('');
    expect(errorBox(alone).hidden).to.equal(true);
  });

  it('leaves no timer or request behind once removed mid-search', async () => {
    const { cc, clock } = setup();
    const before = clock.pendingTimers;
    const el = await mount(cc, clock);
    el.focus();
    await sendKeys({ type: 'fee' });
    expect(clock.pendingTimers).to.equal(before + 1);
    el.remove();
    expect(clock.pendingTimers).to.equal(before);
    clock.advance(1_000);
    await settled(el);
    expect(status(el)).to.not.equal('Searching…');
  });
});

import { expect } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { STANDARD_RESPONSES } from '../../src/adapters/simulated/index.js';
import { $, activeTitle, categories, chooseCategory, html, mount, options, root, search, select, setup, spied, status, text, titles, typeSearch } from '../helpers/standard-responses-fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

const ALL = STANDARD_RESPONSES.map((r) => r.title);

describe('<standard-responses>', () => {
  it('lists the whole library with categories from its first answer, and is accessible', async () => {
    const { cc, clock } = setup();
    const { directory, queries } = spied(cc);
    const el = await mount(directory, clock);
    expect(queries).to.deep.equal([{}]);
    expect(titles(el)).to.deep.equal(ALL);
    expect(text(options(el)[0]!.querySelector('.option-category'))).to.equal('Greetings');
    expect(categories(el)).to.deep.equal(['All categories', 'Billing', 'Closing', 'Greetings', 'Scheduling', 'Security']);
    expect(select(el).value).to.equal('');
    expect(status(el)).to.equal(`${ALL.length} responses`);
    expect(search(el).getAttribute('role')).to.equal('combobox');
    expect(search(el).getAttribute('aria-expanded')).to.equal('true');
    expect(search(el).labels![0]!.textContent).to.equal('Search responses');
    expect(text($(el, '[part=reading-pane]'))).to.equal('Choose a response to read it here.');
    expect(el.hasState('showing')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('searches by keyword once typing pauses, in title, keywords and body, and keeps nothing stale', async () => {
    const { cc, clock } = setup();
    const { directory, queries } = spied(cc);
    const el = await mount(directory, clock);
    el.focus();
    await sendKeys({ type: 'dtm' });
    clock.advance(100);
    await settled(el);
    expect(queries).to.have.length(1);
    await sendKeys({ type: 'f' });
    clock.advance(149);
    await settled(el);
    expect(queries).to.have.length(1);
    clock.advance(1);
    await settled(el);
    expect(queries.slice(1)).to.deep.equal([{ text: 'dtmf' }]);
    expect(titles(el)).to.deep.equal(['Card payment by keypad']);
    expect(status(el)).to.equal('1 response');
    await typeSearch(el, clock, ' ');
    expect(queries.at(-1)).to.deep.equal({ text: 'dtmf' });
    search(el).select();
    await typeSearch(el, clock, 'good time');
    expect(titles(el)).to.deep.equal(['Callback greeting']);
  });

  it('filters by category (alone and with a keyword), from the select, the attribute and the property', async () => {
    const { cc, clock } = setup();
    const { directory, queries } = spied(cc);
    const el = await mount(directory, clock);
    await chooseCategory(el, 'Security');
    expect(queries.at(-1)).to.deep.equal({ category: 'Security' });
    expect(titles(el)).to.deep.equal(['Identity check', 'Call recording notice']);
    await typeSearch(el, clock, 'record');
    expect(queries.at(-1)).to.deep.equal({ text: 'record', category: 'Security' });
    expect(titles(el)).to.deep.equal(['Call recording notice']);
    await chooseCategory(el, 'Billing');
    expect(status(el)).to.equal('No responses in Billing match “record”.');
    expect(el.hasState('empty')).to.equal(true);

    const initial = spied(cc);
    const attr = await mount(initial.directory, clock, html`<standard-responses category="Billing"></standard-responses>`);
    expect(initial.queries).to.deep.equal([{}, { category: 'Billing' }]);
    expect(titles(attr)).to.deep.equal(['Card payment by keypad', 'Late fee waiver']);
    expect(select(attr).value).to.equal('Billing');
    attr.category = 'Scheduling';
    await settled(attr);
    expect(select(attr).value).to.equal('Scheduling');
    expect(titles(attr)).to.deep.equal(['Offer another time', 'Voicemail message']);
  });

  it('says so when nothing matches, with the list gone, and stays accessible', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    await typeSearch(el, clock, 'zzqx');
    expect(status(el)).to.equal('No responses match “zzqx”.');
    expect(options(el)).to.have.length(0);
    expect($(el, '[role=listbox]')!.hidden).to.equal(true);
    expect(search(el).getAttribute('aria-expanded')).to.equal('false');
    expect(search(el).value).to.equal('zzqx');
    await expect(el).to.be.accessible();
  });

  it('moves through the results with the arrow keys and shows the active one with Enter, focus staying in the field', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeTitle(el)).to.equal(ALL[0]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(activeTitle(el)).to.equal(ALL[1]);
    expect(options(el)[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.hasState('showing')).to.equal(true);
    expect(text($(el, '[part=response-title]'))).to.equal('Identity check');
    expect(text($(el, '.shown-category'))).to.equal('Security');
    expect($(el, '[part=body]')!.textContent).to.equal(STANDARD_RESPONSES[1]!.body);
    expect(options(el)[1]!.getAttribute('aria-current')).to.equal('true');
    expect(root(el).activeElement?.id).to.equal('search');
    await expect(el).to.be.accessible();
    // Up from nothing goes to the last; Escape leaves the list, then clears the text.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(activeTitle(el)).to.equal('none');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(activeTitle(el)).to.equal(ALL.at(-1));
    await sendKeys({ press: 'Escape' });
    await typeSearch(el, clock, 'fee');
    expect(titles(el)).to.deep.equal(['Late fee waiver']);
    await sendKeys({ press: 'Escape' });
    await settled(el);
    expect(search(el).value).to.equal('');
    expect(titles(el)).to.deep.equal(ALL);
    // The shown response stays while the agent searches on.
    expect(text($(el, '[part=response-title]'))).to.equal('Identity check');
  });

  it('shows a response on click', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    options(el)[4]!.click();
    await el.updateComplete;
    expect(text($(el, '[part=response-title]'))).to.equal('Late fee waiver');
    expect(activeTitle(el)).to.equal('Late fee waiver');
  });

  it('shows a body full of markup as plain text, line breaks kept', async () => {
    const { cc, clock } = setup();
    const hostile = STANDARD_RESPONSES.find((r) => r.id === 'resp-pasted-markup')!;
    const el = await mount(cc, clock);
    await typeSearch(el, clock, 'pasted');
    expect(titles(el)).to.deep.equal([hostile.title]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const body = $(el, '[part=body]')!;
    expect(body.textContent).to.equal(hostile.body);
    expect(body.textContent).to.include('<script>');
    expect(text($(el, '[part=response-title]'))).to.equal('Pasted <b>apology</b> & "quotes"');
    expect(root(el).querySelector('img, script, a, b') === null, 'markup stayed text').to.equal(true);
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-wrap');
    expect(body.getBoundingClientRect().height).to.be.greaterThan(3 * parseFloat(getComputedStyle(body).lineHeight || '16'));
    await expect(el).to.be.accessible();
  });

  it('focus() puts the keyboard in the search field', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    el.focus();
    expect(root(el).activeElement?.id).to.equal('search');
    expect(document.activeElement?.localName).to.equal('standard-responses');
  });
});
